/**
 * The dashboard: the page at `/`, its stylesheet, and the compiled client
 * modules under `/dashboard/`. Read once per process: they change only with a build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { NotFoundError } from '../../../errors.ts';
import { problems } from '../schemas/responses.ts';
import { OPEN } from './route-helpers.ts';
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

// Documented only, open like the page they serve: they hold no data (the page reads it with the token).
const pageRoute = createRoute({
  method: 'get', path: '/', operationId: 'dashboardPage', summary: 'The live dashboard (HTML)', security: OPEN,
  responses: { 200: { description: 'The page', content: { 'text/html': { schema: { type: 'string' } } } } },
});
const assetRoute = createRoute({
  method: 'get', path: '/dashboard/{file}', operationId: 'dashboardAsset', summary: "The dashboard's stylesheet and scripts", security: OPEN,
  request: { params: z.object({ file: z.string().openapi({ param: { name: 'file', in: 'path' } }) }) },
  responses: {
    200: { description: 'The file', content: { 'text/css': { schema: { type: 'string' } }, 'text/javascript': { schema: { type: 'string' } } } },
    ...problems('E_NOT_FOUND'),
  },
});

export function registerDashboardRoutes(app: OpenAPIHono): void {
  app.openAPIRegistry.registerPath(pageRoute);
  app.openAPIRegistry.registerPath(assetRoute);
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
