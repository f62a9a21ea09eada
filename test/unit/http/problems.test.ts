/** Every error the app answers, in process: application/problem+json with the status its code maps to. */
import { describe, expect, it } from 'vitest';
import { QueueFullError } from '../../../src/errors.ts';
import type { EngineStats } from '../../../src/engine.ts';
import { appForEach, problemOf } from '../../helpers/http-app.ts';
import { jsonBody, textBody } from '../../helpers/http-service.ts';

const PROBLEM = 'application/problem+json';

describe('problem+json errors', () => {
  const t = appForEach({ bodyLimit: 64 });

  it('a problem body names type, title, status, detail, code and the path as instance', async () => {
    const answer = await t().call('/v2/nothing');
    expect(answer.status).toBe(404);
    expect(answer.contentType).toBe(PROBLEM);
    expect(answer.body).toEqual({
      type: 'urn:wordmill:error:E_NOT_FOUND', title: 'Not Found', status: 404, code: 'E_NOT_FOUND',
      detail: expect.stringContaining('GET /v2/nothing') as string, instance: '/v2/nothing',
    });
  });

  it('400 for a JSON body that does not parse', async () => {
    const answer = await t().call('/v1/jobs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text":' });
    expect(problemOf(answer)).toMatchObject({ status: 400, code: 'E_INVALID_JSON', type: PROBLEM });
  });

  it('400 for a bad list query', async () => {
    const answer = await t().call('/v1/jobs?limit=0');
    expect(problemOf(answer)).toMatchObject({ status: 400, code: 'E_INVALID_REQUEST', type: PROBLEM });
    expect(answer.body['detail']).toMatch(/limit/);
  });

  it('404 for an unknown job, on GET and DELETE', async () => {
    expect(problemOf(await t().call('/v1/jobs/no-such-job'))).toMatchObject({ status: 404, code: 'E_NOT_FOUND', detail: 'job no-such-job was not found' });
    expect(problemOf(await t().call('/v1/jobs/no-such-job', { method: 'DELETE' }))).toMatchObject({ status: 404, code: 'E_NOT_FOUND' });
  });

  it('413 for a declared body over the limit, before reading it', async () => {
    const answer = await t().call('/v1/jobs', { ...textBody('x'.repeat(65)), headers: { 'content-type': 'text/plain', 'content-length': '65' } });
    expect(problemOf(answer)).toMatchObject({ status: 413, code: 'E_BODY_TOO_LARGE', type: PROBLEM });
    expect(answer.body['detail']).toMatch(/64 bytes/);
  });

  it('413 for a streamed body that grows past the limit (no Content-Length)', async () => {
    const chunks = ['word '.repeat(10), 'word '.repeat(10)];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = chunks.shift();
        if (next === undefined) controller.close();
        else controller.enqueue(new TextEncoder().encode(next));
      },
    });
    const answer = await t().call('/v1/jobs', { method: 'POST', headers: { 'content-type': 'text/plain' }, body, duplex: 'half' } as RequestInit);
    expect(problemOf(answer)).toMatchObject({ status: 413, code: 'E_BODY_TOO_LARGE' });
  });

  it('415 for a media type that is neither JSON nor text, naming it', async () => {
    const answer = await t().call('/v1/jobs', { method: 'POST', headers: { 'content-type': 'image/png' }, body: 'x' });
    expect(problemOf(answer)).toMatchObject({ status: 415, code: 'E_UNSUPPORTED_MEDIA_TYPE' });
    expect(answer.body['detail']).toMatch(/image\/png/);
  });

  it('422 for an invalid job, an unknown task, and a bad query option', async () => {
    expect(problemOf(await t().call('/v1/jobs', jsonBody({ options: { top: 3 } })))).toMatchObject({ status: 422, code: 'E_INVALID_JOB' });
    expect(problemOf(await t().call('/v1/jobs', jsonBody({ text: 'a', task: 'poetry' })))).toMatchObject({ status: 422, code: 'E_UNKNOWN_TASK' });
    const badTop = await t().call('/v1/jobs?top=many', textBody('a'));
    expect(problemOf(badTop)).toMatchObject({ status: 422, code: 'E_INVALID_JOB' });
    expect(badTop.body['detail']).toMatch(/top/);
  });

  it('422 when an idempotency key comes back with a different request (docs/http.md)', async () => {
    const headers = { 'idempotency-key': 'key-1' };
    const first = await t().call('/v1/jobs', jsonBody({ text: 'one two' }, headers));
    expect(first.status).toBe(202);
    const again = await t().call('/v1/jobs', jsonBody({ text: 'one two' }, headers));
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body['id']).toBe(first.body['id']);
    const other = await t().call('/v1/jobs', jsonBody({ text: 'something else' }, headers));
    expect(problemOf(other)).toMatchObject({ status: 422, code: 'E_IDEMPOTENCY_MISMATCH' });
  });

  it('409 when cancelling a finished job', async () => {
    const done = await t().call('/v1/jobs?wait=true', jsonBody({ id: 'finished-1', text: 'a b' }));
    expect(done.status).toBe(200);
    const answer = await t().call('/v1/jobs/finished-1', { method: 'DELETE' });
    expect(problemOf(answer)).toMatchObject({ status: 409, code: 'E_NOT_CANCELLABLE' });
  });

  it('503 with Retry-After: 5 for new work and /readyz once shutdown began; reads still answer', async () => {
    t().accepting = false;
    const submit = await t().call('/v1/jobs', textBody('a b'));
    expect(problemOf(submit)).toMatchObject({ status: 503, code: 'E_ENGINE_CLOSED', type: PROBLEM });
    expect(submit.headers.get('retry-after')).toBe('5');
    const ready = await t().call('/readyz');
    expect(problemOf(ready)).toMatchObject({ status: 503, code: 'E_ENGINE_CLOSED' });
    expect(ready.headers.get('retry-after')).toBe('5');
    expect((await t().call('/healthz')).status).toBe(200);
    expect((await t().call('/v1/jobs')).status).toBe(200);
  });
});

describe('429 when the queue is full', () => {
  // A full queue on demand: the engine refuses every job, and reports 12 queued jobs of 500 ms on 2 threads.
  const t = appForEach({
    engine: (real) => ({
      enqueue: async (job) => ({ id: job.id ?? 'x', accepted: false, error: new QueueFullError(12) }),
      stats: (): EngineStats => {
        const stats = real.stats();
        return { ...stats, queued: 12, pool: { ...stats.pool, threads: 2, runTimeMs: { ...stats.pool.runTimeMs, mean: 500 } } };
      },
    }),
  });

  it('answers E_QUEUE_FULL with Retry-After from the queue: 12 jobs × 500 ms ÷ 2 threads = 3 s', async () => {
    const answer = await t().call('/v1/jobs', textBody('a b'));
    expect(problemOf(answer)).toMatchObject({ status: 429, code: 'E_QUEUE_FULL', type: PROBLEM });
    expect(answer.headers.get('retry-after')).toBe('3');
  });

  it('a refused job leaves no idempotency key or record behind', async () => {
    const headers = { 'idempotency-key': 'refused' };
    expect((await t().call('/v1/jobs', jsonBody({ id: 'refused-1', text: 'a' }, headers))).status).toBe(429);
    expect(t().idempotency.lookupKey('refused')).toBeUndefined();
    expect(t().idempotency.fingerprintOf('refused-1')).toBeUndefined();
    expect((await t().call('/v1/jobs/refused-1')).status).toBe(404);
  });
});

describe('500 for an unexpected error', () => {
  const t = appForEach({ engine: () => ({ enqueue: async () => { throw new TypeError('boom'); } }) });

  it('answers E_INTERNAL without the error text, and hands the error to onInternalError', async () => {
    const answer = await t().call('/v1/jobs', textBody('a b'));
    expect(problemOf(answer)).toMatchObject({ status: 500, code: 'E_INTERNAL', type: PROBLEM });
    expect(answer.body['detail']).not.toMatch(/boom/);
    expect(t().internalErrors).toHaveLength(1);
    expect((t().internalErrors[0] as Error).message).toBe('boom');
  });
});
