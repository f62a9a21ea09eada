/**
 * Warm in-process loop over the word scanner alone (no threads, no files),
 * with the read-out a task makes (distinct words and the top 20 without
 * English stopwords): the quickest way to see whether a change to
 * workers/text/ helps.
 *   node --import tsx bench/micro/scanner.ts [english|nonascii|bigvocab] [repeat] [runs]
 * `bigvocab` is 32 MB of words from a vocabulary of millions (repeat is ignored).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBigVocabulary } from '../corpus/big-vocabulary.ts';
import { syntheticNonAscii } from '../corpus/synthetic-text.ts';
import { finalWords } from '../../workers/text/final-words.ts';
import { stopwordSet } from '../../workers/text/stopwords.ts';
import { completeSequenceEnd } from '../../workers/text/utf8.ts';
import { WordScanner } from '../../workers/text/word-scanner.ts';

const kind = process.argv[2] ?? 'english';
const repeat = Number(process.argv[3] ?? 30);
const runs = Number(process.argv[4] ?? 7);
const BLOCK = 1 << 20;

function bigVocabulary(): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'wordmill-micro-'));
  try {
    writeBigVocabulary(`${dir}/`, 32e6, 1);
    return readFileSync(join(dir, 'words-0.txt'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const one = kind === 'english' ? readFileSync('data/dracula.txt') : kind === 'bigvocab' ? bigVocabulary() : Buffer.from(syntheticNonAscii(1 << 20 << 2));
const input = new Uint8Array(kind === 'bigvocab' ? one : Buffer.concat(Array.from({ length: repeat }, () => one)));
const stopwords = stopwordSet('en');

function countOnce(): { words: number; unique: number } {
  const scanner = new WordScanner();
  let pos = 0;
  while (pos < input.length) {
    const end = Math.min(input.length, pos + BLOCK);
    const usable = end === input.length ? end - pos : completeSequenceEnd(input.subarray(pos, end), end - pos);
    scanner.feed(input, pos, pos + usable);
    pos += usable;
  }
  const table = scanner.finish();
  const words = scanner.totalWords;
  const { uniqueWords } = finalWords(table, 20, stopwords);
  table.release();
  return { words, unique: uniqueWords };
}

const rates: number[] = [];
let check = '';
for (let r = 0; r < runs; r++) {
  // CPU time, not wall time: on a shared 2-core machine the wall clock also counts other processes.
  const t0 = process.cpuUsage();
  const { words, unique } = countOnce();
  const used = process.cpuUsage(t0);
  const ms = (used.user + used.system) / 1000;
  rates.push(input.length / 1e6 / (ms / 1000));
  check = `${words} words, ${unique} unique`;
}
rates.sort((a, b) => a - b);
const median = rates[Math.floor(rates.length / 2)] ?? 0;
// The best run is the least disturbed one: other processes only ever slow a run down.
console.log(`${kind} ${(input.length / 1e6).toFixed(0)} MB: best ${rates.at(-1)?.toFixed(1)} MB/cpu-s (median ${median.toFixed(1)}, min ${rates[0]?.toFixed(1)}) — ${check}`);
