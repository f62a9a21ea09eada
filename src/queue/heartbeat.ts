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

export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;
  private readonly key: string;
  private readonly index: string;
  private readonly id: string;
  private inFlight: Promise<void> | undefined;
  private again = false;

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
   * on workers once the queue reports none running), else at most one in flight, with one more after
   * it when jobs ended meanwhile: many jobs a second cost a beat per round trip, not one each.
   */
  jobEnded(active: number): void {
    if (active === 0 || this.inFlight === undefined) {
      this.send();
      return;
    }
    this.again = true;
  }

  private send(): void {
    const sent = this.beat().catch(() => {});
    this.inFlight = sent;
    void sent.then(() => {
      if (this.inFlight !== sent) return;
      this.inFlight = undefined;
      if (this.again) {
        this.again = false;
        this.send();
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
    clearInterval(this.timer);
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
