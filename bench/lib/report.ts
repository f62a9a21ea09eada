/**
 * Reporters: a plain-text table per scope and input (median, min–max, ratio
 * to each baseline) and the JSON report written to bench/results/.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import type { CaseResult } from './types.ts';

export interface Report {
  date: string;
  machine: { nproc: number; cpu: string; node: string; loadAverage: number[] };
  argv: string[];
  results: CaseResult[];
}

export function makeReport(argv: string[], results: CaseResult[]): Report {
  return {
    date: new Date().toISOString(),
    machine: { nproc: availableParallelism(), cpu: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage: loadavg() },
    argv,
    results,
  };
}

const mb = (n: number): string => n.toFixed(1);

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** Each thread's busy time and the MB/s it counted at while busy. */
function busyCell(c: CaseResult): string {
  return (c.busyPerThread ?? [])
    .map((t) => `${(t.busyMs / 1000).toFixed(2)} s (${t.busyMs > 0 ? mb(t.bytes / 1e3 / t.busyMs) : '–'})`)
    .join(', ');
}

export function formatTables(results: readonly CaseResult[]): string {
  const lines: string[] = [];
  for (const [group, cases] of groupBy(results, (r) => `${r.scope} · ${r.input}`)) {
    lines.push(`\n${group}`);
    const best = cases.filter((c) => c.kind === 'wordmill').sort((a, b) => b.mbPerSec.median - a.mbPerSec.median)[0];
    const rows = cases.map((c) => [
      c.name,
      `${mb(c.mbPerSec.median)} MB/s`,
      `${mb(c.mbPerSec.min)}–${mb(c.mbPerSec.max)}`,
      c.mbPerCpuSec ? `${mb(c.mbPerCpuSec.median)}` : '',
      `${(c.wallMs.median / 1000).toFixed(2)} s`,
      c.peakRssBytes === undefined ? '' : `${Math.round(c.peakRssBytes / 2 ** 20)} MiB`,
      best && c.kind === 'baseline' ? `wordmill ${(best.mbPerSec.median / c.mbPerSec.median).toFixed(1)}×` : '',
      c.perFileOverheadUs === undefined ? '' : `${c.perFileOverheadUs} µs`,
      busyCell(c),
    ]);
    const header = ['case', 'median', 'min–max', 'MB/cpu-s', 'wall', 'peak RSS', 'vs best wordmill', 'per file', 'busy per thread (in-task MB/s)'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    for (const row of [header, ...rows]) lines.push(`  ${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`.trimEnd());
  }
  return lines.join('\n');
}
