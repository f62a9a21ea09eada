/**
 * tf-idf, written out so that the corpus statistics (document frequencies)
 * can be gathered map-reduce style: tf = count / words in the document,
 * idf = ln(N / df), so a word found in every document scores 0 (it says
 * nothing about this one). A corpus of one document has no idf: idf = 1 and
 * the ranking is plain tf (HTTP/MQTT jobs, which see one text).
 */
import type { Keyword } from '../../src/protocol.ts';
import { compareCodePoints } from './top-words.ts';

export function idf(documents: number, df: number): number {
  return documents <= 1 ? 1 : Math.log(documents / df);
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
