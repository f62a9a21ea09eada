/**
 * UTF-8 decoding (WHATWG validity: no overlongs, no surrogates, nothing past
 * U+10FFFF) and the word code point question (Unicode L, M or N), asked of
 * JavaScript once per BMP code point and cached.
 */
import { ALNUM, BMP_CLASS, BYTE_CLASS } from './memory-map';

/** Is this code point a letter, mark or number? JavaScript answers (a Unicode property regex). */
@external("wordmill", "isWordCodePoint")
declare function askIsWordCodePoint(cp: i32): i32;

export function isWordCodePoint(cp: i32): bool {
  if (cp < 0x10000) {
    const known: i32 = load<u8>(BMP_CLASS + cp);
    if (known != 0) return known == 1;
    const word = askIsWordCodePoint(cp);
    store<u8>(BMP_CLASS + cp, word != 0 ? 1 : 2);
    return word != 0;
  }
  return askIsWordCodePoint(cp) != 0;
}

/** Is the code point at `i` a word code point? */
export function isWordAt(i: i32, end: i32): bool {
  const b: i32 = load<u8>(i);
  if (b < 0x80) return load<u8>(BYTE_CLASS + b) == ALNUM;
  const cp = decodeAt(i, end);
  return cp >= 0 && isWordCodePoint(cp);
}

/** Decoded code point at `i`, or -1 if the sequence there is invalid. */
export function decodeAt(i: i32, end: i32): i32 {
  const b0: i32 = load<u8>(i);
  if (b0 < 0xc2 || b0 > 0xf4) return -1;
  if (b0 < 0xe0) {
    if (i + 1 >= end) return -1;
    const b1: i32 = load<u8>(i + 1);
    if ((b1 & 0xc0) != 0x80) return -1;
    return ((b0 & 0x1f) << 6) | (b1 & 0x3f);
  }
  if (b0 < 0xf0) {
    if (i + 2 >= end) return -1;
    const b1: i32 = load<u8>(i + 1);
    const b2: i32 = load<u8>(i + 2);
    const lo = b0 == 0xe0 ? 0xa0 : 0x80;
    const hi = b0 == 0xed ? 0x9f : 0xbf;
    if (b1 < lo || b1 > hi || (b2 & 0xc0) != 0x80) return -1;
    return ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
  }
  if (i + 3 >= end) return -1;
  const b1: i32 = load<u8>(i + 1);
  const b2: i32 = load<u8>(i + 2);
  const b3: i32 = load<u8>(i + 3);
  const lo = b0 == 0xf0 ? 0x90 : 0x80;
  const hi = b0 == 0xf4 ? 0x8f : 0xbf;
  if (b1 < lo || b1 > hi || (b2 & 0xc0) != 0x80 || (b3 & 0xc0) != 0x80) return -1;
  return ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
}

/** Bytes taken by the code point (1 for an invalid byte). */
export function sequenceLength(cp: i32): i32 {
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;
  return 4;
}
