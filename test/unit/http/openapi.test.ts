/** The API document at /openapi.json: every route with its methods, operation ids, problem answers and security. */
import { describe, expect, it } from 'vitest';
import { isOpenPath } from '../../../src/input/http/auth.ts';
import { liveSnapshotSchema } from '../../../src/input/http/schemas/live.ts';
import { appForEach } from '../../helpers/http-app.ts';

interface Operation {
  operationId?: string;
  security?: Array<Record<string, string[]>>;
  responses: Record<string, { description: string; content?: Record<string, unknown> }>;
}
interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  servers?: Array<{ url: string }>;
  paths: Record<string, Record<string, Operation>>;
  security?: unknown;
  components?: { securitySchemes?: Record<string, { type: string }> };
}

const operations = (doc: OpenApiDoc): Array<{ path: string; method: string; op: Operation }> =>
  Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));

describe('openapi.json without a token', () => {
  const t = appForEach();

  it('is OpenAPI 3.1 with every public route and method, a relative server and no document-wide security', async () => {
    const answer = await t().call<OpenApiDoc>('/openapi.json');
    expect(answer.status).toBe(200);
    const doc = answer.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'wordmill', version: '1' });
    expect(doc.servers).toEqual([{ url: '/', description: 'this service' }]);
    const routes = Object.fromEntries(Object.entries(doc.paths).map(([path, item]) => [path, Object.keys(item).sort()]));
    expect(routes).toEqual({
      '/v1/jobs': ['get', 'post'],
      '/v1/jobs/{id}': ['delete', 'get'],
      '/data': ['post'],
      '/healthz': ['get'],
      '/readyz': ['get'],
      '/v1/stats': ['get'],
      '/v1/live': ['get'],
      '/v1/events': ['get'],
      '/metrics': ['get'],
      '/': ['get'],
      '/dashboard/{file}': ['get'],
      '/openapi.json': ['get'],
    });
    expect(doc.security).toBeUndefined();
  });

  it('gives every operation a unique operationId', async () => {
    const ids = operations((await t().call<OpenApiDoc>('/openapi.json')).body).map(({ op }) => op.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('documents the submit route once (the validating copy is hidden), with its bodies and problem answers', async () => {
    const doc = (await t().call<OpenApiDoc>('/openapi.json')).body;
    const post = doc.paths['/v1/jobs']!['post']!;
    expect(Object.keys(post.responses).sort()).toEqual(['200', '202', '400', '401', '409', '413', '415', '422', '429', '500', '503', '504']);
    expect(Object.keys(post.responses['429']!.content ?? {})).toEqual(['application/problem+json']);
    const body = (post as unknown as { requestBody: { content: Record<string, unknown> } }).requestBody;
    expect(Object.keys(body.content).sort()).toEqual(['application/json', 'application/octet-stream', 'text/plain']);
  });

  it('lists each problem code under the status errors.ts gives it: an idempotency mismatch is 422, as docs/http.md says', async () => {
    const post = (await t().call<OpenApiDoc>('/openapi.json')).body.paths['/v1/jobs']!['post']!;
    expect(post.responses['422']!.description).toContain('E_IDEMPOTENCY_MISMATCH');
    expect(post.responses['409']!.description).toBe('Problem: E_CANCELLED');
    expect(post.responses['413']!.description).toBe('Problem: E_BODY_TOO_LARGE');
  });

  it('describes the live snapshot, the event stream and the metrics with their media types', async () => {
    const doc = (await t().call<OpenApiDoc>('/openapi.json')).body;
    expect(Object.keys(doc.paths['/v1/live']!['get']!.responses['200']!.content ?? {})).toEqual(['application/json']);
    expect(Object.keys(doc.paths['/v1/events']!['get']!.responses['200']!.content ?? {})).toEqual(['text/event-stream']);
    expect(Object.keys(doc.paths['/metrics']!['get']!.responses['200']!.content ?? {})).toEqual(['text/plain']);
  });

  it('the live snapshot a service answers matches the documented schema exactly', async () => {
    const live = await t().call('/v1/live');
    expect(live.status).toBe(200);
    const parsed = liveSnapshotSchema.safeParse(live.body);
    expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
  });
});

describe('openapi.json with a token', () => {
  const t = appForEach({ token: 'x' });
  const tokenless = appForEach();

  it('is the same document as without one', async () => {
    const withToken = (await t().call('/openapi.json')).body;
    expect(withToken).toEqual((await tokenless().call('/openapi.json')).body);
  });

  it('declares the bearer scheme on each operation behind the token and none on the open ones, as the middleware decides', async () => {
    const doc = (await t().call<OpenApiDoc>('/openapi.json')).body;
    expect(doc.components?.securitySchemes?.['bearer']).toMatchObject({ type: 'http', scheme: 'bearer' });
    const seen: Array<{ route: string; security: unknown }> = [];
    for (const { path, method, op } of operations(doc)) {
      const route = `${method.toUpperCase()} ${path}`;
      if (isOpenPath(path.replace('{file}', 'main.js'))) expect({ route, security: op.security }).toEqual({ route, security: [] });
      else {
        expect({ route, first: op.security?.[0] }).toEqual({ route, first: { bearer: [] } });
        expect({ route, has401: Object.keys(op.responses) }).toEqual({ route, has401: expect.arrayContaining(['401']) as string[] });
      }
      seen.push({ route, security: op.security });
    }
    expect(seen.filter(({ security }) => Array.isArray(security) && security.length === 0).map(({ route }) => route).sort())
      .toEqual(['GET /', 'GET /dashboard/{file}', 'GET /healthz', 'GET /openapi.json', 'GET /readyz']);
    expect(doc.paths['/v1/events']!['get']!.security).toEqual([{ bearer: [] }, { accessTokenQuery: [] }, { tokenCookie: [] }]);
  });

  it('every operation documented as needing the token answers 401 without it', async () => {
    const doc = (await t().call<OpenApiDoc>('/openapi.json')).body;
    for (const { path, method, op } of operations(doc)) {
      if (op.security?.length === 0) continue;
      const url = path.replace('{id}', 'some-job');
      const answer = await t().call(url, { method: method.toUpperCase() });
      expect({ route: `${method} ${path}`, status: answer.status }).toEqual({ route: `${method} ${path}`, status: 401 });
    }
  });
});
