/**
 * Joins the sentiment partials of consecutive ranges (sentence-scores.ts) into
 * the task's result: the sentence open at each cut is the last range's tail
 * followed by the next range's head, scored by whether a negation came before
 * the cut; inner sentences are renumbered in text order.
 */
import type { ScoredSentence, SentenceFragment, SentimentOptions, SentimentPartial, SentimentStats } from '../../src/protocol.ts';
import { addToSummary, emptySummary, topSentences } from './sentence-scores.ts';
import { joinCollapsed, shownText } from './sentence-text.ts';

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

const EMPTY: SentenceFragment = { score: 0, negatedScore: 0, negates: false, words: 0, text: '', truncated: false };

function join(a: SentenceFragment, b: SentenceFragment): SentenceFragment {
  return {
    score: a.score + (a.negates ? b.negatedScore : b.score),
    negatedScore: a.negatedScore + b.negatedScore,
    negates: a.negates || b.negates,
    words: a.words + b.words,
    ...joinCollapsed(a, b),
  };
}

export function mergeSentiment(parts: readonly SentimentPartial[], options: SentimentOptions): SentimentStats['sentiment'] & { totalWords: number } {
  const summary = emptySummary();
  const candidates: ScoredSentence[] = [];
  let open = EMPTY;
  const close = (): void => {
    if (open.words > 0) {
      candidates.push({ index: summary.count, score: open.score, text: shownText(open) });
      addToSummary(summary, open.score, open.words);
    }
    open = EMPTY;
  };
  for (const p of parts) {
    open = join(open, p.head);
    if (!p.closed) continue;
    close();
    const offset = summary.count;
    for (const s of [...p.mostPositive, ...p.mostNegative]) candidates.push({ ...s, index: s.index + offset });
    if (p.inner.count > 0) {
      summary.min = summary.count === 0 ? p.inner.min : Math.min(summary.min, p.inner.min);
      summary.max = summary.count === 0 ? p.inner.max : Math.max(summary.max, p.inner.max);
      summary.count += p.inner.count;
      summary.positive += p.inner.positive;
      summary.negative += p.inner.negative;
      summary.neutral += p.inner.neutral;
      summary.sum += p.inner.sum;
      summary.words += p.inner.words;
    }
    open = p.tail;
  }
  close();
  candidates.sort((a, b) => a.index - b.index);
  return {
    language: options.language,
    vocabulary: 'afinn-165',
    score: summary.sum,
    comparative: summary.words === 0 ? 0 : round(summary.sum / summary.words),
    sentences: {
      count: summary.count,
      positive: summary.positive,
      negative: summary.negative,
      neutral: summary.neutral,
      mean: summary.count === 0 ? 0 : round(summary.sum / summary.count),
      min: summary.min,
      max: summary.max,
    },
    mostPositive: topSentences(candidates, options.sentences, 1),
    mostNegative: topSentences(candidates, options.sentences, -1),
    totalWords: summary.words,
  };
}
