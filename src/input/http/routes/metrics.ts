/** `GET /metrics`: the service's own Prometheus registry in the text exposition format. */
import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Monitoring } from '../../../metrics/monitoring.ts';
import { problems } from '../schemas/responses.ts';
import { BEARER } from './route-helpers.ts';

// Documented only: the handler answers the registry's own content type (with its version parameter).
const metricsRoute = createRoute({
  method: 'get', path: '/metrics', operationId: 'metrics', summary: 'Prometheus metrics (text exposition format 0.0.4)', security: BEARER,
  responses: {
    200: { description: 'The metrics; names are listed in docs/monitoring.md', content: { 'text/plain': { schema: { type: 'string' } } } },
    ...problems('E_UNAUTHORIZED'),
  },
});

export function registerMetricsRoute(app: OpenAPIHono, monitoring: Monitoring): void {
  app.openAPIRegistry.registerPath(metricsRoute);
  app.get('/metrics', async (c) => {
    const text = await monitoring.metricsText();
    return c.body(text, 200, { 'content-type': monitoring.registry.contentType, 'cache-control': 'no-store' });
  });
}
