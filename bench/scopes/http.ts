/**
 * HTTP scope: the compiled service in-process, real `fetch` clients on
 * keep-alive connections. Small bodies measure requests per second (HTTP,
 * validation, dispatch, job records: everything but the count); whole books
 * measure MB/s. Every response's totalWords is added up and checked.
 */
import { expectEqual } from '../lib/checks.ts';
import { percentile, startBenchService, textBodies, withConcurrency } from '../lib/service.ts';
import { throughput } from '../lib/stats.ts';
import type { CaseResult, Measurement, Scope } from '../lib/types.ts';

const CONCURRENCY = 32;

async function httpCase(threads: number, count: number, bodyBytes: number, runsWanted: number): Promise<CaseResult> {
  const { bodies, totalWords, totalBytes } = textBodies(count, bodyBytes);
  const service = await startBenchService(threads, 'off');
  const runs: Measurement[] = [];
  const latencies: number[] = [];
  try {
    const post = async (body: Buffer): Promise<number> => {
      const t0 = performance.now();
      const response = await fetch(`${service.http.url}/v1/jobs?wait=true`, { method: 'POST', body, headers: { 'content-type': 'text/plain' } });
      // With wait=true a finished job answers 200 with its result.
      const result = (await response.json()) as { totalWords?: number };
      latencies.push(performance.now() - t0);
      if (response.status !== 200 || result.totalWords === undefined) throw new Error(`POST /v1/jobs answered ${response.status}: ${JSON.stringify(result)}`);
      return result.totalWords;
    };
    // One unmeasured round: connections open, code warm.
    await withConcurrency(Math.min(count, 100), CONCURRENCY, async (i) => void (await post(bodies[i]!)));
    for (let r = 0; r < runsWanted; r++) {
      latencies.length = 0;
      let words = 0;
      const t0 = performance.now();
      await withConcurrency(count, CONCURRENCY, async (i) => {
        const n = await post(bodies[i]!); // not `words += await …`: that reads `words` before the await
        words += n;
      });
      runs.push({ wallMs: performance.now() - t0 });
      expectEqual(`HTTP ${count} × ${bodyBytes} B totalWords`, words, totalWords);
    }
  } finally {
    await service.shutdown();
  }
  const t = throughput(totalBytes, runs);
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    scope: 'http', input: `${count} bodies of ~${bodyBytes >= 1024 ? `${Math.round(bodyBytes / 1024)} KiB` : `${bodyBytes} B`}`,
    name: `POST /v1/jobs?wait=true, ${CONCURRENCY} clients, ${threads} thread${threads > 1 ? 's' : ''}`, kind: 'wordmill',
    threads, bytes: totalBytes, runs, ...t,
    note: `${Math.round(count / (t.wallMs.median / 1000))} req/s, latency p50 ${(percentile(sorted, 0.5)).toFixed(1)} ms, p99 ${(percentile(sorted, 0.99)).toFixed(1)} ms`,
    checked: {
      totalWords, requestsPerSec: Math.round(count / (t.wallMs.median / 1000)),
      latencyP50Ms: Math.round(percentile(sorted, 0.5) * 10) / 10, latencyP99Ms: Math.round(percentile(sorted, 0.99) * 10) / 10,
    },
  };
}

export const httpScope: Scope = {
  name: 'http',
  description: 'the service in-process over real HTTP: small bodies (requests/s, latency) and book-sized bodies (MB/s)',
  async run(options, log) {
    const results: CaseResult[] = [];
    for (const threads of options.threads) {
      for (const [count, bytes] of [[2000, 1024], [400, 256 * 1024]] as const) {
        const result = await httpCase(threads, count, bytes, options.runs);
        results.push(result);
        log(`  ${result.input}, ${threads} thread(s): ${result.checked['requestsPerSec']} req/s, ${result.mbPerSec.median.toFixed(1)} MB/s, p50 ${result.checked['latencyP50Ms']} ms, p99 ${result.checked['latencyP99Ms']} ms`);
      }
    }
    return results;
  },
};
