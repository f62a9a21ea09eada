/**
 * The bench's vocabulary. A scope (corpus, pool, memory, tasks, http, mqtt, queue)
 * is one file that turns options into measured cases; the runner, reporter
 * and chart only know these types.
 */
import type { ThreadBusy } from './worker-busy.ts';

export interface BenchOptions {
  /** Bytes of generated input for the corpus scope (default 256 MB). */
  sizeBytes: number;
  /** Measured runs per case (after one warm-up run where the case says so). */
  runs: number;
  /** Thread counts to run wordmill with; the largest is "N". */
  threads: number[];
  /** Print the JSON report on stdout instead of tables. */
  json: boolean;
  /** Case names to skip (substring match), e.g. slow baselines on a quick run. */
  skip: string[];
}

export interface Measurement {
  wallMs: number;
  /** User + system CPU time of the process tree, when known: less disturbed by other load than wall time. */
  cpuMs?: number;
  /** Peak resident set size of the measured process tree in bytes, when known. */
  peakRssBytes?: number;
  /** wordmill: time each worker thread spent in jobs, from the worker logs. */
  busy?: ThreadBusy[];
}

/** One variant measured over several runs. */
export interface CaseResult {
  scope: string;
  /** Input the case ran on, e.g. `english-256MB`. */
  input: string;
  name: string;
  /** What is compared against what: `wordmill`, `baseline` or `reference`. */
  kind: 'wordmill' | 'baseline' | 'reference';
  threads: number;
  bytes: number;
  runs: Measurement[];
  wallMs: Summary;
  mbPerSec: Summary;
  /** MB per CPU-second (all threads together), when CPU time is known. */
  mbPerCpuSec?: Summary;
  peakRssBytes?: number;
  /** wordmill: busy time per worker thread in the median run (see Measurement.busy). */
  busyPerThread?: ThreadBusy[];
  /**
   * On a folder of many files: what each file costs beyond its bytes, in µs, taking the
   * same variant's time per byte on one big file (same run) as the cost of the bytes.
   */
  perFileOverheadUs?: number;
  /** The result the case checked (word totals etc.), for the JSON report. */
  checked: Record<string, number | string>;
  /** The exact command measured, for RESULTS.md. */
  command?: string;
  note?: string;
}

export interface Summary {
  median: number;
  min: number;
  max: number;
}

export interface Scope {
  name: string;
  description: string;
  run(options: BenchOptions, log: (line: string) => void): Promise<CaseResult[]>;
}

/** Thrown when a case's own result check fails: a fast wrong answer is not a result. */
export class BenchCheckError extends Error {}
