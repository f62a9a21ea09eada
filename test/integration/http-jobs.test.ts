/** Submitting, reading, listing and cancelling jobs over real HTTP. */
import { describe, expect, it } from 'vitest';
import { jsonBody, serviceForSuite, textBody } from '../helpers/http-service.ts';
import { pollUntilFinished } from '../helpers/http-poll.ts';

type Json = Record<string, unknown>;

describe('HTTP jobs', () => {
  const t = serviceForSuite({ threads: 1, bodyLimit: '64MiB' }, { concurrency: 1 });

  it('text/plain with wait=true answers 200 with the result, options from the query', async () => {
    const res = await t.call('/v1/jobs?task=wordcount&wait=true&top=3&stopwords=none', textBody('The cat and the hat. The end'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ task: 'wordcount', source: 'http', totalWords: 7, uniqueWords: 5, bytes: 28 });
    expect(res.body['top']).toEqual([{ word: 'the', count: 3 }, { word: 'and', count: 1 }, { word: 'cat', count: 1 }]);
    expect(res.headers.get('location')).toBe(`/v1/jobs/${String(res.body['id'])}`);
    const files = await t.outputs();
    expect(files.find((f) => f['id'] === res.body['id'])).toMatchObject({ source: 'http', totalWords: 7 });
  });

  it('curl --data-binary without a type (form-urlencoded) is raw text, and the default stopwords apply', async () => {
    const res = await t.call('/v1/jobs?wait=true', textBody('the moon and the stars and the sea', 'application/x-www-form-urlencoded'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalWords: 8, uniqueWords: 5 });
    expect(res.body['top']).toEqual([{ word: 'moon', count: 1 }, { word: 'sea', count: 1 }, { word: 'stars', count: 1 }]);
  });

  it('JSON answers 202 with id, status and links; GET shows the finished job', async () => {
    const res = await t.call('/v1/jobs', jsonBody({ text: 'b a b c b a', options: { top: 2, stopwords: 'none' } }));
    expect(res.status).toBe(202);
    const id = String(res.body['id']);
    expect(res.body).toEqual({ id, status: 'queued', links: { self: `/v1/jobs/${id}` } });
    const done = await pollUntilFinished(t, id);
    expect(done).toMatchObject({ id, status: 'done', source: 'http', links: { self: `/v1/jobs/${id}` } });
    expect((done['result'] as Json)['top']).toEqual([{ word: 'b', count: 3 }, { word: 'a', count: 2 }]);
    expect(done['createdAt']).toEqual(expect.any(String));
    expect(done['finishedAt']).toEqual(expect.any(String));
  });

  it('invalid UTF-8 in a raw body is counted per the word rules (U+FFFD separates words)', async () => {
    const bytes = Buffer.concat([Buffer.from('caf\u00e9 '), Buffer.from([0xff, 0xfe]), Buffer.from(' caf\u00e9 ok')]);
    const res = await t.call('/v1/jobs?wait=true&stopwords=none', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: bytes });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ totalWords: 3, uniqueWords: 2, invalidUtf8: true });
    expect(res.body['top']).toEqual([{ word: 'café', count: 2 }, { word: 'ok', count: 1 }]);
  });

  it('a declared non-UTF-8 charset is decoded', async () => {
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x63, 0x61, 0x66, 0xe9]); // "café café" in ISO-8859-1
    const res = await t.call('/v1/jobs?wait=true', { method: 'POST', headers: { 'content-type': 'text/plain; charset=iso-8859-1' }, body: latin1 });
    expect(res.body['top']).toEqual([{ word: 'café', count: 2 }]);
  });

  it('an Idempotency-Key returns the same job; the same key with another body is refused', async () => {
    const first = await t.call('/v1/jobs', { ...textBody('one two two'), headers: { 'content-type': 'text/plain', 'idempotency-key': 'k-1' } });
    const again = await t.call('/v1/jobs?wait=true', { ...textBody('one two two'), headers: { 'content-type': 'text/plain', 'idempotency-key': 'k-1' } });
    expect(first.status).toBe(202);
    expect(again.status).toBe(200);
    expect(again.body['id']).toBe(first.body['id']);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const other = await t.call('/v1/jobs', { ...textBody('something else'), headers: { 'content-type': 'text/plain', 'idempotency-key': 'k-1' } });
    expect(other.status).toBe(422);
    expect(other.body['code']).toBe('E_IDEMPOTENCY_MISMATCH');
    const runs = (await t.outputs()).filter((f) => f['id'] === first.body['id']);
    expect(runs).toHaveLength(1);
  });

  it('a JSON id makes a retried submit return the existing job', async () => {
    const a = await t.call('/v1/jobs?wait=true', jsonBody({ id: 'my-job-1', text: 'x y' }));
    const b = await t.call('/v1/jobs', jsonBody({ id: 'my-job-1', text: 'x y' }));
    expect(a.status).toBe(200);
    expect(b.status).toBe(202);
    expect(b.body).toEqual({ id: 'my-job-1', status: 'done', links: { self: '/v1/jobs/my-job-1' } });
  });

  it('GET /v1/jobs lists recent jobs newest first and filters by status', async () => {
    const all = await t.call<{ count: number; jobs: Json[] }>('/v1/jobs?limit=3');
    expect(all.status).toBe(200);
    expect(all.body.count).toBe(3);
    expect(all.body.jobs[0]).toMatchObject({ id: 'my-job-1', status: 'done' });
    expect(all.body.jobs[0]).not.toHaveProperty('result');
    const failed = await t.call<{ count: number; jobs: Json[] }>('/v1/jobs?status=failed');
    expect(failed.body).toEqual({ count: 0, jobs: [] });
    const bad = await t.call('/v1/jobs?status=lost');
    expect(bad.status).toBe(400);
    expect(bad.body['code']).toBe('E_INVALID_REQUEST');
  });

  it('POST /data takes raw text of any type and answers 202', async () => {
    const res = await t.call('/data', textBody('{"not": "parsed"} words here', 'application/json'));
    expect(res.status).toBe(202);
    const done = await pollUntilFinished(t, String(res.body['id']));
    expect((done['result'] as Json)['totalWords']).toBe(4);
  });

  it('DELETE cancels a queued and a running job; a finished one is 409, an unknown one 404', async () => {
    const big = 'lorem ipsum dolor sit amet '.repeat(1_500_000); // ~40 MB: runs long enough to cancel
    const running = await t.call('/v1/jobs', textBody(big));
    const queued = await t.call('/v1/jobs', textBody('small'));
    const cancelQueued = await t.call(`/v1/jobs/${String(queued.body['id'])}`, { method: 'DELETE' });
    expect(cancelQueued.status).toBe(200);
    expect(cancelQueued.body).toMatchObject({ status: 'cancelled', error: { code: 'E_CANCELLED' } });
    const cancelRunning = await t.call(`/v1/jobs/${String(running.body['id'])}`, { method: 'DELETE' });
    expect(cancelRunning.status).toBe(200);
    expect(cancelRunning.body['status']).toBe('cancelled');
    const again = await t.call(`/v1/jobs/${String(running.body['id'])}`, { method: 'DELETE' });
    expect(again.status).toBe(409);
    expect(again.body['code']).toBe('E_NOT_CANCELLABLE');
    expect((await t.call('/v1/jobs/nope', { method: 'DELETE' })).status).toBe(404);
    expect((await t.call('/v1/jobs?wait=true', textBody('still works'))).status).toBe(200);
  });

  it('wait=true with a short timeout answers 202 while the job runs on', async () => {
    const big = 'alpha beta '.repeat(1_000_000);
    const res = await t.call('/v1/jobs?wait=true&timeout=1', textBody(big));
    expect(res.status).toBe(202);
    expect(['queued', 'running']).toContain(res.body['status']);
    const done = await pollUntilFinished(t, String(res.body['id']));
    expect((done['result'] as Json)['totalWords']).toBe(2_000_000);
  });

  it('GET of an unknown job is a 404 problem', async () => {
    const res = await t.call('/v1/jobs/unknown-id');
    expect(res.status).toBe(404);
    expect(res.contentType).toBe('application/problem+json');
    expect(res.body).toMatchObject({ status: 404, code: 'E_NOT_FOUND', title: 'Not Found' });
  });
});
