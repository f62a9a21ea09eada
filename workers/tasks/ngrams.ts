/**
 * The `ngrams` task: the top N word n-grams (n = 2..5) that do not start or
 * end with a stopword, count descending, ties by the n-gram in code-point order.
 *
 * Runs on the byte scanner: its word stream gives each word as its key in the
 * word table, and n-grams are counted as tuples of word ids
 * (ngram-stream.ts); only the top n-grams become strings. A chunk's partial
 * carries its vocabulary, its tuples and counts, and its first and last n-1
 * words, so the merge adds the n-grams that span each cut and the result
 * equals the one-pass count exactly. ngrams-reference.ts computes the same
 * result from the decoded string.
 */
import type { CountRequest, MergeRequest, NgramStats, NgramsOptions, PartialCounts, TaskInput } from '../../src/protocol.ts';
import { NgramStream } from '../text/ngram-stream.ts';
import { NgramTable } from '../text/ngram-table.ts';
import { topNgrams } from '../text/ngram-top.ts';
import { NgramVocabulary } from '../text/ngram-vocabulary.ts';
import { stopwordSet } from '../text/stopwords.ts';
import { WordScanner } from '../text/word-scanner.ts';
import { feedScanner } from './scan-input-bytes.ts';
import { WordTable } from '../text/word-table.ts';
import { partialTotals } from './partial-totals.ts';
import { tupleTableKeys, writeNgramCountsFile } from './ngram-counts-file.ts';
import { mergeNgramCountsFiles } from './ngram-corpus.ts';
import { wholeFileHash } from './whole-file-hash.ts';
import type { Hash } from 'node:crypto';

interface NgramScan {
  vocabulary: NgramVocabulary;
  table: NgramTable;
  totalWords: number;
  bytes: number;
  invalidUtf8: boolean;
  /** The input's first and last n-1 word ids (all of them when it has fewer). */
  head: number[];
  tail: number[];
}

/** Writes a scan's full n-gram counts (not its top) to an n-gram counts file, for the corpus result. */
function keepNgrams(path: string, scan: NgramScan, n: number, hash: Hash | undefined): void {
  const words = scan.vocabulary.words;
  writeNgramCountsFile(path, tupleTableKeys(scan.table, scan.vocabulary), {
    n,
    totalWords: scan.totalWords,
    bytes: scan.bytes,
    invalidUtf8: scan.invalidUtf8,
    head: scan.head.map((id) => words[id]!),
    tail: scan.tail.map((id) => words[id]!),
  }, hash?.digest('hex'));
}

function finishNgrams(scan: NgramScan, options: NgramsOptions): NgramStats {
  return {
    totalWords: scan.totalWords,
    totalNgrams: Math.max(0, scan.totalWords - options.n + 1),
    ngrams: topNgrams(scan.table, scan.vocabulary, options.top),
    bytes: scan.bytes,
    invalidUtf8: scan.invalidUtf8,
  };
}

/** Scans the range with the word stream on; the word table is released before this returns. */
function scanRange(input: TaskInput, options: NgramsOptions, hash?: Hash): NgramScan & { stream: NgramStream } {
  const size = input.kind === 'bytes' ? input.bytes.length : input.end - input.start;
  const table = WordTable.forInput(size);
  try {
    table.wasm.streamWords();
    // About one word per 6 bytes of English, most windows stopword-edged.
    const stream = new NgramStream(options.n, stopwordSet(options.stopwords), Math.min(size / 64, 1 << 16));
    const scanner = new WordScanner(table, () => stream.drain(table.wasm));
    const bytes = feedScanner(input, scanner, hash);
    scanner.finish();
    return { stream, vocabulary: stream.vocabulary, table: stream.table, totalWords: scanner.totalWords, bytes, invalidUtf8: scanner.invalidUtf8, head: stream.head, tail: stream.tail };
  } finally {
    table.release();
  }
}

export function runCount(request: CountRequest): { stats: NgramStats } | { partial: PartialCounts } {
  const options = request.options as NgramsOptions;
  const keep = request.keepCounts;
  const hash = wholeFileHash(request);
  const scan = scanRange(request.input, options, hash);
  if (keep !== undefined) keepNgrams(keep, scan, options.n, hash);
  if (request.mode === 'final') return { stats: finishNgrams(scan, options) };
  const { vocabulary, table, stream } = scan;
  const words = vocabulary.words;
  return {
    partial: {
      words: words.join('\n'),
      counts: table.counts.slice(0, table.size),
      ngramIds: table.tuples.slice(0, table.size * options.n),
      totalWords: scan.totalWords,
      bytes: scan.bytes,
      invalidUtf8: scan.invalidUtf8,
      head: stream.head.map((id) => words[id]!),
      tail: stream.tail.map((id) => words[id]!),
    },
  };
}

/** Partials must come in input order (run-job keeps it): the n-grams across each cut depend on it. */
function mergeNgramPartials(partials: readonly PartialCounts[], options: NgramsOptions): NgramScan {
  const n = options.n;
  const vocabulary = new NgramVocabulary(stopwordSet(options.stopwords));
  const table = new NgramTable(n, 2 * Math.max(0, ...partials.map((p) => p.counts.length)));
  const tuple = new Int32Array(n);
  // The last n-1 words so far, then the next chunk's first n-1: every window of them spans a cut.
  let carry: number[] = [];
  const first: number[] = [];
  for (const p of partials) {
    const ids = p.ngramIds;
    if (p.counts.length > 0) {
      if (!ids) throw new Error('an ngrams partial lacks its n-gram word ids');
      const local = Int32Array.from(p.words.split('\n'), (w) => vocabulary.idOf(w));
      for (let e = 0; e < p.counts.length; e++) {
        for (let k = 0; k < n; k++) tuple[k] = local[ids[e * n + k]!]!;
        table.add(tuple, 0, p.counts[e]!);
      }
    }
    const head = (p.head ?? []).map((w) => vocabulary.idOf(w));
    for (let i = 0; first.length < n - 1 && i < head.length; i++) first.push(head[i]!);
    if (carry.length > 0 && head.length > 0) {
      const span = Int32Array.from([...carry, ...head]);
      for (let i = 0; i + n <= span.length; i++) {
        if (vocabulary.stop[span[i]!] === 1 || vocabulary.stop[span[i + n - 1]!] === 1) continue;
        table.add(span, i, 1);
      }
    }
    // A chunk with fewer than n-1 words passes the words before it on.
    carry = [...carry, ...(p.tail ?? []).map((w) => vocabulary.idOf(w))].slice(-(n - 1));
  }
  return { vocabulary, table, ...partialTotals(partials), head: first, tail: carry };
}

/** Merges a file's chunks; or, given `addCounts`, adds up n-gram counts files into the corpus result (ngram-corpus.ts). */
export function runMerge(request: MergeRequest): NgramStats {
  const options = request.options as NgramsOptions;
  if (request.addCounts !== undefined) return mergeNgramCountsFiles(request.addCounts, options, request.keepCounts);
  const scan = mergeNgramPartials(request.partials, options);
  if (request.keepCounts !== undefined) keepNgrams(request.keepCounts, scan, options.n, undefined);
  return finishNgrams(scan, options);
}
