/**
 * The scanner's fast path (wasm SIMD): plain ASCII words, 16 bytes at a time.
 * One load classifies 16 bytes into two masks (ASCII letter or digit; not a
 * separator), and count-trailing-zeros finds each word's start and end in
 * them. A word it counts is a run of ASCII letters and digits with a
 * separator (an ASCII byte that is neither a letter, a digit nor U+0027)
 * after it, inside the 16 bytes: exactly what the byte loop in scanner.ts
 * counts as a word there. Anything else (an apostrophe, a byte past 0x7f, a
 * word of 16 bytes or more, the last 15 bytes of a block) stops it, and the
 * byte loop takes over from that word's start.
 */
import { add } from './table';
import { streaming, streamWord } from './word-stream';

/** Words counted here since the scanner's reset (scanner.ts adds them to its total). */
let counted: f64 = 0;

export function resetAsciiWords(): void {
  counted = 0;
}

export function getAsciiWords(): f64 {
  return counted;
}

/**
 * Counts the plain ASCII words from `i`, which is not inside a word, and
 * returns where the byte loop must go on: at a byte that is not a separator
 * and starts no word counted here, or past `end - 16`.
 */
export function asciiWords(i: i32, end: i32, maxWordBytes: i32): i32 {
  const lowerBit = i8x16.splat(0x20);
  const a = i8x16.splat(0x61);
  const zero = i8x16.splat(0x30);
  const apostrophe = i8x16.splat(0x27);
  let words = 0;
  while (i + 16 <= end) {
    const v = v128.load(i);
    const letter = i8x16.lt_u(i8x16.sub(v128.or(v, lowerBit), a), i8x16.splat(26));
    const digit = i8x16.lt_u(i8x16.sub(v, zero), i8x16.splat(10));
    const alnum = i8x16.bitmask(v128.or(letter, digit));
    // Not a separator: a letter or digit, an apostrophe, or a byte past 0x7f (its top bit).
    const kept = alnum | i8x16.bitmask(i8x16.eq(v, apostrophe)) | i8x16.bitmask(v);
    let p = 0;
    let stop = false;
    while (true) {
      const rest = kept >>> p;
      if (rest == 0) {
        p = 16;
        break;
      }
      p += ctz(rest);
      const len = ctz(~(alnum >>> p));
      const e = p + len;
      if (e >= 16 && len > 0 && p > 0) break; // the word may go on: look again from its start
      if (len == 0 || e >= 16 || ((kept >>> e) & 1) != 0 || len > maxWordBytes) {
        stop = true;
        break;
      }
      const offset = add(i + p, len);
      if (streaming) streamWord(offset);
      words++;
      p = e;
    }
    i += p;
    if (stop) break;
  }
  counted += <f64>words;
  return i;
}
