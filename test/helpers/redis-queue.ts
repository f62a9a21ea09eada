/** A unique BullMQ queue per test, and its removal (jobs, events, worker heartbeats) afterwards. */
import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { workerKeyPrefix } from '../../src/queue/heartbeat.ts';
import { REDIS_URL } from './redis-available.ts';

export const uniqueQueueName = (tag: string): string => `wm-test-${tag}-${randomBytes(4).toString('hex')}`;

/** A Queue handle for inspecting (and finally obliterating) the test's queue. */
export function openTestQueue(name: string): Queue {
  const queue = new Queue(name, { connection: { url: REDIS_URL, maxRetriesPerRequest: null } });
  queue.on('error', () => {});
  return queue;
}

export async function removeQueue(name: string): Promise<void> {
  const queue = openTestQueue(name);
  const client = new Redis(REDIS_URL);
  try {
    await queue.obliterate({ force: true });
    const keys = await client.keys(`${workerKeyPrefix('bull', name)}*`);
    const rest = await client.keys(`bull:${name}:*`);
    if (keys.length + rest.length > 0) await client.del(...keys, ...rest);
  } finally {
    await queue.close();
    client.disconnect();
  }
}

/** Polls `check` until it returns a value other than undefined (or throws after `timeoutMs`). */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
