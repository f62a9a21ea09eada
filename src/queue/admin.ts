/** A short-lived connection for the `jobs` and `workers` commands. */
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { assertReachable, connectionFor, createClient } from './connection.ts';
import { QUEUE_DEFAULTS } from './options.ts';

export interface QueueAdmin {
  queue: Queue;
  client: Redis;
  prefix: string;
  name: string;
  close(): Promise<void>;
}

export async function openQueueAdmin(url: string, name: string, prefix: string = QUEUE_DEFAULTS.prefix): Promise<QueueAdmin> {
  await assertReachable(url);
  const queue = new Queue(name, { connection: connectionFor(url), prefix });
  const client = createClient(url);
  queue.on('error', () => {});
  client.on('error', () => {});
  return {
    queue,
    client,
    prefix,
    name,
    async close() {
      await queue.close();
      client.disconnect();
    },
  };
}
