/**
 * Per-byte lookup tables for the scanner's hot loop: one load answers "what
 * kind of byte is this", instead of a chain of range compares.
 */

/** ASCII byte that separates words (space, punctuation, control, `-`, `_`…). */
export const SEP = 0;
/** U+0027: part of a word only between two word code points. */
export const APOS = 1;
/** ASCII letter or digit. */
export const ALNUM = 2;
/** 0x80–0xFF: part of a multi-byte sequence, classified after decoding. */
export const HIGH = 3;

export const BYTE_CLASS = new Uint8Array(256);
/** Maps A–Z to a–z and every other byte to itself (so UTF-8 sequences pass unchanged). */
export const ASCII_LOWER = new Uint8Array(256);

for (let b = 0; b < 256; b++) {
  const upper = b >= 0x41 && b <= 0x5a;
  ASCII_LOWER[b] = upper ? b + 0x20 : b;
  const alnum = (b >= 0x30 && b <= 0x39) || upper || (b >= 0x61 && b <= 0x7a);
  BYTE_CLASS[b] = b >= 0x80 ? HIGH : alnum ? ALNUM : b === 0x27 ? APOS : SEP;
}

/** Lowercased byte for an ASCII letter or digit, 0 for every other byte: the fast loop's one lookup. */
export const ALNUM_LOWER = new Uint8Array(256);
for (let b = 0; b < 256; b++) ALNUM_LOWER[b] = BYTE_CLASS[b] === ALNUM ? ASCII_LOWER[b]! : 0;
