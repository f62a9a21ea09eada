/**
 * The fixed start of linear memory: byte tables the scanner reads, and the
 * code point cache. The heap (heap.ts) begins after them.
 */

/** Lowercased byte for an ASCII letter or digit, 0 for any other byte. */
export const ALNUM_LOWER: i32 = 0;
/** SEP, APOS, ALNUM or HIGH per byte. */
export const BYTE_CLASS: i32 = 256;
/** A–Z to a–z, every other byte to itself. */
export const ASCII_LOWER: i32 = 512;
/** 1 for a word code point in U+0080–U+07FF; written by JavaScript (`getTwoByteWordTable`). */
export const TWO_BYTE_WORD: i32 = 1024;
/** Cache for the BMP: 0 not asked yet, 1 word code point, 2 not. */
export const BMP_CLASS: i32 = 1024 + 0x800;
export const HEAP_START: i32 = BMP_CLASS + 0x10000;

/** Byte classes: ASCII separator, U+0027, ASCII letter or digit, part of a multi-byte sequence. */
export const SEP: i32 = 0;
export const APOS: i32 = 1;
export const ALNUM: i32 = 2;
export const HIGH: i32 = 3;

/** Fills the three byte tables (memory must reach HEAP_START). */
export function writeByteTables(): void {
  for (let b = 0; b < 256; b++) {
    const upper = b >= 0x41 && b <= 0x5a;
    const alnum = (b >= 0x30 && b <= 0x39) || upper || (b >= 0x61 && b <= 0x7a);
    const lower = upper ? b + 0x20 : b;
    store<u8>(ASCII_LOWER + b, lower);
    store<u8>(ALNUM_LOWER + b, alnum ? lower : 0);
    store<u8>(BYTE_CLASS + b, b >= 0x80 ? HIGH : alnum ? ALNUM : b == 0x27 ? APOS : SEP);
  }
}
