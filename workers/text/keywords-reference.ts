/**
 * The string version of the keywords ranking, over a word → count map: the
 * reference the table version (keyword-rank.ts) is property-tested against.
 * Ties (equal scores) are ordered by word in code-point order.
 */
import type { Keyword } from '../../src/protocol.ts';
import { idf } from './tf-idf.ts';
import { compareCodePoints } from './top-words.ts';

export function keywordsReference(
  counts: ReadonlyMap<string, number>,
  totalWords: number,
  corpus: { documents: number; df: ReadonlyMap<string, number> | undefined },
  stopwords: ReadonlySet<string>,
  n: number,
): Keyword[] {
  const scored: Keyword[] = [];
  for (const [word, count] of counts) {
    if (stopwords.has(word)) continue;
    // A word missing from the table was only in this document (or the table is from another run).
    const df = corpus.df?.get(word) ?? 1;
    scored.push({ word, count, df, score: (count / totalWords) * idf(corpus.documents, df) });
  }
  scored.sort((a, b) => b.score - a.score || compareCodePoints(a.word, b.word));
  return scored.slice(0, n).map((k) => ({ ...k, score: Math.round(k.score * 1e8) / 1e8 }));
}
