/** Socket limits of `serve`: connections past --max-connections are closed; the timeouts are set on the server. */
import { connect } from 'node:net';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HTTP_TIMEOUTS, startHttpServer } from '../../src/input/http/server.ts';
import { serviceForSuite } from '../helpers/http-service.ts';

function open(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Sends one keep-alive GET and resolves with the status line. */
function get(socket: Socket, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    socket.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1').split('\r\n')[0]!));
    socket.once('error', reject);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\n\r\n`);
  });
}

/** Resolves with what the server did to a fresh connection that asks for /healthz: 'answered' or 'closed'. */
function fate(socket: Socket): Promise<'answered' | 'closed'> {
  return new Promise((resolve) => {
    socket.once('data', () => resolve('answered'));
    socket.once('close', () => resolve('closed'));
    socket.on('error', () => {});
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
  });
}

describe('HTTP connection limits', () => {
  const t = serviceForSuite({ maxConnections: 2 });

  it('a third connection is closed while two are open; once one closes, a new one is served', async () => {
    const port = t.service.http.port;
    const first = await open(port);
    const second = await open(port);
    try {
      expect(await get(first, '/healthz')).toBe('HTTP/1.1 200 OK');
      expect(await get(second, '/healthz')).toBe('HTTP/1.1 200 OK');
      expect(await fate(await open(port))).toBe('closed');
      // The two kept connections still work.
      expect(await get(first, '/readyz')).toBe('HTTP/1.1 200 OK');
      second.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const later = await open(port);
      expect(await fate(later)).toBe('answered');
      later.destroy();
    } finally {
      first.destroy();
      second.destroy();
    }
  });
});

describe('HTTP timeouts', () => {
  const app = { fetch: () => new Response('ok') };
  const closedWithin = (socket: Socket, ms: number): Promise<boolean> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      socket.once('close', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });

  it('an idle keep-alive connection is closed after keepAliveMs; one that never finishes its headers after headersMs', async () => {
    const server = await startHttpServer(app, {
      host: '127.0.0.1', port: 0, maxConnections: 10,
      timeouts: { ...HTTP_TIMEOUTS, headersMs: 300, requestMs: 300, keepAliveMs: 200, checkEveryMs: 100 },
    });
    try {
      const idle = await open(server.port);
      expect(await get(idle, '/')).toBe('HTTP/1.1 200 OK');
      expect(await closedWithin(idle, 3000)).toBe(true);
      const slow = await open(server.port);
      slow.on('error', () => {});
      const answer = new Promise<string>((resolve) => slow.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1').split('\r\n')[0]!)));
      slow.write('GET / HTTP/1.1\r\nHost: x\r\n'); // the blank line that ends the headers never comes
      expect(await closedWithin(slow, 3000)).toBe(true);
      expect(await answer).toBe('HTTP/1.1 408 Request Timeout');
    } finally {
      await server.close(100);
    }
  });

  it('the service uses the documented limits', () => {
    expect(HTTP_TIMEOUTS).toEqual({ headersMs: 30_000, requestMs: 300_000, keepAliveMs: 10_000, checkEveryMs: 5_000 });
  });
});
