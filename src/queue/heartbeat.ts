/**
 * Live workers: each `wordmill worker` keeps a small hash in Redis
 * (host, pid, threads, jobs done…) and renews its expiry every few seconds.
 * A worker that dies stops renewing and drops out of `workers status` by
 * itself, with no clean-up needed. A sorted set beside the hashes (id → when
 * its beat expires) lets producers, who look every second, find the live ones
 * without scanning the keyspace, where BullMQ keeps a hash per job.
 */
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';

export const HEARTBEAT_MS = 5000;
/** Three missed beats and the worker counts as gone. */
export const HEARTBEAT_TTL_MS = 3 * HEARTBEAT_MS;

export interface WorkerInfo {
  id: string;
  host: string;
  pid: number;
  threads: number;
  concurrency: number;
  /** Absolute path of the worker's --out: where its result files are. */
  out: string;
  /** Jobs it runs now; the worker beats as soon as one ends, so this never lags the queue's own count. */
  active: number;
  done: number;
  failed: number;
  startedAt: string;
  lastSeen: string;
}

export const workerKeyPrefix = (prefix: string, queue: string): string => `${prefix}:${queue}:wordmill:worker:`;

/** The index of the hashes under `keyPrefix`; `live` can never be an id (`host:pid`). */
const indexKeyOf = (keyPrefix: string): string => `${keyPrefix}live`;
/**
 * Long, not the beat's: workers beat at different rates, and one with a short beat would cut the
 * index's life short for all. Readers prune expired entries; the key goes a day after the last worker.
 */
const INDEX_TTL_MS = 24 * 3_600_000;

export const workerId = (): string => `${hostname()}:${process.pid}`;

/**
 * While other jobs are still active, beats for ended jobs wait this long after the previous one:
 * with a beat per Redis round trip, a worker finishing a thousand small jobs a second still sent
 * about one beat per three jobs (a transaction of four commands each). The beat that matters,
 * the one when the last active job ends, is never delayed.
 */
export const JOB_BEAT_GAP_MS = 100;

export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;
  private readonly key: string;
  private readonly index: string;
  private readonly id: string;
  private inFlight: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private lastSentAt = 0;
  private trailing: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: Redis,
    keyPrefix: string,
    private readonly read: () => WorkerInfo,
    private readonly intervalMs = HEARTBEAT_MS,
  ) {
    this.id = read().id;
    this.key = keyPrefix + this.id;
    this.index = indexKeyOf(keyPrefix);
  }

  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat().catch(() => {}), this.intervalMs);
    this.timer.unref();
  }

  /**
   * A beat for a job that ended: now when the worker has none left (so no status shows jobs active
   * on workers once the queue reports none running); else one at most every JOB_BEAT_GAP_MS and
   * none while one is in flight (when it ends, the one that came due meanwhile follows).
   */
  jobEnded(active: number): void {
    if (active === 0) {
      // Even with one in flight: that one may carry a count taken before this job ended.
      this.clearTrailing();
      this.again = false;
      this.send();
      return;
    }
    if (this.inFlight !== undefined) {
      this.again = true;
      return;
    }
    const wait = this.lastSentAt + JOB_BEAT_GAP_MS - Date.now();
    if (wait <= 0) {
      this.clearTrailing();
      this.send();
    } else {
      this.trailing ??= setTimeout(() => {
        this.trailing = undefined;
        if (this.inFlight === undefined) this.send();
        else this.again = true;
      }, wait);
      this.trailing.unref();
    }
  }

  private clearTrailing(): void {
    clearTimeout(this.trailing);
    this.trailing = undefined;
  }

  private send(): void {
    // A beat after stop() would bring back the worker key stop() removed (a ghost until its TTL).
    if (this.stopped) return;
    this.lastSentAt = Date.now();
    const sent = this.beat().catch(() => {});
    this.inFlight = sent;
    void sent.then(() => {
      if (this.inFlight !== sent) return;
      this.inFlight = undefined;
      if (this.again) {
        this.again = false;
        // Jobs ended meanwhile: beat now if none is left, else when the gap allows.
        this.jobEnded(this.read().active);
      }
    });
  }

  async beat(): Promise<void> {
    const info = { ...this.read(), lastSeen: new Date().toISOString() };
    const fields = Object.entries(info).flatMap(([k, v]) => [k, String(v)]);
    const ttl = this.intervalMs * 3;
    await this.client.multi()
      .hset(this.key, ...fields).pexpire(this.key, ttl)
      .zadd(this.index, Date.now() + ttl, this.id).pexpire(this.index, INDEX_TTL_MS)
      .exec();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.clearTrailing();
    await this.client.multi().del(this.key).zrem(this.index, this.id).exec().catch(() => {});
  }
}

export async function listWorkers(client: Redis, keyPrefix: string): Promise<WorkerInfo[]> {
  const index = indexKeyOf(keyPrefix);
  const now = Date.now();
  const [, live] = (await client.multi().zremrangebyscore(index, '-inf', now).zrangebyscore(index, now, '+inf').exec()) ?? [];
  const ids = (live?.[1] ?? []) as string[];
  // The hash is the truth (its own expiry): an index entry may outlive a hash a beat or so.
  const hashes = await Promise.all(ids.map((id) => client.hgetall(keyPrefix + id)));
  return hashes
    .filter((h) => h.id !== undefined)
    .map((h) => ({
      id: h.id!,
      host: h.host ?? '',
      pid: Number(h.pid),
      threads: Number(h.threads),
      concurrency: Number(h.concurrency),
      out: h.out ?? '',
      active: Number(h.active),
      done: Number(h.done),
      failed: Number(h.failed),
      startedAt: h.startedAt ?? '',
      lastSeen: h.lastSeen ?? '',
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
}
