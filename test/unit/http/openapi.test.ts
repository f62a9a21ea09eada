/** The API document at /openapi.json: version, every route with its methods and problem answers, security. */
import { describe, expect, it } from 'vitest';
import { appForEach } from '../../helpers/http-app.ts';

interface OpenApiDoc {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
  security?: Array<Record<string, string[]>>;
  components?: { securitySchemes?: Record<string, unknown> };
}

describe('openapi.json without a token', () => {
  const t = appForEach();

  it('is OpenAPI 3.1 with every API route and method', async () => {
    const answer = await t().call<OpenApiDoc>('/openapi.json');
    expect(answer.status).toBe(200);
    const doc = answer.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: 'wordmill', version: '1' });
    const routes = Object.fromEntries(Object.entries(doc.paths).map(([path, item]) => [path, Object.keys(item).sort()]));
    expect(routes).toMatchObject({
      '/v1/jobs': ['get', 'post'],
      '/v1/jobs/{id}': ['delete', 'get'],
      '/healthz': ['get'],
      '/readyz': ['get'],
      '/v1/stats': ['get'],
    });
    expect(doc.security).toBeUndefined();
  });

  it('documents the submit route once (the validating copy is hidden), with its bodies and problem answers', async () => {
    const doc = (await t().call<OpenApiDoc>('/openapi.json')).body;
    const post = doc.paths['/v1/jobs']!['post']!;
    expect(Object.keys(post.responses).sort()).toEqual(['200', '202', '400', '401', '409', '413', '415', '422', '429', '500', '503', '504']);
    expect(Object.keys(post.responses['429']!.content ?? {})).toEqual(['application/problem+json']);
    const body = (post as unknown as { requestBody: { content: Record<string, unknown> } }).requestBody;
    expect(Object.keys(body.content).sort()).toEqual(['application/json', 'application/octet-stream', 'text/plain']);
  });
});

describe('openapi.json with a token', () => {
  const t = appForEach({ token: 'x' });

  it('declares bearer security for the whole API', async () => {
    const doc = (await t().call<OpenApiDoc>('/openapi.json')).body;
    expect(doc.security).toEqual([{ bearer: [] }]);
    expect(doc.components?.securitySchemes).toEqual({ bearer: { type: 'http', scheme: 'bearer' } });
  });
});
