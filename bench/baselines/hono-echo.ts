/**
 * The HTTP ceiling: Hono on @hono/node-server answering a POST with its own
 * body, nothing else. The service's requests per second are read against it.
 * Prints `{"url":"http://127.0.0.1:<port>"}` once it listens.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.post('/echo', async (c) => c.body(await c.req.arrayBuffer(), 200, { 'content-type': 'text/plain' }));

const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
