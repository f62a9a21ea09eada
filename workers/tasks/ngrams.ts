/**
 * The `ngrams` task: the top N word n-grams (n = 2..5) that do not start or
 * end with a stopword. Words in order come from word-sequence.ts (the word
 * rules over the decoded text). A chunk's partial carries its n-gram counts
 * plus its first and last n-1 words, so the merge adds the n-grams that span
 * each cut and the result equals the one-pass count exactly.
 */
import type { CountRequest, MergeRequest, NgramStats, NgramsOptions, PartialCounts } from '../../src/protocol.ts';
import { decodeInput } from '../io/decode-input.ts';
import { BoundaryJoiner, chunkEdges, countNgrams } from '../text/ngram-counter.ts';
import { stopwordSet } from '../text/stopwords.ts';
import { selectTop } from '../text/top-words.ts';
import { wordSequence } from '../text/word-sequence.ts';
import { partialTotals } from './partial-totals.ts';

interface NgramScan {
  counts: Map<string, number>;
  totalWords: number;
  bytes: number;
  invalidUtf8: boolean;
}

export function finishNgrams(scan: NgramScan, options: NgramsOptions): NgramStats {
  // Stopword-edged n-grams were never counted, so the top needs no stopword filter.
  const top = selectTop(scan.counts, options.top, new Set()).map((t) => ({ ngram: t.word, count: t.count }));
  return {
    totalWords: scan.totalWords,
    totalNgrams: Math.max(0, scan.totalWords - options.n + 1),
    ngrams: top,
    bytes: scan.bytes,
    invalidUtf8: scan.invalidUtf8,
  };
}

export function runCount(request: CountRequest): { stats: NgramStats } | { partial: PartialCounts } {
  const options = request.options as NgramsOptions;
  const decoded = decodeInput(request.input);
  const words = wordSequence(decoded.text);
  const counts = countNgrams(words, options.n, stopwordSet(options.stopwords));
  const scan = { counts, totalWords: words.length, bytes: decoded.bytes, invalidUtf8: decoded.invalidUtf8 };
  if (request.mode === 'final') return { stats: finishNgrams(scan, options) };
  return {
    partial: {
      words: [...counts.keys()].join('\n'),
      counts: Float64Array.from(counts.values()),
      totalWords: words.length,
      bytes: decoded.bytes,
      invalidUtf8: decoded.invalidUtf8,
      ...chunkEdges(words, options.n),
    },
  };
}

/** Partials must come in input order (run-job keeps it): the boundary n-grams depend on it. */
export function mergeNgramPartials(partials: readonly PartialCounts[], options: NgramsOptions): NgramScan {
  const counts = new Map<string, number>();
  const joiner = new BoundaryJoiner(options.n, stopwordSet(options.stopwords), counts);
  for (const p of partials) {
    if (p.counts.length > 0) {
      const keys = p.words.split('\n');
      for (let i = 0; i < keys.length; i++) counts.set(keys[i]!, (counts.get(keys[i]!) ?? 0) + p.counts[i]!);
    }
    joiner.add({ head: p.head ?? [], tail: p.tail ?? [] });
  }
  return { counts, ...partialTotals(partials) };
}

export function runMerge(request: MergeRequest): NgramStats {
  const options = request.options as NgramsOptions;
  return finishNgrams(mergeNgramPartials(request.partials, options), options);
}
