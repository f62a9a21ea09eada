/** Tasks selected by name from every input: HTTP (query and body), MQTT (topic and envelope), the Redis queue. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobResult } from '../../src/dispatch/job.ts';
import { createEngine } from '../../src/create-engine.ts';
import { startQueueWorker } from '../../src/queue/queue-worker.ts';
import { jsonBody, serviceForSuite, textBody } from '../helpers/http-service.ts';
import { BROKER_TARGETS } from '../helpers/mqtt-brokers.ts';
import { startStack } from '../helpers/mqtt-stack.ts';
import type { Stack } from '../helpers/mqtt-stack.ts';
import { describeWithRedis, REDIS_URL } from '../helpers/redis-available.ts';
import { removeQueue, uniqueQueueName } from '../helpers/redis-queue.ts';

const TEXT = 'The quick brown fox jumps. I love the quick brown fox! Terrible weather.';

describe('tasks over HTTP', () => {
  const t = serviceForSuite({ threads: 1 }, { concurrency: 1 });

  it('takes the task and its options from the query', async () => {
    const res = await t.call('/v1/jobs?task=ngrams&n=3&top=1&wait=true', textBody(TEXT));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ task: 'ngrams', totalWords: 13, options: { n: 3, top: 1, stopwords: 'en' }, ngrams: [{ ngram: 'quick brown fox', count: 2 }] });
  });

  it('takes the task and its options from a JSON body', async () => {
    const res = await t.call('/v1/jobs?wait=true', jsonBody({ task: 'sentiment', text: TEXT, options: { sentences: 1 } }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ task: 'sentiment', sentiment: { score: 0, mostPositive: [{ index: 1, score: 3 }], mostNegative: [{ index: 2, score: -3 }] } });
  });

  it('answers 422 with a named code for an unsupported language or an option of another task', async () => {
    const lang = await t.call('/v1/jobs?task=sentiment&language=fr&wait=true', textBody(TEXT));
    expect(lang.status).toBe(422);
    expect(lang.body).toMatchObject({ code: 'E_UNSUPPORTED_LANGUAGE' });
    const other = await t.call('/v1/jobs?wait=true', jsonBody({ task: 'stats', text: TEXT, options: { n: 2 } }));
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ code: 'E_INVALID_JOB' });
    expect(String(other.body['detail'])).toMatch(/stats option.*"n"/);
  });
});

const aedes = BROKER_TARGETS[0]!;
describe('tasks over MQTT', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.teardown();
    stack = undefined;
  });

  it('takes the task from the topic, options from the envelope', async () => {
    stack = await startStack(aedes);
    const results = await stack.record([`${stack.prefix}/results/#`]);
    await results.publish(`${stack.prefix}/jobs/stats`, TEXT);
    await results.publish(`${stack.prefix}/jobs/anything`, JSON.stringify({ task: 'keywords', text: TEXT, options: { top: 1 } }));
    const replies = await results.until((r) => r.length === 2);
    const byTask = new Map(replies.map((r) => [r.json['task'], r.json]));
    expect(byTask.get('stats')).toMatchObject({ stats: { words: 13, sentences: 3 } });
    expect(byTask.get('keywords')).toMatchObject({ documents: 1, keywords: [{ word: 'brown', count: 2, df: 1 }] });
  });
});

describeWithRedis('tasks through the Redis queue', () => {
  it('validates task options in the payload and gives the local answer', async () => {
    const name = uniqueQueueName('tasks');
    const out = await mkdtemp(join(tmpdir(), 'wm-tasks-queue-'));
    const worker = await startQueueWorker({ url: REDIS_URL, name, threads: 1, out });
    const engine = createEngine({ threads: 1, outDir: null, queue: { url: REDIS_URL, name, backoffMs: 50 } });
    const local = createEngine({ threads: 1, outDir: null });
    try {
      await engine.ready();
      const comparable = ({ id: _i, durationMs: _d, finishedAt: _f, worker: _w, writtenTo: _p, ...rest }: JobResult) => rest;
      for (const job of [{ task: 'ngrams', options: { n: 2 } }, { task: 'wordcount', options: { stem: 'en' as const } }]) {
        const expected = await local.submit({ ...job, input: { text: TEXT } });
        expect(comparable(await engine.submit({ ...job, input: { text: TEXT } }))).toEqual(comparable(expected));
      }
    } finally {
      await engine.close();
      await local.close();
      await worker.close();
      await removeQueue(name);
      await rm(out, { recursive: true, force: true });
    }
  });
});
