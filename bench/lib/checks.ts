/**
 * Result checks. Word counters disagree on what a word is, so a baseline is
 * checked against itself: on `copies` repetitions of a unit text it must
 * report `copies` times its totals on the unit, and the same distinct words.
 * wordmill is also checked file by file (top words included) and across
 * thread counts, and its unit results against an independent reference.
 */
import { BenchCheckError } from './types.ts';
import type { FileCounts, WordmillRun } from './wordmill-cli.ts';

export interface Totals {
  totalWords: number;
  uniqueWords: number;
}

export function expectEqual(what: string, actual: unknown, expected: unknown): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new BenchCheckError(`${what}: expected ${e.slice(0, 300)}, got ${a.slice(0, 300)}`);
}

export function checkScaledTotals(what: string, big: Totals, unit: Totals, copies: number): void {
  expectEqual(`${what} totalWords`, big.totalWords, unit.totalWords * copies);
  expectEqual(`${what} uniqueWords`, big.uniqueWords, unit.uniqueWords);
}

export function scaleFile(unit: FileCounts, copies: number): FileCounts {
  return { totalWords: unit.totalWords * copies, uniqueWords: unit.uniqueWords, top: unit.top.map(([w, n]) => [w, n * copies]) };
}

export function checkScaledWordmill(what: string, big: WordmillRun, unit: WordmillRun, copies: number): void {
  for (const [source, counts] of unit.files) {
    expectEqual(`${what} ${source}`, big.files.get(source), scaleFile(counts, copies));
  }
  expectEqual(`${what} file count`, big.files.size, unit.files.size);
}

export function sameWordmillResults(what: string, a: WordmillRun, b: WordmillRun): void {
  expectEqual(what, [...a.files].sort(), [...b.files].sort());
}
