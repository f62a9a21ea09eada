/**
 * The first chunks a fresh worker counts, after the scanner warm-up: how much
 * of the first chunk is still compilation.
 *   node --import tsx bench/micro/first-chunk.ts
 */
import { readFileSync } from 'node:fs';
import { WordScanner } from '../../workers/text/word-scanner.ts';
import { warmUpScanner } from '../../workers/text/warm-up.ts';
import { completeSequenceEnd } from '../../workers/text/utf8.ts';
const t0 = performance.now();
warmUpScanner();
const tw = performance.now() - t0;
const input = new Uint8Array(readFileSync('bench/.cache/english-256MB/dracula.txt').subarray(0, 32 << 20));
const CHUNK = 8 << 20, BLOCK = 1 << 20;
const times: number[] = [];
for (let c = 0; c < input.length; c += CHUNK) {
  const t = performance.now();
  const s = new WordScanner();
  const cend = Math.min(input.length, c + CHUNK);
  let pos = c;
  while (pos < cend) {
    const end = Math.min(cend, pos + BLOCK);
    const usable = end === cend ? end - pos : completeSequenceEnd(input.subarray(pos, end), end - pos);
    s.feed(input, pos, pos + usable);
    pos += usable;
  }
  s.finish();
  s.table.keysAndCounts();
  times.push(performance.now() - t);
}
console.log('warm-up', tw.toFixed(1), 'ms; chunks', times.map((t) => t.toFixed(0)).join(' '));
