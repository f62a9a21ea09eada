/** Job records are bounded by count and by age, so memory does not grow with traffic. */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestService, textBody } from '../helpers/http-service.ts';
import type { TestService } from '../helpers/http-service.ts';

describe('HTTP job record retention', () => {
  let t: TestService | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('keeps at most --keep-jobs finished records, dropping the oldest (and its idempotency key)', async () => {
    // --out none: no result files to answer from once the record is gone.
    t = await startTestService({ keepJobs: 2, out: 'none' });
    const key = { 'content-type': 'text/plain', 'idempotency-key': 'first' };
    const first = await t.call('/v1/jobs?wait=true', { method: 'POST', headers: key, body: 'a' });
    const ids = [String(first.body['id'])];
    for (const text of ['b', 'c']) ids.push(String((await t.call('/v1/jobs?wait=true', textBody(text))).body['id']));
    expect((await t.call(`/v1/jobs/${ids[0]}`)).status).toBe(404);
    expect((await t.call(`/v1/jobs/${ids[2]}`)).status).toBe(200);
    expect((await t.call<{ count: number }>('/v1/jobs')).body.count).toBe(2);
    const again = await t.call('/v1/jobs?wait=true', { method: 'POST', headers: key, body: 'a' });
    expect(again.body['id']).not.toBe(ids[0]);
  });

  it('forgets finished records after --keep-for', async () => {
    t = await startTestService({ keepFor: '150ms', out: 'none' });
    const res = await t.call('/v1/jobs?wait=true', textBody('x'));
    expect((await t.call(`/v1/jobs/${String(res.body['id'])}`)).status).toBe(200);
    await sleep(300);
    expect((await t.call(`/v1/jobs/${String(res.body['id'])}`)).status).toBe(404);
    expect((await t.call<{ count: number }>('/v1/jobs')).body.count).toBe(0);
  });

  it('still answers a done job from its result file once its record is forgotten', async () => {
    t = await startTestService({ keepFor: '150ms' });
    const res = await t.call('/v1/jobs?wait=true', textBody('one two'));
    const id = String(res.body['id']);
    await sleep(300);
    expect((await t.call<{ count: number }>('/v1/jobs')).body.count).toBe(0);
    const again = await t.call(`/v1/jobs/${id}`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id, status: 'done', task: 'wordcount', source: 'http', result: res.body });
  });
});
