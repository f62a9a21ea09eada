/**
 * The `keywords` task: a document's top terms by tf-idf. Counting is
 * wordcount's (byte scanner, chunkable, same partials and merge). Alone (HTTP,
 * MQTT) a document is its own corpus of one; `process --task keywords` runs
 * it twice per file: stage `terms` returns each document's distinct words
 * (the map), the main thread adds up document frequencies (the reduce), and
 * stage `score` ranks each document's words against them. Both read the word
 * table's key bytes: a string is made only per non-ASCII key and per keyword.
 */
import type { CountRequest, DocumentFrequencyTable, Keyword, KeywordStats, KeywordsCorpus, KeywordsOptions, MergeRequest, PartialCounts } from '../../src/protocol.ts';
import { distinctWords } from '../text/distinct-words.ts';
import { rankKeywords } from '../text/keyword-rank.ts';
import { stopwordSet } from '../text/stopwords.ts';
import { TermTable } from '../text/term-table.ts';
import { mergePartials, readScan, scanInput, toPartial } from './wordcount.ts';
import type { ScanOutcome } from './wordcount.ts';

/** The last table's lookup: a run sends one table to all of its `score` jobs. */
let cached: { table: DocumentFrequencyTable; lookup: TermTable } | undefined;

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function lookupOf(table: DocumentFrequencyTable): TermTable {
  // Each job's message gives a new view of the same shared memory: equal bytes are the same table.
  if (cached === undefined || !sameBytes(cached.table.counts, table.counts) || !sameBytes(cached.table.words, table.words)) {
    cached = { table, lookup: new TermTable(table.words, table.counts) };
  }
  return cached.lookup;
}

export function keywordStats(scan: ScanOutcome, options: KeywordsOptions, corpus: KeywordsCorpus | undefined): KeywordStats {
  const table = scan.table;
  if (table === undefined) throw new Error('keywords reads a word table');
  const stats = (uniqueWords: number, documents: number, keywords: Keyword[]): KeywordStats =>
    ({ totalWords: scan.totalWords, uniqueWords, bytes: scan.bytes, invalidUtf8: scan.invalidUtf8, documents, keywords });
  if (corpus?.stage === 'terms') {
    const { words, count } = distinctWords(table);
    return { ...stats(count, 1, []), terms: words };
  }
  const documents = corpus?.stage === 'score' ? corpus.documents : 1;
  const df = corpus?.stage === 'score' ? lookupOf(corpus.df) : undefined;
  const ranked = rankKeywords(table, scan.totalWords, { documents, df }, stopwordSet(options.stopwords), options.top);
  return stats(ranked.uniqueWords, documents, ranked.keywords);
}

export function runCount(request: CountRequest): { stats: KeywordStats } | { partial: PartialCounts } {
  return readScan(scanInput(request.input), (scan) =>
    request.mode === 'partial' ? { partial: toPartial(scan) } : { stats: keywordStats(scan, request.options as KeywordsOptions, request.corpus) });
}

export function runMerge(request: MergeRequest): KeywordStats {
  return readScan(mergePartials(request.partials), (scan) => keywordStats(scan, request.options as KeywordsOptions, request.corpus));
}
