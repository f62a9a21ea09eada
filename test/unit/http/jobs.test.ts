/** /v1/jobs in process: submit, wait, read, list and cancel against the job index. */
import { describe, expect, it } from 'vitest';
import type { Job } from '../../../src/dispatch/job.ts';
import { JobCancelledError } from '../../../src/errors.ts';
import type { JobRecord } from '../../../src/jobs/job-index.ts';
import { appForEach } from '../../helpers/http-app.ts';
import { jsonBody, textBody } from '../../helpers/http-service.ts';

const recovered = (id: string): Job => ({
  id, task: 'wordcount', input: { text: 'x' }, options: { top: 5, stopwords: 'none' } as Job['options'], source: 'http', name: 'http',
});

describe('/v1/jobs', () => {
  const cancelled: string[] = [];
  const t = appForEach({
    // Cancelling as the engine does it, for a job the store knows as queued (recovered, not yet admitted).
    engine: (real) => ({
      cancel: (id) => {
        if (real.cancel(id)) return true;
        cancelled.push(id);
        real.events.emit('job:failed', recovered(id), new JobCancelledError());
        return true;
      },
    }),
  });

  it('accepts text with 202, a Location and a self link, and the record ends done with its result', async () => {
    const answer = await t().call('/v1/jobs?task=wordcount', textBody('the cat the hat'));
    expect(answer.status).toBe(202);
    const id = String(answer.body['id']);
    expect(answer.body).toEqual({ id, status: 'queued', links: { self: `/v1/jobs/${id}` } });
    expect(answer.headers.get('location')).toBe(`/v1/jobs/${id}`);
    await t().store.whenSettled(id, 10_000);
    const record = await t().call(`/v1/jobs/${id}`);
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({ id, status: 'done', task: 'wordcount', source: 'http', links: { self: `/v1/jobs/${id}` } });
    expect(record.body['result']).toMatchObject({ id, totalWords: 4, uniqueWords: 3 });
  });

  it('with wait=true answers 200 with the result itself', async () => {
    const answer = await t().call('/v1/jobs?wait=true', jsonBody({ id: 'waited', text: 'cat dog cat', options: { top: 1 } }));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: 'waited', task: 'wordcount', totalWords: 3, uniqueWords: 2, top: [{ word: 'cat', count: 2 }] });
  });

  it('with wait=true answers a failed job with its error and the job id', async () => {
    const answer = await t().call('/v1/jobs?wait=true', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0x61, 0, 0x62]) });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'E_BINARY_INPUT' });
    const id = String(answer.body['jobId']);
    expect((await t().call(`/v1/jobs/${id}`)).body).toMatchObject({ status: 'failed', error: { code: 'E_BINARY_INPUT' } });
  });

  it('answers a replay of a known job id with the first job, marked as replayed', async () => {
    const first = await t().call('/v1/jobs?wait=true', jsonBody({ id: 'same', text: 'a' }));
    expect(first.status).toBe(200);
    const again = await t().call('/v1/jobs', jsonBody({ id: 'same', text: 'a' }));
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toMatchObject({ id: 'same', status: 'done' });
  });

  it('lists newest first without results, filtered by status and limited', async () => {
    for (const id of ['l1', 'l2', 'l3']) expect((await t().call('/v1/jobs?wait=true', jsonBody({ id, text: id }))).status).toBe(200);
    t().store.add(recovered('l4'));
    const all = await t().call<{ count: number; jobs: JobRecord[] }>('/v1/jobs');
    expect(all.body.jobs.map((j) => j.id)).toEqual(['l4', 'l3', 'l2', 'l1']);
    expect(all.body.count).toBe(4);
    expect(all.body.jobs.some((j) => 'result' in j)).toBe(false);
    expect(all.body.jobs[0]).toMatchObject({ links: { self: '/v1/jobs/l4' } });
    const done = await t().call<{ count: number; jobs: JobRecord[] }>('/v1/jobs?status=done&limit=2');
    expect(done.body).toMatchObject({ count: 2 });
    expect(done.body.jobs.map((j) => j.id)).toEqual(['l3', 'l2']);
    expect((await t().call('/v1/jobs?status=lost')).status).toBe(400);
  });

  it('DELETE cancels a queued job and answers its record once it has stopped', async () => {
    t().store.add(recovered('to-cancel'));
    const answer = await t().call('/v1/jobs/to-cancel', { method: 'DELETE' });
    expect(cancelled).toContain('to-cancel');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: 'to-cancel', status: 'cancelled', error: { code: 'E_CANCELLED' }, links: { self: '/v1/jobs/to-cancel' } });
  });

  it('GET of an id the store lacks is 404 when no result files are kept', async () => {
    expect((await t().call('/v1/jobs/gone')).status).toBe(404);
  });
});

describe('/v1/jobs/:id from result files', () => {
  const t = appForEach({
    results: {
      find: async (id) => (id === 'on-disk'
        ? { id, status: 'done', task: 'wordcount', source: 'http', createdAt: '2030-01-01T00:00:00.000Z' }
        : undefined),
    },
  });

  it('answers a finished job the store no longer holds, and 404 for one the files lack too', async () => {
    expect(await t().call('/v1/jobs/on-disk')).toMatchObject({ status: 200, body: { id: 'on-disk', status: 'done', links: { self: '/v1/jobs/on-disk' } } });
    expect((await t().call('/v1/jobs/not-on-disk')).status).toBe(404);
  });
});
