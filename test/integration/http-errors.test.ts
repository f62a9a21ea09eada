/** Every error status of the API, as application/problem+json with a stable code. */
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { jsonBody, serviceForSuite, textBody } from '../helpers/http-service.ts';
import type { Answer } from '../helpers/http-service.ts';

function expectProblem(res: Answer, status: number, code: string, detail?: RegExp): void {
  expect(res.status).toBe(status);
  expect(res.contentType).toBe('application/problem+json');
  expect(res.body).toMatchObject({ status, code, type: `urn:wordmill:error:${code}`, title: expect.any(String) });
  if (detail) expect(String(res.body['detail'])).toMatch(detail);
}

describe('HTTP errors', () => {
  const t = serviceForSuite({ bodyLimit: 1024, streamLimit: 2048 });

  it('400 for a body that is not JSON', async () => {
    expectProblem(await t.call('/v1/jobs', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"text": ' }), 400, 'E_INVALID_JSON', /not valid JSON/);
  });

  it('400 for JSON that is not UTF-8', async () => {
    const body = Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]);
    expectProblem(await t.call('/v1/jobs', { method: 'POST', headers: { 'content-type': 'application/json' }, body }), 400, 'E_INVALID_JSON', /UTF-8/);
  });

  it('413 when Content-Length is over the limit: a JSON body, or raw text past the stream limit', async () => {
    expectProblem(await t.call('/v1/jobs', jsonBody({ text: 'a '.repeat(600) })), 413, 'E_BODY_TOO_LARGE', /1024 bytes: a JSON body is read whole; send a larger text as text\/plain/);
    expectProblem(await t.call('/v1/jobs', textBody('a '.repeat(1100))), 413, 'E_BODY_TOO_LARGE', /limit of 2048 bytes: the stream limit/);
  });

  it('413 when a chunked body (no Content-Length) grows over the limit', async () => {
    const res = await new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const req = request(`${t.url}/v1/jobs`, { method: 'POST', headers: { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' } }, (r) => {
        let text = '';
        r.on('data', (chunk: Buffer) => (text += chunk.toString()));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body: JSON.parse(text) as Record<string, unknown> }));
      });
      req.on('error', reject);
      for (let i = 0; i < 8; i++) req.write('word '.repeat(100));
      req.end();
    });
    expect(res.status).toBe(413);
    expect(res.body['code']).toBe('E_BODY_TOO_LARGE');
  });

  it('415 for a content type that is neither JSON nor text', async () => {
    expectProblem(await t.call('/v1/jobs', { method: 'POST', headers: { 'content-type': 'image/png' }, body: 'x' }), 415, 'E_UNSUPPORTED_MEDIA_TYPE', /image\/png/);
    expectProblem(await t.call('/v1/jobs', { method: 'POST', headers: { 'content-type': 'text/plain; charset=klingon' }, body: 'x' }), 415, 'E_UNSUPPORTED_MEDIA_TYPE', /klingon/);
  });

  it('422 for missing text, an unknown task, bad options, and an empty body, naming the problem', async () => {
    expectProblem(await t.call('/v1/jobs', jsonBody({ options: { top: 3 } })), 422, 'E_INVALID_JOB', /text is required/);
    expectProblem(await t.call('/v1/jobs', jsonBody({ text: 'a', task: 'poetry' })), 422, 'E_UNKNOWN_TASK', /unknown task "poetry"/);
    expectProblem(await t.call('/v1/jobs?task=poetry', textBody('a')), 422, 'E_UNKNOWN_TASK', /poetry/);
    expectProblem(await t.call('/v1/jobs', jsonBody({ text: 'a', options: { top: -1 } })), 422, 'E_INVALID_JOB', /top/);
    expectProblem(await t.call('/v1/jobs', jsonBody({ text: 'a', options: { colour: 'red' } })), 422, 'E_INVALID_JOB', /colour/);
    expectProblem(await t.call('/v1/jobs?top=many', textBody('a')), 422, 'E_INVALID_JOB', /top must be a whole number/);
    expectProblem(await t.call('/v1/jobs?stopwords=klingon', textBody('a')), 422, 'E_INVALID_JOB', /stopwords/);
    expectProblem(await t.call('/v1/jobs', textBody('')), 422, 'E_INVALID_JOB', /empty/);
    expectProblem(await t.call('/v1/jobs?wait=maybe', textBody('a')), 422, 'E_INVALID_JOB', /wait/);
  });

  it('a job that fails answers wait=true with its error and job id', async () => {
    const res = await t.call('/v1/jobs?wait=true', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0x61, 0x00, 0x62]) });
    expectProblem(res, 422, 'E_BINARY_INPUT');
    const job = await t.call(`/v1/jobs/${String(res.body['jobId'])}`);
    expect(job.body).toMatchObject({ status: 'failed', error: { code: 'E_BINARY_INPUT' } });
  });

  it('404 for unknown routes', async () => {
    expectProblem(await t.call('/v2/nothing'), 404, 'E_NOT_FOUND', /GET \/v2\/nothing/);
  });
});

describe('HTTP bearer token', () => {
  const t = serviceForSuite({ token: 's3cret' });

  it('401 without or with a wrong token, probes and the API document stay open', async () => {
    const none = await t.call('/v1/jobs', textBody('a b'));
    expectProblem(none, 401, 'E_UNAUTHORIZED');
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expectProblem(await t.call('/v1/stats', { headers: { authorization: 'Bearer wrong' } }), 401, 'E_UNAUTHORIZED');
    expect((await t.call('/healthz')).status).toBe(200);
    expect((await t.call('/readyz')).status).toBe(200);
    expect((await t.call('/openapi.json')).status).toBe(200);
  });

  it('the right token is let in', async () => {
    const res = await t.call('/v1/jobs?wait=true', { ...textBody('a b a'), headers: { 'content-type': 'text/plain', authorization: 'Bearer s3cret' } });
    expect(res.status).toBe(200);
    expect(res.body['totalWords']).toBe(3);
  });
});
