/** The kept most positive / negative sentences equal a stable sort of all of them by score, cut at n. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SentenceTop } from '../../workers/text/sentence-top.ts';

describe('SentenceTop', () => {
  it('equals filter, stable sort and slice', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: -6, max: 6 }), { maxLength: 60 }), fc.integer({ min: 0, max: 8 }), fc.constantFrom<1 | -1>(1, -1), (scores, n, sign) => {
      const top = new SentenceTop(n, sign);
      scores.forEach((score, index) => top.offer(score, index, index * 10, index * 10 + 7));
      const expected = scores
        .map((score, index) => ({ index, score, start: index * 10, end: index * 10 + 7 }))
        .filter((s) => s.score * sign > 0)
        .sort((a, b) => (b.score - a.score) * sign)
        .slice(0, n);
      expect([...top.entries()]).toEqual(expected);
    }), { numRuns: 1000 });
  });

  it('keeps the earlier of equal scores when full', () => {
    const top = new SentenceTop(2, 1);
    [2, 5, 2, 5, 1].forEach((score, index) => top.offer(score, index, index, index + 1));
    expect([...top.entries()].map((s) => s.index)).toEqual([1, 3]);
  });
});
