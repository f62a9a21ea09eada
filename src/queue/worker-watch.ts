/**
 * Whether anyone consumes the queue. A producer (`process --queue`,
 * `serve --queue`) with no live `wordmill worker` would otherwise wait in
 * silence: this reads the workers' heartbeat keys every few seconds and calls
 * `onNone` once the queue has had none for `graceMs`, again every `repeatMs`
 * while that lasts, and `onBack` when one appears.
 */
import type { Redis } from 'ioredis';
import { createClient } from './connection.ts';
import { listWorkers, workerKeyPrefix } from './heartbeat.ts';
import type { WorkerInfo } from './heartbeat.ts';

export const WORKER_WATCH_DEFAULTS = Object.freeze({
  pollMs: 1000,
  /** A worker that is starting or restarting gets this long before anyone is told. */
  graceMs: 2000,
  /** How often the warning repeats: often enough to be seen in a log, rarely enough not to drown it. */
  repeatMs: 30_000,
});

export interface WorkerWatchHooks {
  /** No live worker for `forMs`; `repeat` counts the warnings before this one. */
  onNone(forMs: number, repeat: number): void;
  /** Workers are live again after at least one `onNone`. */
  onBack(workers: WorkerInfo[]): void;
}

export interface WorkerWatchOptions {
  prefix: string;
  name: string;
  pollMs?: number;
  graceMs?: number;
  repeatMs?: number;
}

export class WorkerWatch {
  /** Every worker seen live while watching, by id (their `out` says where results went). */
  readonly seen = new Map<string, WorkerInfo>();
  private readonly timer: NodeJS.Timeout;
  private readonly keyPrefix: string;
  private readonly timing: Required<Pick<WorkerWatchOptions, 'pollMs' | 'graceMs' | 'repeatMs'>>;
  private noneSince: number | undefined;
  private warnings = 0;
  private nextWarningAt = 0;
  private polling: Promise<void> | undefined;

  constructor(
    private readonly client: Redis,
    options: WorkerWatchOptions,
    private readonly hooks: WorkerWatchHooks,
  ) {
    this.keyPrefix = workerKeyPrefix(options.prefix, options.name);
    this.timing = {
      pollMs: options.pollMs ?? WORKER_WATCH_DEFAULTS.pollMs,
      graceMs: options.graceMs ?? WORKER_WATCH_DEFAULTS.graceMs,
      repeatMs: options.repeatMs ?? WORKER_WATCH_DEFAULTS.repeatMs,
    };
    this.noneSince = Date.now();
    this.timer = setInterval(() => void this.poll(), this.timing.pollMs);
    this.timer.unref();
    void this.poll();
  }

  /** Whether the last thing said was a warning (no worker yet since). */
  get warning(): boolean {
    return this.warnings > 0;
  }

  /** Looks now, after any look in progress (a run that ends right after a worker appeared still says so). */
  async check(): Promise<void> {
    await this.polling;
    await this.poll();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private poll(): Promise<void> {
    this.polling ??= listWorkers(this.client, this.keyPrefix)
      .then((workers) => this.observe(workers))
      // Redis hiccup: the producer's own calls report an outage; a missed poll only delays a warning.
      .catch(() => {})
      .finally(() => (this.polling = undefined));
    return this.polling;
  }

  private observe(workers: WorkerInfo[]): void {
    const now = Date.now();
    for (const worker of workers) this.seen.set(worker.id, worker);
    if (workers.length > 0) {
      if (this.warnings > 0) this.hooks.onBack(workers);
      this.noneSince = undefined;
      this.warnings = 0;
      this.nextWarningAt = 0;
      return;
    }
    this.noneSince ??= now;
    const quietFor = now - this.noneSince;
    if (quietFor < this.timing.graceMs || now < this.nextWarningAt) return;
    this.hooks.onNone(quietFor, this.warnings++);
    this.nextWarningAt = now + this.timing.repeatMs;
  }
}

/** A watch on its own Redis connection; `stop()` ends both. */
export function watchWorkers(url: string, options: WorkerWatchOptions, hooks: WorkerWatchHooks): { watch: WorkerWatch; stop(): void } {
  const client = createClient(url);
  client.on('error', () => {});
  const watch = new WorkerWatch(client, options, hooks);
  return {
    watch,
    stop() {
      watch.stop();
      client.disconnect();
    },
  };
}
