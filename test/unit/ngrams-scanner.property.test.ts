/**
 * The ngrams task on the byte scanner (word ids, tuple counts) agrees with the
 * string reference (workers/text/ngrams-reference.ts) on random text, Unicode
 * edge cases and random chunk cuts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { safeCutFrom } from '../../src/dispatch/chunk-plan.ts';
import { NgramStream } from '../../workers/text/ngram-stream.ts';
import { topNgrams } from '../../workers/text/ngram-top.ts';
import { completeSequenceEnd } from '../../workers/text/utf8.ts';
import { WordScanner } from '../../workers/text/word-scanner.ts';
import { WordTable } from '../../workers/text/word-table.ts';
import { ngramsReference } from '../../workers/text/ngrams-reference.ts';
import { stopwordSet } from '../../workers/text/stopwords.ts';
import { runChunked, runTask } from '../helpers/run-task.ts';
import { concat, decodeForReference, sentenceText } from '../helpers/sentence-text.ts';

const encoder = new TextEncoder();
/** Words that tie and share prefixes (`a`/`ab`/`a'b`, astral letters against U+FB01), stopwords and case pairs that meet in one final word. */
const EDGE_WORDS = [
  'a', 'ab', "a'b", 'a’b', 'A’B', 'b', 'the', 'of', 'The', 'é', 'É', 'e\u0301', 'Éclair', 'éclair', '\uff21', '\ufb01', '𐐀', '𐐨', 'K', 'k',
  'İ', 'i', 'ΣΑΣ', 'σας', '7', 'x9', 'don’t', "don't",
].map((w) => encoder.encode(w));
const SEPARATORS = [' ', ' ', '\n', '-', '.', "'", '’', '\u00a0', '👍', '\ufeff'].map((s) => encoder.encode(s));
const edgeText = fc
  .array(fc.tuple(fc.constantFrom(...EDGE_WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 120 })
  .map((pairs) => concat(pairs.flat()));
const anyText = fc.oneof(sentenceText, edgeText);
const stopwordChoice = fc.constantFrom('en' as const, 'none' as const, { words: ['a', 'ab', 'é', '𐐀'] });
const n = fc.integer({ min: 2, max: 5 });
const top = fc.constantFrom(1, 3, 10_000);

function reference(bytes: Uint8Array, options: { n: number; top: number; stopwords: 'en' | 'none' | { words: string[] } }) {
  const expected = ngramsReference(decodeForReference(bytes), options.n, options.top, stopwordSet(options.stopwords));
  return { ...expected, bytes: bytes.length };
}

function cutsOf(bytes: Uint8Array, raw: number[]): Uint8Array[] {
  const cuts = [...new Set(raw.map((r) => safeCutFrom(bytes, r % (bytes.length + 1))))]
    .filter((c) => c > 0 && c < bytes.length)
    .sort((a, b) => a - b);
  return [0, ...cuts].map((start, i) => bytes.subarray(start, cuts[i] ?? bytes.length));
}

describe('ngrams on the scanner', () => {
  it('equals the string reference in one pass', () => {
    fc.assert(fc.property(anyText, n, top, stopwordChoice, (bytes, n, top, stopwords) => {
      const options = { n, top, stopwords };
      expect(runTask('ngrams', bytes, options)).toMatchObject(reference(bytes, options));
    }), { numRuns: 600 });
  });

  it('equals the string reference counted in chunks cut anywhere the planner may cut', () => {
    fc.assert(fc.property(anyText, fc.array(fc.nat(), { maxLength: 8 }), n, top, stopwordChoice, (bytes, raw, n, top, stopwords) => {
      const options = { n, top, stopwords };
      expect(runChunked('ngrams', cutsOf(bytes, raw), options)).toMatchObject(reference(bytes, options));
    }), { numRuns: 600 });
  });

  it('orders tied n-grams as their strings in code-point order, word prefixes first', () => {
    const text = "ab x. a x. a'b x. \ufb01 x. 𐐨 x. a y.";
    const ngrams = runTask('ngrams', text, { n: 2, top: 10, stopwords: 'none' }).ngrams;
    expect(ngrams[0]).toEqual({ ngram: 'x a', count: 2 });
    // U+10428 sorts after U+FB01 by code point, though its UTF-16 units sort before.
    expect(ngrams.slice(1).map((g) => g.ngram)).toEqual(["a x", 'a y', "a'b x", 'ab x', "x a'b", 'x \ufb01', 'x 𐐨', '\ufb01 x', '𐐨 x']);
  });

  it('counts the same n-grams when the scanner is fed in any pieces (ids and windows carried between drains)', () => {
    fc.assert(fc.property(anyText, fc.array(fc.nat(), { maxLength: 10 }), n, (bytes, raw, n) => {
      const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
      const cuts = [...new Set(raw.map((r) => completeSequenceEnd(body, r % (body.length + 1))))].sort((a, b) => a - b);
      const table = new WordTable(16, 64);
      table.wasm.streamWords();
      const stream = new NgramStream(n, stopwordSet('en'), 4);
      const scanner = new WordScanner(table, () => stream.drain(table.wasm));
      let at = 0;
      for (const cut of [...cuts, body.length]) {
        scanner.feed(body, at, cut);
        at = cut;
      }
      scanner.finish();
      const got = { totalWords: scanner.totalWords, ngrams: topNgrams(stream.table, stream.vocabulary, 10_000) };
      table.release();
      const expected = ngramsReference(new TextDecoder('utf-8', { ignoreBOM: true }).decode(body), n, 10_000, stopwordSet('en'));
      expect(got).toEqual({ totalWords: expected.totalWords, ngrams: expected.ngrams });
    }), { numRuns: 400 });
  });

  it('equals the string reference on a book, one pass (many scanner pieces) and chunked', () => {
    const book = readFileSync(new URL('../../data/dracula.txt', import.meta.url));
    const bytes = Buffer.concat([book, Buffer.from('\n'), book]);
    const options = { n: 3, top: 200, stopwords: 'en' as const };
    const expected = reference(bytes, options);
    expect(expected.ngrams[199]!.count).toBeGreaterThan(1);
    expect(runTask('ngrams', bytes, options)).toMatchObject(expected);
    expect(runChunked('ngrams', cutsOf(bytes, [300_000, 900_000, 1_500_000]), options)).toMatchObject(expected);
  });

  it('picks among tens of thousands of tied n-grams as the strings order (word ranks; prefixes, with and without astral words)', () => {
    const common = ['a', 'ab', "a'b", 'don’t', 'ﬁ', 'the', 'of', ...Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}`)];
    for (const words of [common, [...common, '𐐨', '𐐨a']]) {
      let seed = 7;
      const next = (): number => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return seed >>> 8;
      };
      const bytes = Buffer.from(Array.from({ length: 60_000 }, () => words[next() % words.length]).join(' '));
      for (const options of [{ n: 2, top: 10_000, stopwords: 'en' as const }, { n: 3, top: 5, stopwords: 'none' as const }]) {
        const expected = reference(bytes, options);
        expect(expected.ngrams.at(-1)!.count).toBe(1);
        expect(runTask('ngrams', bytes, options)).toMatchObject(expected);
      }
    }
  });
});
