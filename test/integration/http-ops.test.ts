/** Probes, statistics and the OpenAPI document. */
import { describe, expect, it } from 'vitest';
import { serviceForSuite, textBody } from '../helpers/http-service.ts';

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
});
