/**
 * countThenMerge on a real engine (a stand-in executor, a result sink the test
 * holds): the merge starts once every job has computed, while their result
 * files are still being written, and runs again without a job whose result
 * file then failed.
 */
import { describe, expect, it } from 'vitest';
import { countThenMerge } from '../../src/cli/corpus/count-then-merge.ts';
import { resolveEngineOptions } from '../../src/config.ts';
import type { Executor } from '../../src/dispatch/executor.ts';
import type { JobResult } from '../../src/dispatch/job.ts';
import { assembleEngine } from '../../src/engine.ts';
import type { MapOutcome } from '../../src/engine.ts';
import { OutputError } from '../../src/errors.ts';
import type { ResultSink } from '../../src/sinks/result-sink.ts';

const executor: Executor = {
  mode: 'pool',
  ready: async () => {},
  run: async (job) => ({ id: job.id, task: 'wordcount', source: job.source, name: job.name, bytes: 1, totalWords: 1, uniqueWords: 1, top: [] }) as unknown as JobResult,
  stats: () => ({ mode: 'queue' }),
  close: async () => {},
};

function engineWith(sink: ResultSink) {
  return assembleEngine({ options: resolveEngineOptions({ threads: 1, outDir: null }), executor: () => executor, sinks: [sink] });
}

const JOBS = ['a.txt', 'b.txt', 'c.txt'].map((source) => ({ input: { text: source }, source }));
const shape = (outcomes: readonly MapOutcome[]) => outcomes.map((o) => (o.ok ? o.result.source : `failed: ${o.error.code}`));

describe('countThenMerge', () => {
  it('merges once every job has computed, before their results are written', async () => {
    let merging!: () => void;
    const mergeStarted = new Promise<void>((resolve) => (merging = resolve));
    const written: string[] = [];
    // Each write waits for the merge to start: a merge that waited for the writes would never start.
    const sink: ResultSink = {
      name: 'held',
      write: async (result) => {
        await mergeStarted;
        written.push(result.source);
      },
    };
    const engine = engineWith(sink);
    const calls: string[][] = [];
    const run = await countThenMerge(engine, JOBS, async (outcomes) => {
      calls.push(shape(outcomes));
      const before = written.length;
      merging();
      return `sum of ${outcomes.length}, ${before} written before`;
    });
    expect(calls).toEqual([['a.txt', 'b.txt', 'c.txt']]);
    expect(run.merged).toBe('sum of 3, 0 written before');
    expect(shape(run.outcomes)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(written.sort()).toEqual(['a.txt', 'b.txt', 'c.txt']);
    await engine.close();
  });

  it('merges again without a job whose result could not be written after it computed', async () => {
    const sink: ResultSink = {
      name: 'failing',
      write: async (result) => {
        if (result.source === 'b.txt') throw new OutputError('/out/b.json', new Error('ENOSPC'));
      },
    };
    const engine = engineWith(sink);
    const calls: string[][] = [];
    const run = await countThenMerge(engine, JOBS, async (outcomes) => {
      calls.push(shape(outcomes));
      return calls.length;
    });
    expect(calls).toEqual([['a.txt', 'b.txt', 'c.txt'], ['a.txt', 'failed: E_OUTPUT_FAILED', 'c.txt']]);
    expect(run.merged).toBe(2);
    expect(shape(run.outcomes)).toEqual(['a.txt', 'failed: E_OUTPUT_FAILED', 'c.txt']);
    await engine.close();
  });

  it('merges the outcomes when a job was refused before it ran, and passes a merge failure on', async () => {
    const engine = engineWith({ name: 'none', write: async () => {} });
    const calls: string[][] = [];
    const jobs = [JOBS[0]!, { input: { path: '' }, source: 'empty path' }];
    const run = await countThenMerge(engine, jobs, async (outcomes) => {
      calls.push(shape(outcomes));
      return 'merged';
    });
    expect(calls).toEqual([['a.txt', 'failed: E_INVALID_JOB']]);
    expect(run.merged).toBe('merged');
    await expect(countThenMerge(engine, [JOBS[0]!], async () => {
      throw new Error('disk full');
    })).rejects.toThrow('disk full');
    await engine.close();
  });
});
