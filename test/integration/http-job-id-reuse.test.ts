/**
 * A JSON body's `id` is an idempotency key too: the same request again
 * returns the first job, a different one under the same id is refused (422),
 * and after a restart the finished job is still answered from its result file.
 */
import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { startService } from '../../src/service/service.ts';
import { jsonBody, startTestService } from '../helpers/http-service.ts';
import type { TestService } from '../helpers/http-service.ts';

describe('a JSON body id reused', () => {
  let t: TestService | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('returns the first job for the same request and refuses a different text with 422 E_IDEMPOTENCY_MISMATCH', async () => {
    t = await startTestService();
    const first = await t.call('/v1/jobs?wait=true', jsonBody({ id: 'doc-1', text: 'one two three' }));
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id: 'doc-1', totalWords: 3 });

    const again = await t.call('/v1/jobs?wait=true', jsonBody({ id: 'doc-1', text: 'one two three' }));
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);

    const different = await t.call('/v1/jobs?wait=true', jsonBody({ id: 'doc-1', text: 'something else entirely' }));
    expect(different.status).toBe(422);
    expect(different.body).toMatchObject({ code: 'E_IDEMPOTENCY_MISMATCH' });
    expect(String(different.body['detail'] ?? different.body['message'])).toContain('job id "doc-1"');
    // Refused, not run: still the first result.
    expect((await t.call('/v1/jobs/doc-1')).body).toMatchObject({ status: 'done', result: { totalWords: 3 } });
    expect(await t.outputs()).toHaveLength(1);
  });

  it('answers the id from its result file after a restart on the same --out, without running it again', async () => {
    t = await startTestService();
    const first = await t.call('/v1/jobs?wait=true', jsonBody({ id: 'doc-2', text: 'alpha beta' }));
    expect(first.status).toBe(200);
    const outDir = t.outDir;
    await t.service.shutdown();
    t = undefined;
    const again = await startService({ host: '127.0.0.1', port: 0, threads: 1, out: outDir, mqtt: 'off' });
    try {
      const get = await fetch(`${again.http.url}/v1/jobs/doc-2`);
      expect(get.status).toBe(200);
      expect(await get.json()).toMatchObject({ id: 'doc-2', status: 'done', result: first.body });
      const resubmit = await fetch(`${again.http.url}/v1/jobs?wait=true`, jsonBody({ id: 'doc-2', text: 'alpha beta' }));
      expect(resubmit.status).toBe(200);
      expect(resubmit.headers.get('idempotent-replayed')).toBe('true');
      expect(await resubmit.json()).toEqual(first.body);
    } finally {
      await again.shutdown();
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
