/**
 * The dashboard: the page at `/`, its stylesheet, and the compiled client
 * modules under `/dashboard/`. Read once per process: they change only with a build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { NotFoundError } from '../../../errors.ts';
import { ASSET_NAME, clientDir } from '../dashboard/assets.ts';
import { dashboardPage } from '../dashboard/page.ts';
import { DASHBOARD_CSS } from '../dashboard/styles.ts';

/** Security headers for the page: scripts only from here, nothing framed, no referrer leaks. */
const PAGE_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
};

export function registerDashboardRoutes(app: OpenAPIHono): void {
  const dir = clientDir();
  const cache = new Map<string, string>();
  const page = dashboardPage({ scriptsBuilt: existsSync(join(dir, 'main.js')) });

  app.get('/', (c) => c.html(page, 200, PAGE_HEADERS));
  app.get('/dashboard/dashboard.css', (c) => c.body(DASHBOARD_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' }));
  app.get('/dashboard/:file', (c) => {
    const name = c.req.param('file');
    if (!ASSET_NAME.test(name)) throw new NotFoundError(`dashboard file ${name}`);
    let body = cache.get(name);
    if (body === undefined) {
      const path = join(dir, name);
      if (!existsSync(path)) throw new NotFoundError(`dashboard file ${name}`);
      body = readFileSync(path, 'utf8');
      cache.set(name, body);
    }
    return c.body(body, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
  });
}
