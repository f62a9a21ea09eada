/**
 * HTTP scope: the compiled `wordmill serve` in its own process, loaded from
 * this one by autocannon on 32 keep-alive connections, against the ceiling
 * measured in the same run with the same client: Hono's own POST echo on
 * @hono/node-server. Small bodies measure requests per second (HTTP,
 * validation, dispatch, job records, result files: everything but the count),
 * with result files (a temporary --out) and without (--out none); 256 KiB
 * bodies measure MB/s. Every answer's totalWords is added up and checked. One upload past the body
 * limit (--size), counted as it arrives, is measured against `process` on the same bytes (http-upload.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expectEqual } from '../lib/checks.ts';
import { runHttpLoad } from '../lib/http-load.ts';
import type { HttpLoadResult } from '../lib/http-load.ts';
import { startServeProcess, startServerProcess } from '../lib/server-process.ts';
import type { ServerProcess } from '../lib/server-process.ts';
import { textBodies } from '../lib/service.ts';
import { uploadCases } from './http-upload.ts';
import { summarize, throughput } from '../lib/stats.ts';
import type { CaseResult, Measurement, Scope } from '../lib/types.ts';

const CONNECTIONS = 32;
const HONO_ECHO = fileURLToPath(new URL('../baselines/hono-echo.ts', import.meta.url));

interface Side {
  name: string;
  kind: CaseResult['kind'];
  start: () => Promise<ServerProcess>;
  path: string;
  /** totalWords of an answer (wordmill), or its byte count (the echo). */
  tally: (status: number, body: string) => number;
}

const sizeLabel = (bytes: number): string => (bytes >= 1024 ? `${Math.round(bytes / 1024)} KiB` : `${bytes} B`);

async function measure(side: Side, bodies: Buffer[], expected: number, runsWanted: number): Promise<{ runs: Measurement[]; loads: HttpLoadResult[] }> {
  const server = await side.start();
  const runs: Measurement[] = [];
  const loads: HttpLoadResult[] = [];
  try {
    const url = `${server.url}${side.path}`;
    // One unmeasured round: connections open, code warm.
    await runHttpLoad({ url, bodies: bodies.slice(0, Math.min(bodies.length, 500)), connections: CONNECTIONS });
    for (let r = 0; r < runsWanted; r++) {
      let tallied = 0;
      const load = await runHttpLoad({ url, bodies, connections: CONNECTIONS, onBody: (status, body) => void (tallied += side.tally(status, body)) });
      expectEqual(`${side.name}: ${bodies.length} answers' total`, tallied, expected);
      runs.push({ wallMs: load.wallMs });
      loads.push(load);
    }
  } finally {
    await server.stop();
  }
  return { runs, loads };
}

function wordsOf(status: number, body: string): number {
  const result = JSON.parse(body) as { totalWords?: number };
  // With wait=true a finished job answers 200 with its result.
  if (status !== 200 || result.totalWords === undefined) throw new Error(`POST /v1/jobs?wait=true answered ${status}: ${body.slice(0, 300)}`);
  return result.totalWords;
}

async function httpCases(threads: number, count: number, bodyBytes: number, runsWanted: number): Promise<CaseResult[]> {
  const { bodies, totalWords, totalBytes } = textBodies(count, bodyBytes);
  const dir = mkdtempSync(join(tmpdir(), 'wordmill-bench-http-'));
  const serve = (out: string) => () => startServeProcess(['--mqtt', 'off', '--threads', String(threads), '--out', out]);
  const sides: Side[] = [
    { name: 'Hono POST echo on @hono/node-server (ceiling)', kind: 'reference', start: () => startServerProcess(HONO_ECHO, [], { nodeArgs: ['--import', 'tsx'] }), path: '/echo', tally: (_s, body) => Buffer.byteLength(body) },
    { name: `wordmill serve, result files, ${threads} thread${threads > 1 ? 's' : ''}`, kind: 'wordmill', start: serve(join(dir, 'out')), path: '/v1/jobs?wait=true', tally: wordsOf },
    { name: `wordmill serve --out none, ${threads} thread${threads > 1 ? 's' : ''}`, kind: 'wordmill', start: serve('none'), path: '/v1/jobs?wait=true', tally: wordsOf },
  ];
  const results: CaseResult[] = [];
  let ceiling: number | undefined;
  try {
    for (const side of sides) {
      const { runs, loads } = await measure(side, bodies, side.kind === 'reference' ? totalBytes : totalWords, runsWanted);
      const t = throughput(totalBytes, runs);
      const perSec = Math.round(count / (t.wallMs.median / 1000));
      ceiling ??= perSec;
      const p50 = summarize(loads.map((l) => l.latencyP50Ms)).median;
      const p99 = summarize(loads.map((l) => l.latencyP99Ms)).median;
      const ratio = Math.round((perSec / ceiling) * 1000) / 1000;
      results.push({
        scope: 'http', input: `${count} bodies of ~${sizeLabel(bodyBytes)}`, name: `${side.name}, ${CONNECTIONS} connections`, kind: side.kind,
        threads, bytes: totalBytes, runs, ...t,
        note: `${perSec} req/s (${ratio}× the echo), latency p50 ${p50} ms, p99 ${p99} ms`,
        checked: { ...(side.kind === 'reference' ? { totalBytes } : { totalWords }), requestsPerSec: perSec, ratioToEcho: ratio, latencyP50Ms: p50, latencyP99Ms: p99 },
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

export const httpScope: Scope = {
  name: 'http',
  description: 'wordmill serve in its own process vs a Hono POST echo, same client (autocannon, 32 keep-alive connections): 1 KiB bodies (req/s, p50/p99) and 256 KiB bodies (MB/s); one --size upload counted as it arrives vs process on the same bytes (MB/s, peak RSS)',
  async run(options, log) {
    const results: CaseResult[] = [];
    for (const threads of options.threads) {
      for (const [count, bytes] of [[5000, 1024], [400, 256 * 1024]] as const) {
        for (const result of await httpCases(threads, count, bytes, options.runs)) {
          results.push(result);
          log(`  ${result.input}: ${result.name}: ${result.note}, ${result.mbPerSec.median.toFixed(1)} MB/s`);
        }
      }
    }
    if (options.skip.includes('upload')) return results;
    for (const result of await uploadCases(options, log)) {
      results.push(result);
      log(`  ${result.input}: ${result.name}: ${result.mbPerSec.median.toFixed(1)} MB/s${result.note === undefined ? '' : `, ${result.note}`}`);
    }
    return results;
  },
};
