/**
 * The keywords task on the word table's key bytes (distinct words, document
 * frequencies by bytes, a bounded heap of candidates) agrees with the string
 * reference (workers/text/keywords-reference.ts over word-sequence.ts) on
 * random corpora: alone, counted in chunks, and through the terms → df → score
 * stages of a corpus run.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeCutFrom } from '../../src/dispatch/chunk-plan.ts';
import { addUpTerms } from '../../src/dispatch/keywords-corpus.ts';
import type { JobResult } from '../../src/dispatch/job.ts';
import type { MapOutcome } from '../../src/engine.ts';
import { keywordsReference } from '../../workers/text/keywords-reference.ts';
import { stopwordSet } from '../../workers/text/stopwords.ts';
import { wordSequence } from '../../workers/text/word-sequence.ts';
import { runChunked, runTask } from '../helpers/run-task.ts';
import { concat, decodeForReference, sentenceText } from '../helpers/sentence-text.ts';

const encoder = new TextEncoder();
/** Words that tie, share prefixes, are stopwords, or meet in one final word (`K` and the Kelvin sign, `o’clock` and `o'clock`). */
const EDGE_WORDS = [
  'a', 'ab', "a'b", 'a’b', 'A’B', 'b', 'the', 'of', 'The', 'é', 'É', 'e\u0301', 'Éclair', 'éclair', '\uff21', '\ufb01', '𐐀', '𐐨', 'K', 'k',
  '\u212a', 'İ', 'i', 'ΣΑΣ', 'σας', '7', 'x9', 'don’t', "don't", 'o’clock', "o'clock",
].map((w) => encoder.encode(w));
const SEPARATORS = [' ', ' ', '\n', '-', '.', "'", '’', '\u00a0', '👍'].map((s) => encoder.encode(s));
const edgeText = fc
  .array(fc.tuple(fc.constantFrom(...EDGE_WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 120 })
  .map((pairs) => concat(pairs.flat()));
const anyText = fc.oneof(sentenceText, edgeText);
type Stopwords = 'en' | 'none' | { words: string[] };
const stopwordChoice = fc.constantFrom<Stopwords>('en', 'none', { words: ['a', 'ab', 'é', '𐐀', 'k'] });
const top = fc.constantFrom(1, 3, 10_000);

function countsOf(bytes: Uint8Array): { counts: Map<string, number>; totalWords: number } {
  const words = wordSequence(decodeForReference(bytes));
  const counts = new Map<string, number>();
  for (const w of words) counts.set(w, (counts.get(w) ?? 0) + 1);
  return { counts, totalWords: words.length };
}

function cutsOf(bytes: Uint8Array, raw: number[]): Uint8Array[] {
  const cuts = [...new Set(raw.map((r) => safeCutFrom(bytes, r % (bytes.length + 1))))]
    .filter((c) => c > 0 && c < bytes.length)
    .sort((a, b) => a - b);
  return [0, ...cuts].map((start, i) => bytes.subarray(start, cuts[i] ?? bytes.length));
}

describe('keywords on the word table', () => {
  it('equals the string reference for a document alone, in one pass and in chunks', () => {
    fc.assert(fc.property(anyText, fc.array(fc.nat(), { maxLength: 6 }), top, stopwordChoice, (bytes, raw, top, stopwords) => {
      const { counts, totalWords } = countsOf(bytes);
      const expected = { totalWords, uniqueWords: counts.size, documents: 1, keywords: keywordsReference(counts, totalWords, { documents: 1, df: undefined }, stopwordSet(stopwords), top) };
      expect(runTask('keywords', bytes, { top, stopwords })).toMatchObject(expected);
      expect(runChunked('keywords', cutsOf(bytes, raw), { top, stopwords })).toMatchObject(expected);
    }), { numRuns: 400 });
  });

  it('equals the string reference over a corpus: distinct words, document frequencies, scores', () => {
    fc.assert(fc.property(fc.array(anyText, { minLength: 1, maxLength: 5 }), top, stopwordChoice, (docs, top, stopwords) => {
      const terms = docs.map((bytes): MapOutcome => {
        const stats = runTask('keywords', bytes, { top, stopwords }, { corpus: { stage: 'terms' } });
        return { ok: true, result: { task: 'keywords', ...stats } as unknown as JobResult };
      });
      const df = addUpTerms(terms);
      const references = docs.map(countsOf);
      const expectedDf = new Map<string, number>();
      for (const { counts } of references) for (const w of counts.keys()) expectedDf.set(w, (expectedDf.get(w) ?? 0) + 1);
      expect(new Map(df.entries())).toEqual(expectedDf);
      const corpus = { stage: 'score' as const, documents: df.documents, df: df.table() };
      docs.forEach((bytes, i) => {
        const { counts, totalWords } = references[i]!;
        const keywords = keywordsReference(counts, totalWords, { documents: docs.length, df: expectedDf }, stopwordSet(stopwords), top);
        expect(runTask('keywords', bytes, { top, stopwords }, { corpus })).toMatchObject({ uniqueWords: counts.size, documents: docs.length, keywords });
      });
    }), { numRuns: 300 });
  });
});
