/**
 * Runs the real `wordmill process` command (compiled, start-up included) and
 * reads back what it wrote: the `--json` summary and each output file's top
 * words, so a case can check the whole result, not just the totals.
 */
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CommandSpec } from './run-command.ts';
import { readThreadBusy, type ThreadBusy } from './worker-busy.ts';

export const CLI = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));

export interface FileCounts {
  totalWords: number;
  uniqueWords: number;
  top: [string, number][];
}

export interface WordmillRun {
  totalWords: number;
  files: Map<string, FileCounts>;
  /** Time each worker thread spent in jobs (from its log). */
  busy: ThreadBusy[];
}

interface Summary {
  outDir: string;
  totalWords: number;
  failed: number;
  results: { source: string; output: string; totalWords: number; uniqueWords: number }[];
}

export function processCommand(dir: string, outDir: string, threads: number, extra: string[] = []): CommandSpec {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  return { command: process.execPath, args: [CLI, 'process', dir, '--threads', String(threads), '--out', outDir, '--json', ...extra] };
}

export function readWordmillRun(stdout: string): WordmillRun {
  const summary = JSON.parse(stdout) as Summary;
  if (summary.failed !== 0) throw new Error(`wordmill reported ${summary.failed} failed file(s)`);
  const files = new Map<string, FileCounts>();
  for (const r of summary.results) {
    const written = JSON.parse(readFileSync(r.output, 'utf8')) as { top: { word: string; count: number }[] };
    files.set(r.source, { totalWords: r.totalWords, uniqueWords: r.uniqueWords, top: written.top.map((t) => [t.word, t.count]) });
  }
  return { totalWords: summary.totalWords, files, busy: readThreadBusy(summary.outDir) };
}
