/**
 * Per-file cost of a wordcount job on a folder of books, in this thread (no
 * pool), split by step: read+scan, top-N read-out, SHA-256, counts copy,
 * counts write. Each step is timed by CPU time over the whole folder, rounds
 * interleaved, medians reported.
 *   node --import tsx bench/micro/per-file.ts [DIR=bench/.cache/books-x40] [rounds=7]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { finalStats, readScan, runCount, scanInput } from '../../workers/tasks/wordcount.ts';
import { WordScanner } from '../../workers/text/word-scanner.ts';
import type { CountRequest, WordcountOptions } from '../../src/protocol.ts';

const dir = process.argv[2] ?? 'bench/.cache/books-x40';
const rounds = Number(process.argv[3] ?? 7);
const files = readdirSync(dir).sort().map((f) => join(dir, f));
const sizes = files.map((f) => statSync(f).size);
const totalBytes = sizes.reduce((a, b) => a + b, 0);
const options: WordcountOptions = { top: 20, stopwords: 'en' } as WordcountOptions;
const out = mkdtempSync(join(tmpdir(), 'wordmill-perfile-'));
const contents = files.map((f) => readFileSync(f));

function request(i: number, keep: boolean): CountRequest {
  return {
    type: 'count', jobId: `j${i}`, source: files[i]!, task: 'wordcount', mode: 'final', options,
    input: { kind: 'file', path: files[i]!, start: 0, end: sizes[i]! }, logDir: null,
    ...(keep ? { keepCounts: join(out, `c${i}.counts`) } : {}),
  };
}

const steps: Record<string, () => void> = {
  // The warm scanner's pace: every file's bytes, already in memory, through one table.
  warmOneTable: () => {
    const scanner = new WordScanner();
    for (const c of contents) scanner.feed(c);
    scanner.finish().release();
  },
  scanMemory: () => {
    for (const c of contents) readScan(scanInput({ kind: 'bytes', bytes: c, atStart: true }), () => 0);
  },
  scanFile: () => {
    for (let i = 0; i < files.length; i++) readScan(scanInput(request(i, false).input), () => 0);
  },
  scanTop: () => {
    for (let i = 0; i < files.length; i++) readScan(scanInput(request(i, false).input), (s) => finalStats(s, options));
  },
  scanTopHash: () => {
    for (let i = 0; i < files.length; i++) {
      const hash = createHash('sha256');
      readScan(scanInput(request(i, false).input, undefined, hash), (s) => { finalStats(s, options); hash.digest('hex'); });
    }
  },
  scanTopHashCopy: () => {
    for (let i = 0; i < files.length; i++) {
      const hash = createHash('sha256');
      readScan(scanInput(request(i, false).input, undefined, hash), (s) => { finalStats(s, options); hash.digest('hex'); s.table!.keyBytesAndCounts(); });
    }
  },
  full: () => {
    for (let i = 0; i < files.length; i++) runCount(request(i, true));
  },
};
const only = process.env.STEPS?.split(',');
const names = Object.keys(steps).filter((n) => !only || only.includes(n));
const ms: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
for (const n of names) steps[n]!();
for (let r = 0; r < rounds; r++) {
  for (const n of names) {
    const t0 = process.cpuUsage();
    steps[n]!();
    const u = process.cpuUsage(t0);
    ms[n]!.push((u.user + u.system) / 1000);
  }
}
rmSync(out, { recursive: true, force: true });
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log(`${files.length} files, ${(totalBytes / 1e6).toFixed(1)} MB, ${rounds} rounds (CPU ms, medians)`);
for (const n of names) {
  const m = median(ms[n]!);
  console.log(`${n.padEnd(12)} ${m.toFixed(0).padStart(6)} ms  ${(m / files.length).toFixed(3)} ms/file  ${(totalBytes / 1e3 / m).toFixed(1)} MB/s`);
}
