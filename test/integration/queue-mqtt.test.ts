/** MQTT in queue mode: a message becomes a queued job, a worker runs it, the reply and file are as without the queue. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { startQueueWorker } from '../../src/queue/queue-worker.ts';
import type { RunningQueueWorker } from '../../src/queue/queue-worker.ts';
import { BROKER_TARGETS } from '../helpers/mqtt-brokers.ts';
import { startStack } from '../helpers/mqtt-stack.ts';
import type { Stack } from '../helpers/mqtt-stack.ts';
import { describeWithRedis, REDIS_URL } from '../helpers/redis-available.ts';
import { removeQueue, uniqueQueueName } from '../helpers/redis-queue.ts';

const TEXT = 'The quick brown fox jumps over the lazy dog. The dog sleeps.';
const embedded = BROKER_TARGETS[0]!;

describeWithRedis('queue mode: MQTT input', () => {
  let stack: Stack | undefined;
  let worker: RunningQueueWorker | undefined;
  let name = '';
  afterEach(async () => {
    await stack?.teardown();
    await worker?.close();
    await removeQueue(name);
  });

  it('replies with the worker\'s result on the results topic and errors on the errors topic', async () => {
    name = uniqueQueueName('mqtt');
    stack = await startStack(embedded, () => ({}), { queue: { url: REDIS_URL, name } });
    worker = await startQueueWorker({ url: REDIS_URL, name, threads: 1, out: stack.outDir, lockDurationMs: 2000, stalledIntervalMs: 1000 });
    const { prefix } = stack;
    const replies = await stack.record([`${prefix}/results/#`, `${prefix}/errors/#`]);
    await replies.publish(`${prefix}/jobs/wordcount`, TEXT);
    await replies.publish(`${prefix}/jobs/wordcount`, JSON.stringify({ id: 'mqtt-binary', text: 'a\u0000b' }));
    const got = await replies.until((r) => r.length === 2);
    const result = got.find((r) => r.topic.startsWith(`${prefix}/results/`))!;
    const id = String(result.json['id']);
    expect(result.json).toMatchObject({ totalWords: 12, uniqueWords: 9, source: `mqtt:${prefix}/jobs/wordcount` });
    const file = JSON.parse(await readFile(join(stack.outDir, `mqtt_${id}.json`), 'utf8')) as Record<string, unknown>;
    // The reply names the file the worker wrote; the file is the result itself.
    const { writtenTo, ...reply } = result.json;
    expect(writtenTo).toBe(join(stack.outDir, `mqtt_${id}.json`));
    expect(file).toEqual(reply);
    const error = got.find((r) => r.topic.startsWith(`${prefix}/errors/`))!;
    // Failed on the worker, reported with the code the local pool gives.
    expect(error.json).toMatchObject({ id: 'mqtt-binary', error: { code: 'E_BINARY_INPUT' } });
    expect(worker.info()).toMatchObject({ done: 1, failed: 1 });
  });
});
