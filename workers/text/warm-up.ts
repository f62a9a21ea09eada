/**
 * Runs the scanner once over a small sample that reaches every path (ASCII,
 * apostrophes, two- to four-byte UTF-8, invalid bytes, a word across two
 * feeds, table and arena growth) when a worker loads. Without it V8
 * optimizes the hot loop before it has seen the rare paths, then throws the
 * optimized code away the first time one is hit (an apostrophe, the first
 * table growth…) and compiles it again: several 40–50 ms compiles during the
 * first megabytes, which is most of the time on a small input.
 *
 * The sample is repeated so the loop runs long enough for V8 to optimize it
 * here rather than during the first real chunk: measured on an 8 MiB chunk of
 * English, one copy left the first chunk at ~105 ms against ~58 ms warm; 20
 * copies (~12 KB, ~6 ms of warm-up) bring it to ~65 ms
 * (bench/micro/first-chunk.ts).
 */
import { finalWords } from './final-words.ts';
import { WordScanner } from './word-scanner.ts';
import { WordTable } from './word-table.ts';

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
  for (let round = 0; round < 3; round++) {
    // Tiny table and arena so insert reaches rehash and arena growth too.
    const scanner = new WordScanner(new WordTable(16, 64));
    const cut = 7 + round * 5;
    scanner.feed(bytes, 0, cut);
    scanner.feed(bytes, cut, bytes.length);
    const table = scanner.finish();
    table.toCounts();
    finalWords(table, 5, new Set(['the']));
  }
}
