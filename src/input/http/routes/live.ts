/**
 * The live figures: `GET /v1/live` answers one snapshot (what `wordmill monitor`
 * polls), `GET /v1/events` streams one per interval as Server-Sent Events (what
 * the dashboard follows). Streams end when the client goes or the service stops.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import { InvalidRequestError } from '../../../errors.ts';
import type { Monitoring } from '../../../metrics/monitoring.ts';
import { BROWSER_TOKEN_SECURITY, TOKEN_QUERY } from '../auth.ts';
import { liveSnapshotSchema } from '../schemas/live.ts';
import { problems } from '../schemas/responses.ts';
import { BEARER, json } from './route-helpers.ts';

export const EVENTS_PATH = '/v1/events';
const INTERVAL = Object.freeze({ defaultMs: 1000, minMs: 250, maxMs: 60_000 });

const liveRoute = createRoute({
  method: 'get', path: '/v1/live', operationId: 'liveSnapshot', summary: 'One snapshot of the live figures', security: BEARER,
  responses: { 200: json(liveSnapshotSchema, 'The snapshot (not cached)'), ...problems('E_UNAUTHORIZED') },
});
// Documented only: the stream is answered by the handler below, not validated.
const eventsRoute = createRoute({
  method: 'get', path: EVENTS_PATH, operationId: 'liveEvents', security: BROWSER_TOKEN_SECURITY,
  summary: 'The live snapshot as Server-Sent Events, one `snapshot` event per interval',
  description: `Each event's data is a LiveSnapshot. A browser's EventSource cannot set headers, so this route also takes the token as ?${TOKEN_QUERY}= or the wordmill_token cookie.`,
  request: {
    query: z.object({
      interval: z.string().optional().openapi({ description: `milliseconds between events, ${INTERVAL.minMs}-${INTERVAL.maxMs}; default ${INTERVAL.defaultMs}` }),
      [TOKEN_QUERY]: z.string().optional().openapi({ description: 'the bearer token, for clients that cannot send the Authorization header' }),
    }),
  },
  responses: {
    200: { description: 'An endless event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } },
    ...problems('E_INVALID_REQUEST', 'E_UNAUTHORIZED'),
  },
});

export function registerLiveRoutes(app: OpenAPIHono, monitoring: Monitoring): void {
  app.openapi(liveRoute, (c) => c.json(monitoring.live.snapshot(), 200, { 'cache-control': 'no-store' }));

  app.openAPIRegistry.registerPath(eventsRoute);

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
