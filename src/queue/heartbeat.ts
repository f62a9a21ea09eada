/**
 * Live workers: each `wordmill worker` keeps a small hash in Redis
 * (host, pid, threads, jobs done…) and renews its expiry every few seconds.
 * A worker that dies stops renewing and drops out of `workers status` by
 * itself, with no clean-up needed.
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

export const workerId = (): string => `${hostname()}:${process.pid}`;

export class Heartbeat {
  private timer: NodeJS.Timeout | undefined;
  private readonly key: string;

  constructor(
    private readonly client: Redis,
    keyPrefix: string,
    private readonly read: () => WorkerInfo,
    private readonly intervalMs = HEARTBEAT_MS,
  ) {
    this.key = keyPrefix + read().id;
  }

  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat().catch(() => {}), this.intervalMs);
    this.timer.unref();
  }

  async beat(): Promise<void> {
    const info = { ...this.read(), lastSeen: new Date().toISOString() };
    const fields = Object.entries(info).flatMap(([k, v]) => [k, String(v)]);
    await this.client.multi().hset(this.key, ...fields).pexpire(this.key, this.intervalMs * 3).exec();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.client.del(this.key).catch(() => {});
  }
}

export async function listWorkers(client: Redis, keyPrefix: string): Promise<WorkerInfo[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await client.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 200);
    cursor = next;
    keys.push(...found);
  } while (cursor !== '0');
  const hashes = await Promise.all(keys.map((key) => client.hgetall(key)));
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
