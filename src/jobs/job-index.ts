/**
 * The job-status index: recent job records for status queries (HTTP
 * `GET /v1/jobs/:id`, `GET /v1/jobs`). Fed only by engine events, so every
 * input sees the same truth.
 * Bounded: finished records expire after `ttlMs` and the oldest finished ones
 * go first past `maxRecords`; active jobs are never evicted (the engine's
 * queue already bounds them).
 */
import type { EventEmitter } from 'node:events';
import type { Job, JobResult } from '../dispatch/job.ts';
import type { ErrorCode, WordmillError } from '../errors.ts';
import type { EngineEvents } from '../events.ts';

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export interface JobRecord {
  id: string;
  status: JobStatus;
  task: string;
  source: string;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  result?: JobResult;
  error?: { code: ErrorCode; message: string };
}

export interface JobIndexOptions {
  maxRecords: number;
  ttlMs: number;
  now?: () => number;
}

interface Entry {
  record: JobRecord;
  finishedMs?: number;
}

const FINISHED: ReadonlySet<JobStatus> = new Set(['done', 'failed', 'cancelled']);

export const isFinished = (status: JobStatus): boolean => FINISHED.has(status);

export class JobIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly waiters = new Map<string, Set<(record: JobRecord) => void>>();
  private readonly evictListeners: Array<(id: string) => void> = [];
  private readonly now: () => number;
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: JobIndexOptions) {
    this.now = options.now ?? Date.now;
    this.sweeper = setInterval(() => this.prune(), Math.max(1000, Math.min(options.ttlMs, 30_000)));
    this.sweeper.unref();
  }

  /** Follows an engine's events; returns the function that stops following. */
  attach(events: EventEmitter<EngineEvents>): () => void {
    const queued = (job: Job): void => this.onQueued(job);
    const started = (job: Job): void => void this.update(job.id, { status: 'running', startedAt: this.iso() });
    const done = (job: Job, result: JobResult): void => this.finish(job.id, { status: 'done', result });
    const failed = (job: Job, error: WordmillError): void =>
      this.finish(job.id, { status: error.code === 'E_CANCELLED' ? 'cancelled' : 'failed', error: error.toJSON() });
    events.on('job:queued', queued).on('job:started', started).on('job:done', done).on('job:failed', failed);
    return () => {
      events.off('job:queued', queued).off('job:started', started).off('job:done', done).off('job:failed', failed);
    };
  }

  /** Calls `listener` with the id of every record that expires or is pushed out (what hangs off a record goes with it). */
  onEvict(listener: (id: string) => void): void {
    this.evictListeners.push(listener);
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  get(id: string): JobRecord | undefined {
    const entry = this.entries.get(id);
    if (entry && this.expired(entry)) {
      this.evict(id);
      return undefined;
    }
    return entry?.record;
  }

  /** Newest first. */
  list(filter: { status?: JobStatus; limit: number }): JobRecord[] {
    this.prune();
    const out: JobRecord[] = [];
    for (const { record } of [...this.entries.values()].reverse()) {
      if (filter.status !== undefined && record.status !== filter.status) continue;
      out.push(record);
      if (out.length >= filter.limit) break;
    }
    return out;
  }

  /** Ids of jobs that are queued or running. */
  activeIds(): string[] {
    return [...this.entries.values()].filter((e) => !isFinished(e.record.status)).map((e) => e.record.id);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Records a job that is known to be queued before the engine has it (one recovered from the journal). */
  add(job: Job): void {
    this.onQueued(job);
  }

  /** Resolves with the finished record, or undefined after `timeoutMs`, on abort, or for an unknown job. */
  whenSettled(id: string, timeoutMs: number, signal?: AbortSignal): Promise<JobRecord | undefined> {
    const record = this.get(id);
    if (!record || isFinished(record.status)) return Promise.resolve(record);
    // An aborted signal never fires 'abort' again: without this the wait ran to its timeout.
    if (signal?.aborted) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const set = this.waiters.get(id) ?? new Set();
      this.waiters.set(id, set);
      const settle = (value: JobRecord | undefined): void => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        set.delete(waiter);
        if (set.size === 0 && this.waiters.get(id) === set) this.waiters.delete(id);
        resolve(value);
      };
      const waiter = (finished: JobRecord): void => settle(finished);
      const onAbort = (): void => settle(undefined);
      const timer = setTimeout(() => settle(undefined), timeoutMs);
      signal?.addEventListener('abort', onAbort, { once: true });
      set.add(waiter);
    });
  }

  close(): void {
    clearInterval(this.sweeper);
  }

  private onQueued(job: Job): void {
    this.entries.delete(job.id); // a re-run id moves to the newest end
    const record: JobRecord = { id: job.id, status: 'queued', task: job.task, source: job.source, createdAt: this.iso() };
    this.entries.set(job.id, { record });
    if (this.entries.size > this.options.maxRecords) this.pruneExcess();
  }

  private update(id: string, patch: Partial<JobRecord>): JobRecord | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    entry.record = { ...entry.record, ...patch };
    return entry.record;
  }

  private finish(id: string, patch: Partial<JobRecord>): void {
    const record = this.update(id, { ...patch, finishedAt: this.iso() });
    const entry = this.entries.get(id);
    if (!record || !entry) return;
    entry.finishedMs = this.now();
    for (const waiter of this.waiters.get(id) ?? []) waiter(record);
  }

  private prune(): void {
    let excess = this.entries.size - this.options.maxRecords;
    for (const [id, entry] of this.entries) {
      if (entry.finishedMs === undefined) continue;
      if (excess > 0 || this.expired(entry)) {
        this.evict(id);
        excess--;
      }
    }
  }

  /**
   * Past `maxRecords`, the oldest finished records go, from the oldest end, and no further:
   * a full sweep (expiry included) on every new job cost ~140 µs a job at 10,000 records.
   * Expired records go with the periodic sweep and when read.
   */
  private pruneExcess(): void {
    let excess = this.entries.size - this.options.maxRecords;
    for (const [id, entry] of this.entries) {
      if (excess <= 0) return;
      if (entry.finishedMs === undefined) continue;
      this.evict(id);
      excess--;
    }
  }

  private expired(entry: Entry): boolean {
    return entry.finishedMs !== undefined && this.now() - entry.finishedMs > this.options.ttlMs;
  }

  private evict(id: string): void {
    this.entries.delete(id);
    for (const listener of this.evictListeners) listener(id);
  }

  private iso(): string {
    return new Date(this.now()).toISOString();
  }
}
