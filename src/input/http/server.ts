/**
 * Binds the app to a socket (@hono/node-server) and stops it: stop taking
 * connections, let in-flight responses finish for a grace period, then close
 * whatever is left (idle keep-alive sockets would otherwise hold the process).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';

export interface RunningHttpServer {
  /** `http://host:port` with the real port (port 0 picks a free one). */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  close(graceMs?: number): Promise<void>;
}

export interface FetchApp {
  fetch: (request: Request) => Response | Promise<Response>;
}

/**
 * Socket limits (docs/http.md): a client gets this long to send its headers,
 * and the whole request; an idle keep-alive connection is closed after
 * `keepAliveMs`. Responses are not limited here (`?wait=true` and event
 * streams last as long as they need). Node looks for late headers and
 * requests every `checkEveryMs`.
 */
export interface HttpTimeouts {
  headersMs: number;
  requestMs: number;
  keepAliveMs: number;
  checkEveryMs: number;
}

export const HTTP_TIMEOUTS: Readonly<HttpTimeouts> = Object.freeze({ headersMs: 30_000, requestMs: 300_000, keepAliveMs: 10_000, checkEveryMs: 5_000 });

export interface HttpServerOptions {
  host: string;
  port: number;
  /** Open connections at once; Node closes any past it as it arrives. */
  maxConnections: number;
  /** Tests shorten these; the service uses HTTP_TIMEOUTS. */
  timeouts?: HttpTimeouts;
}

export function startHttpServer(app: FetchApp, options: HttpServerOptions): Promise<RunningHttpServer> {
  const timeouts = options.timeouts ?? HTTP_TIMEOUTS;
  return new Promise((resolve, reject) => {
    const server = serve({
      fetch: app.fetch,
      hostname: options.host,
      port: options.port,
      serverOptions: {
        headersTimeout: timeouts.headersMs,
        requestTimeout: timeouts.requestMs,
        keepAliveTimeout: timeouts.keepAliveMs,
        connectionsCheckingInterval: timeouts.checkEveryMs,
      },
    }) as Server;
    server.maxConnections = options.maxConnections;
    server.once('error', reject);
    server.once('listening', () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({ url: `http://${host}:${address.port}`, host: address.address, port: address.port, close: (graceMs) => stop(server, graceMs ?? 2000) });
    });
  });
}

function stop(server: Server, graceMs: number): Promise<void> {
  if (!server.listening) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    // A keep-alive connection whose response ends during the grace period (an event
    // stream ended by shutdown, a slow answer) turns idle later: close those as they do.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    sweep.unref();
    server.close(() => {
      clearTimeout(force);
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}
