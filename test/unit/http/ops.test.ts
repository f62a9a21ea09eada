/** Probes, statistics, the live snapshot and metrics, in process over a real one-thread engine. */
import { describe, expect, it } from 'vitest';
import { appForEach } from '../../helpers/http-app.ts';
import { textBody } from '../../helpers/http-service.ts';

describe('ops routes', () => {
  const t = appForEach();

  it('/healthz and /readyz answer while the service accepts work', async () => {
    expect(await t().call('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await t().call('/readyz')).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it('/v1/stats counts a finished job, its bytes and the store, in pool mode', async () => {
    expect((await t().call('/v1/jobs?wait=true', textBody('one two three'))).status).toBe(200);
    const stats = await t().call('/v1/stats');
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({
      mode: 'pool', queued: 0, running: 0, done: 1, failed: 0, bytes: 13,
      store: { records: 1 },
      pool: { threads: 1 },
      throughput: { recent: { jobsPerSecond: expect.any(Number) as number }, sinceStart: { jobsPerSecond: expect.any(Number) as number } },
    });
    expect(stats.body['queue']).toBeUndefined();
    expect(stats.body['mqtt']).toBeUndefined();
    expect(stats.body['uptimeSeconds']).toBeGreaterThanOrEqual(0);
  });

  it('/v1/live answers one snapshot, not cached', async () => {
    expect((await t().call('/v1/jobs?wait=true', textBody('a b'))).status).toBe(200);
    const live = await t().call('/v1/live');
    expect(live.status).toBe(200);
    expect(live.headers.get('cache-control')).toBe('no-store');
    expect(live.body).toMatchObject({ mode: 'pool', totals: { done: 1, failed: 0, bytes: 3 }, queue: { queued: 0, running: 0 } });
  });

  it('/metrics is Prometheus text counting the requests it saw', async () => {
    await t().call('/healthz');
    const metrics = await t().call('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.contentType).toMatch(/^text\/plain/);
    const text = String(metrics.body);
    expect(text).toMatch(/^# TYPE wordmill_\w+ /m);
    expect(text).toMatch(/route="\/healthz".*\} 1$/m);
  });
});

describe('ops routes without monitoring', () => {
  const t = appForEach({ monitoring: false });

  it('mounts no /metrics, /v1/live or dashboard', async () => {
    for (const path of ['/metrics', '/v1/live', '/']) expect((await t().call(path)).status).toBe(404);
  });
});
