/**
 * A large-vocabulary text: random lowercase ASCII words (5–12 letters) drawn
 * with Zipf-like frequency from a vocabulary of 4 million, written as bytes
 * block by block. Returns the exact word totals for the cases to check.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { mulberry32 } from './prng.ts';

const VOCABULARY = 4_000_000;
const BLOCK = 1 << 22;

export function writeBigVocabulary(dir: string, sizeBytes: number, files: number, seed = 7): { totalWords: number; uniqueWords: number } {
  const random = mulberry32(seed);
  // Word k is derived from k alone (no vocabulary table): five letters spell k
  // in base 26, so distinct k give distinct words, then 0–7 more letters.
  const wordOf = (k: number, out: Uint8Array, at: number): number => {
    let x = Math.imul(k + 1, 0x9e3779b1) >>> 0;
    const len = 5 + (x % 8);
    let digits = k;
    for (let i = 0; i < 5; i++) {
      out[at + i] = 0x61 + (digits % 26);
      digits = Math.floor(digits / 26);
    }
    for (let i = 5; i < len; i++) {
      x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) >>> 0;
      out[at + i] = 0x61 + (x % 26);
    }
    return len;
  };
  const seen = new Uint8Array(VOCABULARY);
  let totalWords = 0;
  let uniqueWords = 0;
  const block = new Uint8Array(BLOCK + 16);
  for (let f = 0; f < files; f++) {
    const fd = openSync(`${dir}words-${f}.txt`, 'w');
    try {
      let written = 0;
      const target = sizeBytes / files;
      while (written < target) {
        let at = 0;
        while (at < BLOCK && written + at < target) {
          const k = Math.min(VOCABULARY - 1, Math.floor(Math.exp(random() * Math.log(VOCABULARY))) - 1);
          at += wordOf(k, block, at);
          block[at++] = random() < 0.08 ? 0x0a : 0x20;
          totalWords++;
          if (seen[k] === 0) {
            seen[k] = 1;
            uniqueWords++;
          }
        }
        writeSync(fd, block, 0, at);
        written += at;
      }
    } finally {
      closeSync(fd);
    }
  }
  return { totalWords, uniqueWords };
}
