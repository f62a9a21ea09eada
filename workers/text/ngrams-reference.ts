/**
 * The ngrams task over a decoded string, one word string at a time: the
 * reference the scanner version (workers/tasks/ngrams.ts) is property-tested
 * against. N-grams are n consecutive words joined by one space (words never
 * contain one); those that start or end with a stopword are not counted.
 */
import type { NgramCount } from '../../src/protocol.ts';
import { selectTop } from './top-words.ts';
import { wordSequence } from './word-sequence.ts';

export function countNgrams(words: readonly string[], n: number, stopwords: ReadonlySet<string>, into = new Map<string, number>()): Map<string, number> {
  for (let i = 0; i + n <= words.length; i++) {
    if (stopwords.has(words[i]!) || stopwords.has(words[i + n - 1]!)) continue;
    const key = words.slice(i, i + n).join(' ');
    into.set(key, (into.get(key) ?? 0) + 1);
  }
  return into;
}

export interface ReferenceNgrams {
  totalWords: number;
  totalNgrams: number;
  ngrams: NgramCount[];
}

/** `text` decoded by word rule 1 (invalid UTF-8 as U+FFFD, no BOM at the start). */
export function ngramsReference(text: string, n: number, top: number, stopwords: ReadonlySet<string>): ReferenceNgrams {
  const words = wordSequence(text);
  const counts = countNgrams(words, n, stopwords);
  // Stopword-edged n-grams were never counted, so the top needs no stopword filter.
  const ngrams = selectTop(counts, top, new Set()).map((t) => ({ ngram: t.word, count: t.count }));
  return { totalWords: words.length, totalNgrams: Math.max(0, words.length - n + 1), ngrams };
}
