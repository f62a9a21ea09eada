/** The live figures: GET /v1/live and the GET /v1/events stream, parsed event by event. */
import { describe, expect, it } from 'vitest';
import type { LiveSnapshot } from '../../src/metrics/live-types.ts';
import { serviceForSuite, startTestService, textBody } from '../helpers/http-service.ts';
import { readSse } from '../helpers/sse.ts';
import type { SseEvent } from '../helpers/sse.ts';

/** Reads events until one satisfies `until` (next() by hand: leaving a for-await would close the stream). */
async function nextSnapshot(events: AsyncGenerator<SseEvent>, until: (s: LiveSnapshot) => boolean): Promise<LiveSnapshot> {
  for (let e = await events.next(); !e.done; e = await events.next()) {
    expect(e.value.event).toBe('snapshot');
    const snapshot = JSON.parse(e.value.data) as LiveSnapshot;
    if (until(snapshot)) return snapshot;
  }
  throw new Error('the stream ended');
}

describe('live figures', () => {
  const t = serviceForSuite({ threads: 2 });

  it('streams snapshots that follow the jobs, without their text', async () => {
    const controller = new AbortController();
    const response = await fetch(`${t.url}/v1/events?interval=250`, { signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = readSse(response);
    const first = await nextSnapshot(events, () => true);
    expect(first).toMatchObject({ mode: 'pool', pool: { threads: 2 }, mqtt: null });
    expect(first.threads).toHaveLength(2);

    const secret = 'zebracorn '.repeat(50);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await t.call<{ id: string }>('/v1/jobs?wait=true', textBody(secret))).body.id);
    await t.call('/v1/jobs?wait=true', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 1, 2]) });
    const later = await nextSnapshot(events, (s) => s.totals.done >= first.totals.done + 3 && s.totals.failed >= first.totals.failed + 1);
    controller.abort();

    expect(later.totals.done - first.totals.done).toBe(3);
    expect(later.totals.submitted - first.totals.submitted).toBe(4);
    expect(later.totals.bytes - first.totals.bytes).toBe(3 * Buffer.byteLength(secret));
    expect(later.recentJobs.filter((j) => ids.includes(j.id)).map((j) => [j.status, j.source, j.bytes])).toEqual(
      ids.map(() => ['done', 'http', Buffer.byteLength(secret)]),
    );
    expect(later.recentErrors[0]).toMatchObject({ code: 'E_BINARY_INPUT', source: 'http', task: 'wordcount' });
    expect(later.threads.some((thread) => thread.id !== null && thread.busy > 0)).toBe(true);
    expect(JSON.stringify(later)).not.toContain('zebracorn');
  });

  it('GET /v1/live answers one snapshot; the history fills once a second', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2200));
    const live = await t.call<LiveSnapshot>('/v1/live');
    expect(live.status).toBe(200);
    expect(live.body.history.length).toBeGreaterThanOrEqual(2);
    for (const point of live.body.history) expect(point).toEqual({ t: expect.any(Number), jobsPerSecond: expect.any(Number), bytesPerSecond: expect.any(Number), queued: expect.any(Number), running: expect.any(Number) });
  });

  it('rejects a bad interval with problem+json naming it', async () => {
    const bad = await t.call<{ code: string; detail: string }>('/v1/events?interval=5');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('E_INVALID_REQUEST');
    expect(bad.body.detail).toContain('interval');
  });
});

describe('live figures with a token', () => {
  const t = serviceForSuite({ token: 'sesame' });

  it('the stream takes the token from the header, ?access_token= or the cookie; other routes only from the header', async () => {
    expect((await fetch(`${t.url}/v1/events`)).status).toBe(401);
    expect((await fetch(`${t.url}/v1/events?access_token=wrong`)).status).toBe(401);
    const ways: Array<{ url: string; headers: Record<string, string> }> = [
      { url: `${t.url}/v1/events?access_token=sesame`, headers: {} },
      { url: `${t.url}/v1/events`, headers: { cookie: 'wordmill_token=sesame' } },
      { url: `${t.url}/v1/events`, headers: { authorization: 'Bearer sesame' } },
    ];
    for (const init of ways) {
      const controller = new AbortController();
      const response = await fetch(init.url, { headers: init.headers, signal: controller.signal });
      expect(response.status).toBe(200);
      controller.abort();
    }
    expect((await fetch(`${t.url}/v1/live?access_token=sesame`)).status).toBe(401);
    expect((await fetch(`${t.url}/v1/live`, { headers: { cookie: 'wordmill_token=sesame' } })).status).toBe(401);
    expect((await fetch(`${t.url}/v1/live`, { headers: { authorization: 'Bearer sesame' } })).status).toBe(200);
    // The page holds no data and must load before the user can give the token.
    expect((await fetch(`${t.url}/`)).status).toBe(200);
  });

  it('open streams end when the service shuts down', async () => {
    const other = await startTestService();
    const response = await fetch(`${other.url}/v1/events`);
    const events = readSse(response);
    expect((await events.next()).done).toBe(false);
    const started = Date.now();
    await other.stop();
    let more = await events.next();
    while (!more.done) more = await events.next();
    expect(Date.now() - started).toBeLessThan(1500); // not cut by the HTTP server's 2 s grace
  });
});
