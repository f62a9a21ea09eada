/** Bearer-token auth in process: which routes are open, where a token is read from, and the 401 answer. */
import { describe, expect, it } from 'vitest';
import { appForEach, problemOf } from '../../helpers/http-app.ts';
import { textBody } from '../../helpers/http-service.ts';

describe('bearer auth', () => {
  const t = appForEach({ token: 's3cret' });
  const bearer = (token: string): RequestInit => ({ headers: { authorization: `Bearer ${token}` } });

  it('refuses a protected route without a token or with a wrong one: 401 problem with WWW-Authenticate', async () => {
    for (const init of [{}, bearer('wrong'), bearer('s3cret-and-more'), { headers: { authorization: 'Basic czNjcmV0' } }]) {
      const answer = await t().call('/v1/stats', init);
      expect(problemOf(answer)).toMatchObject({ status: 401, code: 'E_UNAUTHORIZED', type: 'application/problem+json' });
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="wordmill"');
    }
  });

  it('lets the right token in, whatever the case of the scheme', async () => {
    expect((await t().call('/v1/stats', bearer('s3cret'))).status).toBe(200);
    expect((await t().call('/v1/jobs', { headers: { authorization: 'bearer s3cret' } })).status).toBe(200);
  });

  it('checks the token before reading a submission', async () => {
    const answer = await t().call('/v1/jobs', { method: 'POST', headers: { 'content-type': 'image/png' }, body: 'x' });
    expect(answer.status).toBe(401);
  });

  it('leaves probes, the API document and the dashboard page open', async () => {
    for (const path of ['/healthz', '/readyz', '/openapi.json', '/']) {
      expect({ path, status: (await t().call(path)).status }).toEqual({ path, status: 200 });
    }
  });

  it('guards the metrics and the live snapshot', async () => {
    expect((await t().call('/metrics')).status).toBe(401);
    expect((await t().call('/v1/live')).status).toBe(401);
    expect((await t().call('/v1/live', bearer('s3cret'))).status).toBe(200);
  });

  it('takes ?access_token= and the cookie on GET /v1/events only', async () => {
    const controller = new AbortController();
    const events = await t().app.request('/v1/events?access_token=s3cret', { signal: controller.signal });
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
    controller.abort();
    await events.body?.cancel();
    expect((await t().call('/v1/events?access_token=wrong')).status).toBe(401);
    expect((await t().call('/v1/live?access_token=s3cret')).status).toBe(401);
    expect((await t().call('/v1/jobs', { headers: { cookie: 'wordmill_token=s3cret' } })).status).toBe(401);
    expect((await t().call('/v1/jobs?access_token=s3cret', textBody('a'))).status).toBe(401);
    const withCookie = new AbortController();
    const viaCookie = await t().app.request('/v1/events', { headers: { cookie: 'wordmill_token=s3cret' }, signal: withCookie.signal });
    expect(viaCookie.status).toBe(200);
    withCookie.abort();
    await viaCookie.body?.cancel();
  });
});
