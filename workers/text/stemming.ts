/**
 * wordcount `stem`: folds the final word → count map into stem → count,
 * reporting each stem by its most frequent surface word. natural's Porter
 * stemmers are loaded one file per language, on first use (never natural's
 * index: see stopwords.ts).
 */
import { createRequire } from 'node:module';
import type { StemLanguage } from '../../src/protocol.ts';
import { compareCodePoints, selectTop } from './top-words.ts';

interface Stemmer {
  stem(word: string): string;
}

const require = createRequire(import.meta.url);
const stemmers = new Map<StemLanguage, Stemmer>();

export function stemmerFor(language: StemLanguage): Stemmer {
  let stemmer = stemmers.get(language);
  if (!stemmer) {
    const file = language === 'en' ? 'porter_stemmer' : `porter_stemmer_${language}`;
    stemmer = require(`natural/lib/natural/stemmers/${file}`) as Stemmer;
    stemmers.set(language, stemmer);
  }
  return stemmer;
}

export interface StemGroup {
  stem: string;
  /** The group's most frequent word (ties: first in code-point order). */
  word: string;
  wordCount: number;
  /** Sum over every word with this stem. */
  count: number;
}

/** Stopwords are left out before grouping, so a stem's count is the count of its non-stopword forms. */
export function groupByStem(counts: ReadonlyMap<string, number>, language: StemLanguage, stopwords: ReadonlySet<string>): Map<string, StemGroup> {
  const stemmer = stemmerFor(language);
  const groups = new Map<string, StemGroup>();
  for (const [word, count] of counts) {
    if (stopwords.has(word)) continue;
    const stem = stemmer.stem(word);
    const group = groups.get(stem);
    if (!group) {
      groups.set(stem, { stem, word, wordCount: count, count });
      continue;
    }
    group.count += count;
    if (count > group.wordCount || (count === group.wordCount && compareCodePoints(word, group.word) < 0)) {
      group.word = word;
      group.wordCount = count;
    }
  }
  return groups;
}

/** Word rule 5 over stems: the top N stem groups, each shown as its most frequent word. */
export function stemmedTop(
  counts: ReadonlyMap<string, number>,
  n: number,
  language: StemLanguage,
  stopwords: ReadonlySet<string>,
): { top: Array<{ word: string; count: number; stem: string }>; uniqueStems: number } {
  const groups = groupByStem(counts, language, stopwords);
  // Each word has one stem, so the shown words are distinct keys.
  const byWord = new Map<string, number>();
  const stemOf = new Map<string, string>();
  for (const g of groups.values()) {
    byWord.set(g.word, g.count);
    stemOf.set(g.word, g.stem);
  }
  const top = selectTop(byWord, n, new Set()).map((t) => ({ ...t, stem: stemOf.get(t.word)! }));
  return { top, uniqueStems: groups.size };
}
