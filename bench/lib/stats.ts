/** Median and range over repeated runs: one run on a shared 2-core machine says little. */
import type { Measurement, Summary } from './types.ts';

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('no values to summarize');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

export function throughput(bytes: number, runs: readonly Measurement[]): { wallMs: Summary; mbPerSec: Summary; mbPerCpuSec?: Summary } {
  const cpu = runs.flatMap((r) => (r.cpuMs === undefined ? [] : [bytes / 1e6 / (r.cpuMs / 1000)]));
  return {
    wallMs: summarize(runs.map((r) => r.wallMs)),
    mbPerSec: summarize(runs.map((r) => bytes / 1e6 / (r.wallMs / 1000))),
    ...(cpu.length === runs.length && cpu.length > 0 ? { mbPerCpuSec: summarize(cpu) } : {}),
  };
}

export function maxRss(runs: readonly Measurement[]): number | undefined {
  const known = runs.flatMap((r) => (r.peakRssBytes === undefined ? [] : [r.peakRssBytes]));
  return known.length === 0 ? undefined : Math.max(...known);
}
