/** ngrams: hand-counted answers, and chunked counting equals one pass (n-grams across cuts included). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planByteChunks, safeCutFrom } from '../../src/dispatch/chunk-plan.ts';
import { runChunked, runTask } from '../helpers/run-task.ts';

describe('ngrams task', () => {
  it('counts bigrams, leaving out those that start or end with a stopword', () => {
    // Words: the cat sat on the mat the cat sat (9 words, 8 bigrams).
    // Stopword-edged: "the cat"×2, "sat on", "on the", "the mat", "mat the" → kept: "cat sat"×2.
    const stats = runTask('ngrams', 'The cat sat on the mat. The cat sat!', { n: 2, top: 10 });
    expect(stats).toMatchObject({ totalWords: 9, totalNgrams: 8, ngrams: [{ ngram: 'cat sat', count: 2 }] });
  });

  it('counts every n-gram without stopwords, ties in code-point order', () => {
    const stats = runTask('ngrams', 'a b c a b c a b', { n: 3, top: 3, stopwords: 'none' });
    // Trigrams: abc, bca, cab, abc, bca, cab → abc 2, bca 2, cab 2.
    expect(stats.ngrams).toEqual([
      { ngram: 'a b c', count: 2 }, { ngram: 'b c a', count: 2 }, { ngram: 'c a b', count: 2 },
    ]);
    expect(stats.totalNgrams).toBe(6);
  });

  it('counts n-grams across sentence punctuation (word order only) and rejects n outside 2..5', () => {
    expect(runTask('ngrams', 'red fox. Red fox', { n: 2, stopwords: 'none' }).ngrams[0]).toEqual({ ngram: 'red fox', count: 2 });
    expect(() => runTask('ngrams', 'x', { n: 6 })).toThrow(/n must be 2 to 5/);
  });
});

const piece = fc.constantFrom('a', 'b', 'the', 'of', 'é', 'Я', ' ', ' ', '\n', '.', "'", '’', '-', 'don’t', '𐐀', '\ufeff');
const textBytes = fc.array(piece, { maxLength: 120 }).map((parts) => Buffer.from(parts.join(''), 'utf8'));
const pieces = (bytes: Buffer, cuts: number[]): Buffer[] => {
  const edges = [0, ...cuts, bytes.length];
  return edges.slice(1).map((end, i) => bytes.subarray(edges[i], end));
};

describe('ngrams chunk and merge', () => {
  it('equals the one-pass result for random text, random safe cuts and n = 2..5', () => {
    fc.assert(
      fc.property(textBytes, fc.array(fc.nat(), { maxLength: 8 }), fc.integer({ min: 2, max: 5 }), (bytes, raw, n) => {
        const cuts = [...new Set(raw.map((r) => safeCutFrom(bytes, r % (bytes.length + 1))))]
          .filter((c) => c > 0 && c < bytes.length)
          .sort((a, b) => a - b);
        const options = { n, top: 10_000, stopwords: 'en' as const };
        expect(runChunked('ngrams', pieces(bytes, cuts), options)).toEqual(runTask('ngrams', bytes, options));
      }),
      { numRuns: 300 },
    );
  });

  it('equals the one-pass result with the planner choosing the cuts (tiny chunks: many words carried over)', () => {
    fc.assert(
      fc.property(textBytes, fc.integer({ min: 1, max: 16 }), fc.integer({ min: 2, max: 5 }), (bytes, chunkSize, n) => {
        const cuts = planByteChunks(bytes, chunkSize).slice(1).map((r) => r.start);
        const options = { n, top: 10_000, stopwords: 'none' as const };
        expect(runChunked('ngrams', pieces(bytes, cuts), options)).toEqual(runTask('ngrams', bytes, options));
      }),
      { numRuns: 300 },
    );
  });
});
