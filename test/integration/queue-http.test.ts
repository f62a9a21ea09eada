/**
 * `serve --queue`: the HTTP API answers the same in queue mode as with local
 * threads (statuses, bodies, error codes), the worker writes the result file
 * into the shared output folder, and /v1/stats shows the queue's figures.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startQueueWorker } from '../../src/queue/queue-worker.ts';
import type { RunningQueueWorker } from '../../src/queue/queue-worker.ts';
import { jsonBody, startTestService, textBody } from '../helpers/http-service.ts';
import type { Answer, TestService } from '../helpers/http-service.ts';
import { pollUntilFinished } from '../helpers/http-poll.ts';
import { describeWithRedis, REDIS_URL } from '../helpers/redis-available.ts';
import { removeQueue, uniqueQueueName } from '../helpers/redis-queue.ts';

type Json = Record<string, unknown>;
const volatile = ({ id: _i, durationMs: _d, finishedAt: _f, worker: _w, writtenTo: _p, ...rest }: Json): Json => rest;

describeWithRedis('queue mode: HTTP service', () => {
  const name = uniqueQueueName('http');
  let queued: TestService;
  let local: TestService;
  let worker: RunningQueueWorker;

  beforeAll(async () => {
    queued = await startTestService({ threads: 1, queue: REDIS_URL, queueName: name });
    local = await startTestService({ threads: 1 });
    worker = await startQueueWorker({ url: REDIS_URL, name, threads: 1, out: queued.outDir, lockDurationMs: 2000, stalledIntervalMs: 1000 });
  });
  afterAll(async () => {
    await queued?.stop();
    await local?.stop();
    await worker?.close();
    await removeQueue(name);
  });

  /** The same request to both services. */
  const both = async (path: string, init: () => RequestInit): Promise<[Answer, Answer]> =>
    Promise.all([queued.call(path, init()), local.call(path, init())]);

  it('wait=true answers 200 with the same result; the worker wrote the file', async () => {
    const [q, l] = await both('/v1/jobs?wait=true&top=3', () => textBody('The cat and the hat. The end, the cat.'));
    expect(q.status).toBe(200);
    expect(volatile(q.body)).toEqual(volatile(l.body));
    expect(l.body['writtenTo']).toBeUndefined();
    const { writtenTo, ...result } = q.body;
    expect(writtenTo).toBe(join(queued.outDir, `http_${String(q.body['id'])}.json`));
    const files = await queued.outputs();
    expect(files.find((f) => f['id'] === q.body['id'])).toEqual(result);
  });

  it('202, then GET shows the job done with its result; an idempotency key returns the same job', async () => {
    const first = await queued.call('/v1/jobs', jsonBody({ text: 'b a b c b a', options: { top: 2, stopwords: 'none' } }, { 'idempotency-key': 'k1' }));
    expect(first.status).toBe(202);
    const id = String(first.body['id']);
    const again = await queued.call('/v1/jobs', jsonBody({ text: 'b a b c b a', options: { top: 2, stopwords: 'none' } }, { 'idempotency-key': 'k1' }));
    expect(again.body['id']).toBe(id);
    const done = await pollUntilFinished(queued, id);
    expect(done).toMatchObject({ id, status: 'done', result: { id, top: [{ word: 'b', count: 3 }, { word: 'a', count: 2 }] } });
  });

  it('errors keep their status and code: binary input fails on the worker like on local threads', async () => {
    const binary = (): RequestInit => ({ method: 'POST', headers: { 'content-type': 'text/plain' }, body: Buffer.from([0x61, 0, 0x62]) });
    const [q, l] = await both('/v1/jobs?wait=true', binary);
    expect(q.status).toBe(l.status);
    expect(q.body['code']).toBe('E_BINARY_INPUT');
    expect(q.body['code']).toBe(l.body['code']);
    const [uq, ul] = await both('/v1/jobs?wait=true&task=nope', () => textBody('x'));
    expect([uq.status, uq.body['code']]).toEqual([ul.status, ul.body['code']]);
  });

  it('GET /v1/stats shows queue counts and live workers', async () => {
    const stats = await queued.call<Json>('/v1/stats');
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ mode: 'queue', queue: { queue: name, totals: { workers: 1, threads: 1 } } });
    const queue = stats.body['queue'] as { counts: { done: number; failed: number }; workers: Array<{ id: string }> };
    expect(queue.counts.done).toBeGreaterThanOrEqual(2);
    expect(queue.counts.failed).toBeGreaterThanOrEqual(1);
    expect(queue.workers.map((w) => w.id)).toEqual([worker.id]);
    expect((await local.call<Json>('/v1/stats')).body).toMatchObject({ mode: 'pool' });
  });
});
