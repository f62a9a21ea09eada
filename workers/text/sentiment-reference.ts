/**
 * The `sentiment` figures computed the plain way, over the decoded string
 * (sentences.ts, natural's analyzer per sentence): the reference the
 * scanner-based task (workers/tasks/sentiment.ts) is property-tested against.
 */
import type { ScoredSentence, SentimentOptions, SentimentStats } from '../../src/protocol.ts';
import { sentenceScore } from './afinn-sentiment.ts';
import { splitSentences } from './sentences.ts';

const MAX_TEXT = 500;
const round = (x: number): number => Math.round(x * 1e4) / 1e4;

export function sentimentOf(text: string, options: SentimentOptions): SentimentStats['sentiment'] & { totalWords: number } {
  const scored: ScoredSentence[] = [];
  let words = 0;
  for (const [index, sentence] of splitSentences(text).entries()) {
    words += sentence.words.length;
    const clipped = sentence.text.length > MAX_TEXT ? `${sentence.text.slice(0, MAX_TEXT - 1)}…` : sentence.text;
    scored.push({ index, score: sentenceScore(sentence.words), text: clipped });
  }
  const score = scored.reduce((sum, s) => sum + s.score, 0);
  const scores = scored.map((s) => s.score);
  // Stable sorts: equal scores keep text order, so "first N" is well defined.
  const mostPositive = scored.filter((s) => s.score > 0).sort((a, b) => b.score - a.score).slice(0, options.sentences);
  const mostNegative = scored.filter((s) => s.score < 0).sort((a, b) => a.score - b.score).slice(0, options.sentences);
  return {
    language: options.language,
    vocabulary: 'afinn-165',
    score,
    comparative: words === 0 ? 0 : round(score / words),
    sentences: {
      count: scored.length,
      positive: scores.filter((s) => s > 0).length,
      negative: scores.filter((s) => s < 0).length,
      neutral: scores.filter((s) => s === 0).length,
      mean: scored.length === 0 ? 0 : round(score / scored.length),
      // reduce, not Math.min(...scores): a book has more sentences than a call may have arguments.
      min: scores.reduce((m, x) => Math.min(m, x), scores[0] ?? 0),
      max: scores.reduce((m, x) => Math.max(m, x), scores[0] ?? 0),
    },
    mostPositive,
    mostNegative,
    totalWords: words,
  };
}
