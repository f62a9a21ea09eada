/**
 * HTTP request counts and latencies by route pattern (`/v1/jobs/:id`, not the
 * concrete path, so the label set stays bounded) and status. Mounted first, so
 * it also sees the 401s and 404s that other middleware answers.
 */
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { Counter, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';

const BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const KNOWN_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
/** Routes that did not match (404s, scanners probing paths) share one label value. */
export const UNMATCHED_ROUTE = 'unmatched';

export function httpMetricsMiddleware(registry: Registry): MiddlewareHandler {
  const requests = new Counter({
    name: 'wordmill_http_requests_total', help: 'HTTP requests by method, route pattern and status',
    labelNames: ['method', 'route', 'status'], registers: [registry],
  });
  const duration = new Histogram({
    name: 'wordmill_http_request_duration_seconds', help: 'Time to the response headers (SSE streams: to their start)',
    labelNames: ['method', 'route'], buckets: BUCKETS, registers: [registry],
  });
  return async (c, next) => {
    const start = performance.now();
    try {
      await next();
    } finally {
      const method = KNOWN_METHODS.has(c.req.method) ? c.req.method : 'OTHER';
      const route = handlerRoute(c);
      requests.inc({ method, route, status: String(c.res.status) });
      duration.observe({ method, route }, (performance.now() - start) / 1000);
    }
  };
}

/** The last matched route that is a handler, not a `use()` middleware (registered as method ALL with a wildcard). */
function handlerRoute(c: Parameters<MiddlewareHandler>[0]): string {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) {
    const route = routes[i]!;
    if (route.method !== 'ALL') return route.path;
  }
  return UNMATCHED_ROUTE;
}
