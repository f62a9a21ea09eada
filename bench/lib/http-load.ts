/**
 * The HTTP load client of the bench: autocannon with a fixed number of
 * keep-alive connections, each request carrying the next of `bodies`, run
 * from this process against a server in another (so the client does not
 * share the server's event loop). Latency percentiles come from autocannon's
 * HDR histogram; `onBody` sees every answer, for the case's own check.
 */
import autocannon from 'autocannon';

export interface HttpLoad {
  url: string;
  bodies: readonly Buffer[];
  connections: number;
  contentType?: string;
  /** Called with each answer's status and body (a bad one should throw: the run then fails). */
  onBody?: (status: number, body: string) => void;
}

export interface HttpLoadResult {
  requests: number;
  /** performance.now() of the first request sent and of the last answer received. */
  firstSentAt: number;
  lastAnsweredAt: number;
  wallMs: number;
  requestsPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
}

/** Sends every body once (`bodies.length` requests) over `connections` keep-alive connections. */
export async function runHttpLoad(load: HttpLoad): Promise<HttpLoadResult> {
  let next = 0;
  let answered = 0;
  let failure: unknown;
  const headers = { 'content-type': load.contentType ?? 'text/plain' };
  // From the first request out to the last answer in: autocannon itself notices the end of an
  // `amount` only on its once-a-second tick, so its own duration is rounded up to whole seconds.
  let t0 = Number.NaN;
  let t1 = Number.NaN;
  const result = await autocannon({
    url: load.url,
    method: 'POST',
    connections: load.connections,
    amount: load.bodies.length,
    timeout: 120,
    requests: [{
      setupRequest: (request) => {
        if (next === 0) t0 = performance.now();
        return { ...request, headers, body: load.bodies[next++ % load.bodies.length]! };
      },
      onResponse: (status, body) => {
        if (++answered === load.bodies.length) t1 = performance.now();
        try {
          load.onBody?.(status, body);
        } catch (error) {
          failure ??= error;
        }
      },
    }],
  });
  const wallMs = t1 - t0;
  if (failure !== undefined) throw failure;
  if (result.errors > 0 || result.non2xx > 0 || answered !== load.bodies.length) {
    throw new Error(`${load.url}: ${answered} of ${load.bodies.length} answered, ${result.errors} errors, ${result.non2xx} non-2xx`);
  }
  return {
    requests: answered,
    firstSentAt: t0,
    lastAnsweredAt: t1,
    wallMs,
    requestsPerSec: Math.round(answered / (wallMs / 1000)),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
  };
}
