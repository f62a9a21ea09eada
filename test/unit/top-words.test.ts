/** The bounded top-N selection gives exactly the head of the full sort (count desc, then code points). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareTopWords, selectTop, TopWords } from '../../workers/text/top-words.ts';
import type { TopWord } from '../../src/protocol.ts';

function fullSort(counts: ReadonlyMap<string, number>, n: number, stopwords: ReadonlySet<string>): TopWord[] {
  return [...counts].filter(([word]) => !stopwords.has(word)).map(([word, count]) => ({ word, count })).sort(compareTopWords).slice(0, n);
}

/** A deterministic table with many ties: 30,000 words (base-8 numerals in BMP and astral letters), counts 1–50. */
function bigTable(): Map<string, number> {
  const alphabet = ['a', 'b', 'é', 'z', '𐐨', 'ｚ', '我', '𝒜'];
  const counts = new Map<string, number>();
  for (let i = 1; i <= 30_000; i++) {
    let word = '';
    for (let rest = i; rest > 0; rest = Math.floor(rest / 8)) word += alphabet[rest % 8];
    counts.set(word, 1 + ((i * 7919) % 50));
  }
  return counts;
}

describe('top words', () => {
  const counts = bigTable();
  const stopwords = new Set([...counts.keys()].filter((_, i) => i % 7 === 0));

  it('top 10,000 of 30,000 words equals the full sort, stopwords left out', () => {
    const top = selectTop(counts, 10_000, stopwords);
    expect(top).toHaveLength(10_000);
    expect(top).toEqual(fullSort(counts, 10_000, stopwords));
  });

  it('a top larger than the table returns every non-stopword, sorted', () => {
    const expected = fullSort(counts, Infinity, stopwords);
    expect(selectTop(counts, 40_000, stopwords)).toEqual(expected);
    expect(expected.length).toBe(counts.size - stopwords.size);
  });

  it('keeps the best n of what it is offered, a worse word never displacing a kept one', () => {
    const top = new TopWords(3, new Set());
    for (const [word, count] of [['x', 5], ['y', 7], ['z', 6], ['w', 4], ['a', 5]] as const) top.offer(word, count);
    expect(top.words).toEqual([{ word: 'y', count: 7 }, { word: 'z', count: 6 }, { word: 'a', count: 5 }]);
    const none = new TopWords(0, new Set());
    none.offer('x', 100);
    expect(none.words).toEqual([]);
  });

  it('any table, any n, any offer order: the full sort', () => {
    const word = fc.array(fc.constantFrom('a', 'b', 'é', '𐐨', 'ｚ'), { minLength: 1, maxLength: 3 }).map((letters) => letters.join(''));
    fc.assert(
      fc.property(fc.dictionary(word, fc.integer({ min: 1, max: 5 })), fc.nat(40), (dict, n) => {
        const table = new Map(Object.entries(dict));
        expect(selectTop(table, n, new Set(['a']))).toEqual(fullSort(table, n, new Set(['a'])));
      }),
      { numRuns: 300 },
    );
  });
});
