/**
 * The `keywords` task: a document's top terms by tf-idf. Counting is
 * wordcount's (byte scanner, chunkable, same partials and merge). Alone (HTTP,
 * MQTT) a document is its own corpus of one; `process --task keywords` runs
 * it twice per file: stage `terms` returns each document's distinct terms
 * (the map), the main thread adds up document frequencies (the reduce), and
 * stage `score` ranks each document's words against them.
 */
import type { CountRequest, KeywordStats, KeywordsCorpus, KeywordsOptions, MergeRequest, PartialCounts } from '../../src/protocol.ts';
import { stopwordSet } from '../text/stopwords.ts';
import { topKeywords } from '../text/tf-idf.ts';
import { mergePartials, readScan, scanInput, toPartial } from './wordcount.ts';
import type { ScanOutcome } from './wordcount.ts';

function dfTable(corpus: KeywordsCorpus | undefined): { documents: number; df: Map<string, number> | undefined } {
  if (corpus?.stage !== 'score') return { documents: 1, df: undefined };
  const words = corpus.df.counts.length === 0 ? [] : corpus.df.words.split('\n');
  return { documents: corpus.documents, df: new Map(words.map((w, i) => [w, corpus.df.counts[i]!])) };
}

export function keywordStats(scan: ScanOutcome, options: KeywordsOptions, corpus: KeywordsCorpus | undefined): KeywordStats {
  const stopwords = stopwordSet(options.stopwords);
  const base = { totalWords: scan.totalWords, uniqueWords: scan.counts.size, bytes: scan.bytes, invalidUtf8: scan.invalidUtf8 };
  if (corpus?.stage === 'terms') {
    const terms = [...scan.counts.keys()].filter((w) => !stopwords.has(w));
    return { ...base, documents: 1, keywords: [], terms: terms.join('\n') };
  }
  const table = dfTable(corpus);
  return { ...base, documents: table.documents, keywords: topKeywords(scan.counts, scan.totalWords, table, stopwords, options.top) };
}

export function runCount(request: CountRequest): { stats: KeywordStats } | { partial: PartialCounts } {
  return readScan(scanInput(request.input), (scan) =>
    request.mode === 'partial' ? { partial: toPartial(scan) } : { stats: keywordStats(scan, request.options as KeywordsOptions, request.corpus) });
}

export function runMerge(request: MergeRequest): KeywordStats {
  return readScan(mergePartials(request.partials), (scan) => keywordStats(scan, request.options as KeywordsOptions, request.corpus));
}
