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

export function startHttpServer(app: FetchApp, options: { host: string; port: number }): Promise<RunningHttpServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: options.host, port: options.port }) as Server;
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
