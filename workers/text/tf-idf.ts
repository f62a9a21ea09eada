/**
 * tf-idf, written out so that the corpus statistics (document frequencies)
 * can be gathered map-reduce style: tf = count / words in the document,
 * idf = ln((1 + N) / (1 + df)) + 1 (the smoothed form: a word in every
 * document still scores by its tf, and with N = 1 the ranking is plain tf).
 */
import type { Keyword } from '../../src/protocol.ts';
import { compareCodePoints } from './top-words.ts';

export function idf(documents: number, df: number): number {
  return Math.log((1 + documents) / (1 + df)) + 1;
}

export function topKeywords(
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
