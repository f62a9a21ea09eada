/** Probes, statistics and the OpenAPI document. */
import { describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestService, serviceForSuite, textBody } from '../helpers/http-service.ts';

interface OpenApiDoc {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> }; responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
}

describe('HTTP operations routes', () => {
  const t = serviceForSuite();

  it('/healthz and /readyz answer 200', async () => {
    expect(await t.call('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await t.call('/readyz')).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it('/v1/stats counts done jobs and bytes and reports the pool', async () => {
    for (const text of ['one two', 'three four five']) expect((await t.call('/v1/jobs?wait=true', textBody(text))).status).toBe(200);
    const stats = await t.call<Record<string, never>>('/v1/stats');
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({ queued: 0, running: 0, done: 2, failed: 0, bytes: 22, store: { records: 2 } });
    expect(stats.body['pool']).toMatchObject({ threads: 1, completed: 2, utilization: expect.any(Number), runTimeMs: { p50: expect.any(Number) } });
    // Both jobs finished within the last minute: the recent rates times the window give them back.
    const throughput = stats.body['throughput'] as unknown as { windowSeconds: number; recent: { jobsPerSecond: number; bytesPerSecond: number } };
    expect(throughput.recent.jobsPerSecond * throughput.windowSeconds).toBeCloseTo(2, 1);
    expect(throughput.recent.bytesPerSecond * throughput.windowSeconds).toBeCloseTo(22, 0);
  });

  it('/openapi.json documents every route with the schemas that validate input', async () => {
    const doc = await t.call<OpenApiDoc>('/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\.1/);
    const routes = Object.entries(doc.body.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes.sort()).toEqual([
      'DELETE /v1/jobs/{id}', 'GET /', 'GET /dashboard/{file}', 'GET /healthz', 'GET /metrics', 'GET /openapi.json', 'GET /readyz',
      'GET /v1/events', 'GET /v1/jobs', 'GET /v1/jobs/{id}', 'GET /v1/live', 'GET /v1/stats', 'POST /data', 'POST /v1/jobs',
    ]);
    const submit = doc.body.paths['/v1/jobs']!['post']!;
    expect(Object.keys(submit.requestBody!.content)).toEqual(['application/json', 'text/plain', 'application/octet-stream']);
    expect(Object.keys(submit.responses)).toEqual(expect.arrayContaining(['200', '202', '400', '413', '415', '422', '429']));
    const request = doc.body.components.schemas['JobRequest']!;
    expect(Object.keys(request.properties!)).toEqual(['task', 'text', 'options', 'id']);
    expect(request.required).toEqual(['text']);
  });

  it('/readyz is 503 E_OUTPUT_UNAVAILABLE, with the reason, when --out can no longer take files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wordmill-ready-'));
    const out = join(dir, 'parent', 'out');
    const other = await startTestService({ out });
    try {
      expect((await other.call('/readyz')).status).toBe(200);
      // The folder goes away under the running service (a volume unmounted, say): a file now stands where it was.
      await rm(join(dir, 'parent'), { recursive: true, force: true });
      await writeFile(join(dir, 'parent'), 'not a folder');
      await new Promise((resolve) => setTimeout(resolve, 1100)); // past the probe's one-second cache
      const ready = await other.call('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.contentType).toBe('application/problem+json');
      expect(ready.body).toMatchObject({ code: 'E_OUTPUT_UNAVAILABLE' });
      expect(String(ready.body['detail'])).toMatch(new RegExp(`^the output folder ${out} is not writable: ENOTDIR`));
      expect((await other.call('/healthz')).status).toBe(200);
    } finally {
      await other.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to start when --out cannot hold the job journal, naming the folder (E_OUTPUT_FAILED)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'wordmill-ready-'));
    await writeFile(join(dir, 'a-file'), 'not a folder');
    const blocked = join(dir, 'a-file', 'out');
    try {
      await expect(startTestService({ out: blocked })).rejects.toMatchObject({
        code: 'E_OUTPUT_FAILED',
        message: expect.stringMatching(new RegExp(`^could not write ${blocked}/\\.journal: ENOTDIR`)),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
