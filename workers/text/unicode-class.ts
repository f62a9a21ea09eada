/**
 * Classifies code points for the word rules (docs/word-rules.md): a word is a run of
 * Unicode letters (L), marks (M) or numbers (N). The regex is the source of
 * truth; the tables only cache its answers so the hot loop never runs it twice
 * for the same code point.
 */
const WORD_CP = /^[\p{L}\p{M}\p{N}]$/u;

const UNKNOWN = 0;
const WORD = 1;
const NOT_WORD = 2;

// BMP answers, filled lazily: most texts touch a few hundred code points.
const bmp = new Uint8Array(0x10000);
const astral = new Map<number, boolean>();

export function isWordCodePoint(cp: number): boolean {
  if (cp < 0x10000) {
    const known = bmp[cp];
    if (known !== UNKNOWN) return known === WORD;
    const word = WORD_CP.test(String.fromCharCode(cp));
    bmp[cp] = word ? WORD : NOT_WORD;
    return word;
  }
  let word = astral.get(cp);
  if (word === undefined) {
    word = WORD_CP.test(String.fromCodePoint(cp));
    astral.set(cp, word);
  }
  return word;
}

/**
 * Answers for U+0080–U+07FF (two-byte UTF-8: Latin accents, Greek, Cyrillic,
 * Hebrew, Arabic), computed up front so the scanner's two-byte path is
 * one load with no "not yet known" branch. 1 = word code point.
 */
export const TWO_BYTE_WORD = new Uint8Array(0x800);
// One regex pass over all 1,920 code points: far cheaper at worker start than a test each.
const twoByteRange = String.fromCharCode(...Array.from({ length: 0x800 - 0x80 }, (_, k) => 0x80 + k));
for (const [ch] of twoByteRange.matchAll(/[\p{L}\p{M}\p{N}]/gu)) TWO_BYTE_WORD[ch.charCodeAt(0)] = 1;
