/**
 * Pool scope: the engine as a library (compiled, real threads, no output
 * files). Many small jobs measure per-job dispatch cost, 40,000 tiny ones how
 * a batch scales, and one large file at several chunk sizes the
 * split-count-merge path.
 */
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { englishInput } from '../corpus/inputs.ts';
import { textSlices } from '../corpus/text-slices.ts';
import { expectEqual } from '../lib/checks.ts';
import { throughput } from '../lib/stats.ts';
import type { BenchOptions, CaseResult, Measurement, Scope } from '../lib/types.ts';
import { CLI } from '../lib/wordmill-cli.ts';
import { readScan, scanInput } from '../../workers/tasks/wordcount.ts';

type EngineModule = typeof import('../../src/index.ts');

async function loadEngine(): Promise<EngineModule> {
  // The compiled engine: its pool points at the compiled worker, as in production.
  return (await import(pathToFileURL(CLI.replace(/cli\.js$/, 'index.js')).href)) as EngineModule;
}

const SMALL_JOB_BYTES = 16 * 1024;
const SMALL_JOBS = 2000;

function smallJobs(): Uint8Array[] {
  return textSlices(SMALL_JOBS, SMALL_JOB_BYTES).map((slice) => new Uint8Array(slice));
}

async function smallJobsCase(mod: EngineModule, threads: number, options: BenchOptions): Promise<CaseResult> {
  const jobs = smallJobs();
  const bytes = jobs.reduce((n, j) => n + j.length, 0);
  const expected = jobs.reduce((n, j) => n + readScan(scanInput({ kind: 'bytes', bytes: j, atStart: true }), (scan) => scan.totalWords), 0);
  const engine = mod.createEngine({ threads, outDir: null, maxQueue: SMALL_JOBS });
  const runs: Measurement[] = [];
  try {
    await engine.map(jobs.slice(0, 50).map((b) => ({ input: { bytes: b } })));
    for (let r = 0; r < options.runs; r++) {
      const t0 = performance.now();
      const outcomes = await engine.map(jobs.map((b) => ({ input: { bytes: b } })));
      runs.push({ wallMs: performance.now() - t0 });
      const words = outcomes.reduce((n, o) => n + (o.ok ? o.result.totalWords : Number.NaN), 0);
      expectEqual(`small jobs on ${threads} threads totalWords`, words, expected);
    }
  } finally {
    await engine.close();
  }
  const t = throughput(bytes, runs);
  return {
    scope: 'pool', input: `${SMALL_JOBS} jobs of 16 KiB`, name: `engine.map, ${threads} thread${threads > 1 ? 's' : ''}`, kind: 'wordmill',
    threads, bytes, runs, ...t, checked: { totalWords: expected, jobsPerSec: Math.round(SMALL_JOBS / (t.wallMs.median / 1000)) },
  };
}

const MANY_JOBS = 40_000;

/** A batch far larger than the queue: how `map` scales with the number of jobs (it was quadratic). */
async function manyJobsCase(mod: EngineModule, threads: number, options: BenchOptions): Promise<CaseResult> {
  const text = 'one two three four';
  const engine = mod.createEngine({ threads, outDir: null });
  const runs: Measurement[] = [];
  try {
    await engine.map([{ input: { text } }]);
    for (let r = 0; r < options.runs; r++) {
      const t0 = performance.now();
      const outcomes = await engine.map(Array.from({ length: MANY_JOBS }, () => ({ input: { text } })));
      runs.push({ wallMs: performance.now() - t0 });
      expectEqual(`${MANY_JOBS} jobs totalWords`, outcomes.reduce((n, o) => n + (o.ok ? o.result.totalWords : Number.NaN), 0), 4 * MANY_JOBS);
    }
  } finally {
    await engine.close();
  }
  const t = throughput(text.length * MANY_JOBS, runs);
  const perSec = Math.round(MANY_JOBS / (t.wallMs.median / 1000));
  return {
    scope: 'pool', input: `${MANY_JOBS} jobs of ${text.length} bytes`, name: `engine.map, ${threads} threads`, kind: 'wordmill',
    threads, bytes: text.length * MANY_JOBS, runs, ...t, note: `${perSec} jobs/s`, checked: { totalWords: 4 * MANY_JOBS, jobsPerSec: perSec },
  };
}

async function chunkSizeCase(mod: EngineModule, path: string, threads: number, chunkMiB: number, options: BenchOptions, expected: number): Promise<CaseResult & { top: string }> {
  const bytes = statSync(path).size;
  const engine = mod.createEngine({ threads, outDir: null, chunkSize: chunkMiB * 2 ** 20 });
  const runs: Measurement[] = [];
  let top = '';
  try {
    // Threads started and code warm before the clock runs: this case is about chunking, not start-up.
    await engine.map(Array.from({ length: threads * 2 }, () => ({ input: { text: 'warm up the threads' } })));
    for (let r = 0; r < options.runs; r++) {
      const t0 = performance.now();
      const result = await engine.submit({ input: { path } });
      runs.push({ wallMs: performance.now() - t0 });
      expectEqual(`${path} with ${chunkMiB} MiB chunks totalWords`, result.totalWords, expected);
      top = JSON.stringify(result.top);
    }
  } finally {
    await engine.close();
  }
  return {
    scope: 'pool', input: `one ${Math.round(bytes / 1e6)} MB file`, name: `engine.submit, ${threads} threads, ${chunkMiB} MiB chunks`, kind: 'wordmill',
    threads, bytes, runs, ...throughput(bytes, runs), checked: { totalWords: expected }, top,
  };
}

export const poolScope: Scope = {
  name: 'pool',
  description: 'the engine in-process: many small jobs (dispatch cost), one large file at several chunk sizes (merge cost)',
  async run(options, log) {
    const mod = await loadEngine();
    const results: CaseResult[] = [];
    for (const threads of options.threads) {
      results.push(await smallJobsCase(mod, threads, options));
      log(`  small jobs, ${threads} thread(s): ${results.at(-1)?.mbPerSec.median.toFixed(1)} MB/s`);
    }
    results.push(await manyJobsCase(mod, Math.max(...options.threads), options));
    log(`  ${MANY_JOBS} tiny jobs: ${results.at(-1)?.note}`);
    const input = englishInput(options.sizeBytes);
    const path = `${input.dir}dracula.txt`;
    const expected = 162250 * input.copies;
    const threads = Math.max(...options.threads);
    let firstTop: string | undefined;
    for (const chunk of [1, 4, 8, 16, 32]) {
      const { top, ...result } = await chunkSizeCase(mod, path, threads, chunk, options, expected);
      if (firstTop !== undefined) expectEqual(`top words with ${chunk} MiB chunks`, top, firstTop);
      firstTop ??= top;
      results.push(result);
      log(`  ${result.name}: ${result.mbPerSec.median.toFixed(1)} MB/s`);
    }
    return results;
  },
};
