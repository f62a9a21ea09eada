/**
 * The live figures: `GET /v1/live` answers one snapshot (what `wordmill monitor`
 * polls), `GET /v1/events` streams one per interval as Server-Sent Events (what
 * the dashboard follows). Streams end when the client goes or the service stops.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { InvalidRequestError } from '../../../errors.ts';
import type { Monitoring } from '../../../metrics/monitoring.ts';

export const EVENTS_PATH = '/v1/events';
const INTERVAL = Object.freeze({ defaultMs: 1000, minMs: 250, maxMs: 60_000 });

export function registerLiveRoutes(app: OpenAPIHono, monitoring: Monitoring): void {
  app.get('/v1/live', (c) => c.json(monitoring.live.snapshot(), 200, { 'cache-control': 'no-store' }));

  app.get(EVENTS_PATH, (c) => {
    const intervalMs = parseInterval(c.req.query('interval'));
    const closed = monitoring.live.closed;
    return streamSSE(c, async (stream) => {
      // Ends the stream when the client goes or the service shuts down, waking the pause at once.
      const done = new AbortController();
      const end = (): void => done.abort();
      closed.addEventListener('abort', end, { once: true });
      stream.onAbort(end);
      try {
        let id = 0;
        while (!done.signal.aborted) {
          const data = JSON.stringify(monitoring.live.snapshot());
          // `retry`: EventSource reconnects after 1 s (its default is 3 s) when the service comes back.
          await stream.writeSSE({ event: 'snapshot', id: String(id), data, ...(id === 0 ? { retry: 1000 } : {}) });
          id++;
          await pause(intervalMs, done.signal);
        }
      } finally {
        closed.removeEventListener('abort', end);
      }
    });
  });
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const finish = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', finish);
      resolve();
    };
    const timer = setTimeout(finish, ms);
    signal.addEventListener('abort', finish, { once: true });
  });
}

/** `?interval=` in milliseconds (250–60000); absent means one second. */
function parseInterval(raw: string | undefined): number {
  if (raw === undefined || raw === '') return INTERVAL.defaultMs;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < INTERVAL.minMs || ms > INTERVAL.maxMs) {
    throw new InvalidRequestError(`query "interval" must be a whole number of milliseconds from ${INTERVAL.minMs} to ${INTERVAL.maxMs}; got "${raw}"`);
  }
  return ms;
}
