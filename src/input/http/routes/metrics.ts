/** `GET /metrics`: the service's own Prometheus registry in the text exposition format. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Monitoring } from '../../../metrics/monitoring.ts';

export function registerMetricsRoute(app: OpenAPIHono, monitoring: Monitoring): void {
  app.get('/metrics', async (c) => {
    const text = await monitoring.metricsText();
    return c.body(text, 200, { 'content-type': monitoring.registry.contentType, 'cache-control': 'no-store' });
  });
}
