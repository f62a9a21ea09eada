/**
 * Runs the scanner over a sample that reaches every path (ASCII, apostrophes,
 * two- to four-byte UTF-8, invalid bytes, a word across two feeds, table and
 * arena growth) when a worker loads, and reads the table out. V8 first runs
 * WebAssembly with its baseline compiler and optimizes the functions that
 * run hot in the background, and compiles the JavaScript read-out the same
 * way: doing that here, while the thread waits for its first job, takes it
 * out of the first real chunk. Measured on an 8 MiB chunk of English
 * (bench/micro/first-chunk.ts): first chunk ~44–54 ms with it, ~50–57 ms
 * without, ~41–46 ms warm; the warm-up itself takes ~5 ms.
 */
import { createHash } from 'node:crypto';
import { finalWords } from './final-words.ts';
import { stopwordSet } from './stopwords.ts';
import { WordScanner } from './word-scanner.ts';
import { CountBytes, WordTable } from './word-table.ts';

const SAMPLE =
  "The Count's castle — don't, 'tis dogs' o’clock rock'n'roll ’quoted’ well-known snake_case 1984 3.14 " +
  'Éclair naïve Straße ΟΔΥΣΣΕΥΣ Война и мир हिन्दी 我爱你 𐐀𐐁 𝒜𝒷𝒸 love❤️you 👍fine ';

const COPIES = 20;

let warmed = false;

export function warmUpScanner(): void {
  if (warmed) return;
  warmed = true;
  const text = new TextEncoder().encode(SAMPLE + SAMPLE.toUpperCase() + Array.from({ length: 40 }, (_, i) => `w${i}x`).join(' '));
  const one = new Uint8Array(text.length + 4);
  one.set(text);
  one.set([0x20, 0xff, 0xc3, 0x41], text.length);
  const bytes = new Uint8Array(one.length * COPIES);
  for (let copy = 0; copy < COPIES; copy++) bytes.set(one, copy * one.length);
  // The default stopword list (natural's English), which the first job would load.
  const stopwords = stopwordSet('en');
  for (let round = 0; round < 3; round++) {
    // Tiny table and arena so insert reaches rehash and arena growth too.
    const scanner = new WordScanner(new WordTable(16, 64));
    const cut = 7 + round * 5;
    scanner.feed(bytes, 0, cut);
    scanner.feed(bytes, cut, bytes.length);
    const table = scanner.finish();
    table.toCounts();
    finalWords(table, 5, stopwords, new Map());
    // The counts-file read-outs (a kept file's counts are packed by the module).
    table.packedAsciiKeys();
    table.keysAndCounts();
    const packed = table.packedKeys();
    const keys = Buffer.from(packed.keys);
    const counts = packed.counts instanceof CountBytes ? new CountBytes(packed.counts.bytes.slice()) : packed.counts.slice();
    table.release();
    warmUpMerge(keys, counts, stopwords);
  }
  // A kept file's SHA-256 (its first use loads the hash's code).
  createHash('sha256').update(bytes).digest('hex');
}

/**
 * A corpus merge, as a re-run's last step does it on a thread that has counted one file: counts
 * of final words added up twice into a table of its own, the top read by count, the sum packed.
 * Unwarmed, its first run took ~7 ms more than with this (a sum of 15,000 words and a book).
 */
function warmUpMerge(keys: Buffer, counts: CountBytes | Float64Array, stopwords: ReadonlySet<string>): void {
  const sum = WordTable.forKeys(16);
  sum.addKeys(keys, counts);
  sum.addKeys(keys, counts);
  sum.keysFinal = true;
  finalWords(sum, 5, stopwords);
  sum.packedKeys();
  sum.release();
}
