/**
 * natural's AFINN-165 sentiment analyzer for English, loaded from its own
 * submodule on first use (it reads every vocabulary natural ships, ~0.25 s,
 * so only the threads that run sentiment pay for it).
 */
import { createRequire } from 'node:module';

interface Analyzer {
  /** natural's score: sum of word scores (a negation flips the rest of the list) / number of words. */
  getSentiment(words: string[]): number;
  /** Its word list (no prototype) and negation words, which getSentiment reads. */
  vocabulary: Record<string, number | undefined>;
  negations: string[];
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

/** A word's part in natural's getSentiment: its AFINN score (0 if unlisted), or NEGATION. */
export function afinnValue(word: string): number {
  const a = analyzer();
  // As getSentiment does: lowercase, negations first, then the word list.
  const lower = word.toLowerCase();
  if (a.negations.includes(lower)) return NEGATION;
  return a.vocabulary[lower] ?? 0;
}
