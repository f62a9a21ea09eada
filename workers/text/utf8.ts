/**
 * Minimal UTF-8 helpers for the byte scanner. Decoding follows the WHATWG
 * rules for what is valid (no overlongs, no surrogates, nothing past
 * U+10FFFF); an invalid byte is reported as -1 and the caller moves on by one
 * byte, which yields exactly the word boundaries of U+FFFD replacement.
 */

/** Decoded code point at `i`, or -1 if the sequence there is invalid. */
export function decodeAt(buf: Uint8Array, i: number, end: number): number {
  const b0 = buf[i]!;
  if (b0 < 0xc2 || b0 > 0xf4) return -1;
  if (b0 < 0xe0) {
    if (i + 1 >= end) return -1;
    const b1 = buf[i + 1]!;
    if ((b1 & 0xc0) !== 0x80) return -1;
    return ((b0 & 0x1f) << 6) | (b1 & 0x3f);
  }
  if (b0 < 0xf0) {
    if (i + 2 >= end) return -1;
    const b1 = buf[i + 1]!;
    const b2 = buf[i + 2]!;
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    if (b1 < lo || b1 > hi || (b2 & 0xc0) !== 0x80) return -1;
    return ((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f);
  }
  if (i + 3 >= end) return -1;
  const b1 = buf[i + 1]!;
  const b2 = buf[i + 2]!;
  const b3 = buf[i + 3]!;
  const lo = b0 === 0xf0 ? 0x90 : 0x80;
  const hi = b0 === 0xf4 ? 0x8f : 0xbf;
  if (b1 < lo || b1 > hi || (b2 & 0xc0) !== 0x80 || (b3 & 0xc0) !== 0x80) return -1;
  return ((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f);
}

/** Bytes taken by the code point at `i` (1 for an invalid byte). */
export function sequenceLength(cp: number): number {
  if (cp < 0) return 1;
  if (cp < 0x80) return 1;
  if (cp < 0x800) return 2;
  if (cp < 0x10000) return 3;
  return 4;
}

/**
 * The largest `n' <= n` such that `buf[0, n')` does not end inside a UTF-8
 * sequence that could still be completed by the bytes after `n`.
 */
export function completeSequenceEnd(buf: Uint8Array, n: number): number {
  for (let k = n - 1; k >= 0 && k >= n - 3; k--) {
    const b = buf[k]!;
    if (b < 0x80) return n;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return k + need > n ? k : n;
    }
  }
  return n;
}

export function hasBom(buf: Uint8Array, start: number, end: number): boolean {
  return end - start >= 3 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf;
}
