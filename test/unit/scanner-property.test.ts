/**
 * Property tests of the byte scanner: (1) it agrees with a plain reference
 * implementation of the word rules (docs/word-rules.md) written with a regex over the decoded string,
 * and (2) splitting the input into several feed() calls — anywhere the
 * scanner's contract allows, i.e. never inside a UTF-8 sequence that could
 * still be completed (the cut read-range makes) — changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finalStats, scanInput } from '../../workers/tasks/wordcount.ts';
import { selectTop } from '../../workers/text/top-words.ts';
import { completeSequenceEnd } from '../../workers/text/utf8.ts';
import { WordScanner } from '../../workers/text/word-scanner.ts';
import { concat } from '../helpers/sentence-text.ts';

const encoder = new TextEncoder();

/** Pieces that exercise every rule: cases, apostrophes, marks, scripts, astral, symbols, bad bytes. */
const PIECES: Uint8Array[] = [
  ...['a', 'B', 'z', 'Q', '7', 'don', 'T', ' ', ' ', ' ', '\n', '-', '_', '.', ',', "'", "'", '’', '’', '"', '$'],
  ...['é', 'É', 'e\u0301', 'E\u0301', 'ï', 'ß', 'ẞ', '\u0308', '\u0301', 'Σ', 'σ', 'ς', 'Ο', 'δ', 'ύ'],
  ...['Война', 'мир', 'Ё', 'ё', '𐐀', '𐐨', '𝒜', '我', '你', '٢', 'Ⅻ', 'ⅻ', 'K', 'İ', 'ǅ', 'ﬁ'],
  ...['👍', '❤️', '\u200d', '\ufeff', '\u00a0', '—', '€'],
].map((s) => encoder.encode(s));
const BAD_BYTES: Uint8Array[] = [[0xff], [0xc3], [0xe2, 0x80], [0xf0, 0x9f, 0x98], [0x80], [0xed, 0xa0, 0x80], [0xc0, 0xaf]].map(
  (b) => new Uint8Array(b),
);

const text = fc
  .array(fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.constantFrom(...BAD_BYTES) }), {
    maxLength: 120,
  })
  .chain((pieces) => fc.boolean().map((bom) => concat(bom ? [new Uint8Array([0xef, 0xbb, 0xbf]), ...pieces] : pieces)));

/** The word rules (docs/word-rules.md) the obvious way: decode, drop a leading BOM, match words, normalize each. */
function referenceCounts(bytes: Uint8Array): { counts: Map<string, number>; totalWords: number } {
  let decoded = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
  if (decoded.startsWith('\ufeff')) decoded = decoded.slice(1);
  const counts = new Map<string, number>();
  let totalWords = 0;
  for (const [match] of decoded.matchAll(/[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu)) {
    const word = match.toLowerCase().normalize('NFC').replaceAll('’', "'");
    counts.set(word, (counts.get(word) ?? 0) + 1);
    totalWords++;
  }
  return { counts, totalWords };
}

function scanInFeeds(bytes: Uint8Array, cuts: number[]): { counts: Map<string, number>; totalWords: number; invalidUtf8: boolean } {
  const scanner = new WordScanner();
  let pos = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const at = completeSequenceEnd(bytes, Math.min(cut, bytes.length));
    if (at <= pos) continue;
    scanner.feed(bytes, pos, at);
    pos = at;
  }
  scanner.feed(bytes, pos, bytes.length);
  const counts = scanner.finish().toCounts();
  return { counts, totalWords: scanner.totalWords, invalidUtf8: scanner.invalidUtf8 };
}

describe('word scanner properties', () => {
  it('matches the regex reference implementation of the word rules', () => {
    fc.assert(
      fc.property(text, (bytes) => {
        const scan = scanInput({ kind: 'bytes', bytes, atStart: true });
        const reference = referenceCounts(bytes);
        expect(scan.counts).toEqual(reference.counts);
        expect(scan.totalWords).toBe(reference.totalWords);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the same counts however the input is split across feed() calls', () => {
    fc.assert(
      fc.property(text, fc.array(fc.nat({ max: 2000 }), { maxLength: 12 }), (bytes, cuts) => {
        const whole = scanInFeeds(bytes, []);
        const split = scanInFeeds(bytes, cuts.map((c) => c % (bytes.length + 1)));
        expect(split).toEqual(whole);
      }),
      { numRuns: 1000 },
    );
  });

  it('splits byte by byte where allowed, words spanning many feeds included', () => {
    fc.assert(
      fc.property(text, (bytes) => {
        const everyByte = Array.from({ length: bytes.length }, (_, i) => i);
        expect(scanInFeeds(bytes, everyByte)).toEqual(scanInFeeds(bytes, []));
      }),
      { numRuns: 300 },
    );
  });

  it('reads distinct words and the top N from the table exactly as from the full word map', () => {
    // The table read-out (final-words.ts) makes strings only for top candidates and folds keys
    // that normalize alike; the Kelvin sign (U+212A) lowercases to an ASCII `k`.
    const folding = fc.array(fc.constantFrom('k', 'K', '\u212a', 'é', 'É', 'e\u0301', "don't", 'don’t', 'the', 'a', ' '), { maxLength: 40 });
    const stopwords = fc.subarray(['k', 'é', "don't", 'the', 'a', 'война']);
    fc.assert(
      fc.property(fc.oneof(text, folding.map((parts) => encoder.encode(parts.join(' ')))), fc.nat({ max: 8 }), stopwords, (bytes, n, stop) => {
        const stats = finalStats(scanInput({ kind: 'bytes', bytes, atStart: true }), { top: n, stopwords: { words: stop } });
        const reference = referenceCounts(bytes);
        expect(stats.uniqueWords).toBe(reference.counts.size);
        expect(stats.top).toEqual(selectTop(reference.counts, n, new Set(stop)));
      }),
      { numRuns: 1000 },
    );
  });

  it('flags invalid UTF-8 exactly when the decoder would replace something', () => {
    fc.assert(
      fc.property(text, (bytes) => {
        const scan = scanInput({ kind: 'bytes', bytes, atStart: true });
        const decoded = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
        const hasReplacement = [...decoded].some((ch) => ch === '\ufffd');
        expect(scan.invalidUtf8).toBe(hasReplacement);
      }),
      { numRuns: 500 },
    );
  });
});
