/**
 * Re-running `process` on a grown folder: the books folder counted into a
 * fresh --out, then one book added and the folder run again into the same
 * --out. Checked: the re-run reuses every earlier file and its corpus result
 * is the first one's plus the added book's. Reported: both runs' own time
 * (the summary's wallMs, start-up of node excluded) and their ratio.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { CACHE_DIR, DATA_DIR, type BenchInput } from '../corpus/inputs.ts';
import { expectEqual } from '../lib/checks.ts';
import { measurementOf, runCommand } from '../lib/run-command.ts';
import { throughput } from '../lib/stats.ts';
import type { BenchOptions, CaseResult, Measurement } from '../lib/types.ts';
import { CLI } from '../lib/wordmill-cli.ts';

interface Summary {
  wallMs: number;
  reused: number;
  files: number;
  corpus: { totalWords: number; uniqueWords: number } | null;
  results: Array<{ source: string; totalWords: number }>;
}

const ADDED = 'dracula.txt';

export async function incrementalCase(books: BenchInput, options: BenchOptions, log: (line: string) => void): Promise<CaseResult[]> {
  const threads = Math.max(...options.threads);
  const scratch = `${CACHE_DIR}scratch/incremental`;
  const dir = `${scratch}/in/`;
  const out = `${scratch}/out`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(books.dir)) copyFileSync(`${books.dir}${f}`, `${dir}${f}`);
  const files = readdirSync(dir).length;
  // Files modified within a second of a run are checked by content on the next (docs/incremental.md): measure older ones.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const command = { command: process.execPath, args: [CLI, 'process', dir, '--threads', String(threads), '--out', out, '--json'] };
  const first: Measurement[] = [];
  const again: Measurement[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < options.runs; r++) {
    rmSync(out, { recursive: true, force: true });
    rmSync(`${dir}added.txt`, { force: true });
    const one = await runCommand(command);
    const s1 = JSON.parse(one.stdout) as Summary;
    copyFileSync(`${DATA_DIR}${ADDED}`, `${dir}added.txt`);
    const two = await runCommand(command);
    const s2 = JSON.parse(two.stdout) as Summary;
    const added = s2.results.find((x) => x.source === 'added.txt')?.totalWords ?? 0;
    expectEqual('re-run reused', s2.reused, files);
    expectEqual('re-run corpus totalWords', s2.corpus?.totalWords, (s1.corpus?.totalWords ?? NaN) + added);
    expectEqual('re-run corpus uniqueWords (a copy of a book already there)', s2.corpus?.uniqueWords, s1.corpus?.uniqueWords);
    first.push({ ...measurementOf(one), wallMs: s1.wallMs });
    again.push({ ...measurementOf(two), wallMs: s2.wallMs });
    ratios.push(s2.wallMs / s1.wallMs);
    log(`  incremental: first ${s1.wallMs.toFixed(0)} ms, one book added ${s2.wallMs.toFixed(0)} ms (${(100 * s2.wallMs / s1.wallMs).toFixed(1)} %)`);
  }
  rmSync(scratch, { recursive: true, force: true });
  const ratio = [...ratios].sort((a, b) => a - b)[ratios.length >> 1]!;
  const base = { scope: 'corpus', input: books.name, kind: 'wordmill' as const, threads };
  return [
    { ...base, name: `wordmill process --threads ${threads}, first run into an empty --out (wallMs)`, bytes: books.bytes, runs: first, ...throughput(books.bytes, first), checked: { files } },
    {
      ...base, name: `wordmill process --threads ${threads}, re-run with one book added (wallMs)`, bytes: books.bytes, runs: again, ...throughput(books.bytes, again),
      checked: { reused: files }, note: `median re-run / first run: ${(100 * ratio).toFixed(1)} % (docs/incremental.md)`,
    },
  ];
}
