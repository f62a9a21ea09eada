/**
 * The ngrams corpus result: n-gram counts files (ngram-counts-file.ts), in
 * input order, added up as if their inputs were one text with a newline
 * between each two. A newline is white space like any other to the word
 * rules, so it ends no window: the n-grams across it are formed from the
 * last n-1 words before it and the first n-1 after, as the chunk merge forms
 * those across a cut (ngrams.ts). The n-grams are added as text into a word
 * table, a piece of one file at a time (counts-piece-reader.ts), and the sum
 * is kept the same way, so memory follows the corpus's distinct n-grams, not
 * its size nor its files' sizes; the top is read as wordcount reads its top
 * (count descending, ties in code-point order of the n-gram), which is the
 * per-input ngrams order.
 */
import type { NgramStats, NgramsOptions } from '../../src/protocol.ts';
import { finalWords } from '../text/final-words.ts';
import { stopwordSet } from '../text/stopwords.ts';
import { WordTable } from '../text/word-table.ts';
import { PIECE_BYTES } from './counts-layout.ts';
import { forEachCountsPiece } from './counts-piece-reader.ts';
import { readNgramCountsHeader, writeNgramCountsFile } from './ngram-counts-file.ts';
import { wordTableKeys } from './word-table-keys.ts';

const NO_STOPWORDS: ReadonlySet<string> = new Set();
/** The most key bytes a merge reserves up front (of the module's 2 GiB): past it, the sum's keys grow their room as they come. */
const MAX_KEY_ROOM = 512 * 2 ** 20;

/** `pieceBytes`: key bytes read and written at a time (tests make it small, to meet every cut between pieces). */
export function mergeNgramCountsFiles(files: readonly string[], options: NgramsOptions, keep: string | undefined, pieceBytes = PIECE_BYTES): NgramStats {
  const n = options.n;
  const stopwords = stopwordSet(options.stopwords);
  const headers = files.map((path) => readNgramCountsHeader(path, n));
  // The sum holds at least the largest file's n-grams, and at most every file's n-gram bytes.
  const keys = headers.reduce((most, h) => Math.max(most, h.keys), 0);
  const keyBytes = headers.reduce((sum, h) => sum + Math.max(0, h.keyBytes - h.keys + 1), 0);
  const table = WordTable.forKeys(keys, Math.min(keyBytes, MAX_KEY_ROOM));
  // N-grams of final words joined by a space are final: the top is read by count alone, as strings only for candidates.
  table.keysFinal = true;
  const across = new Map<string, number>();
  let totalWords = 0;
  let bytes = 0;
  let invalidUtf8 = false;
  const head: string[] = [];
  // The last n-1 words so far: with the next file's first n-1, every window of them spans the newline.
  let carry: string[] = [];
  try {
    for (const [k, path] of files.entries()) {
      forEachCountsPiece(path, (keys, counts) => table.addKeys(keys, counts), pieceBytes);
      const h = headers[k]!;
      totalWords += h.totalWords;
      bytes += h.bytes;
      invalidUtf8 ||= h.invalidUtf8;
      for (let i = 0; head.length < n - 1 && i < h.head.length; i++) head.push(h.head[i]!);
      const span = [...carry, ...h.head];
      for (let i = 0; i + n <= span.length; i++) {
        if (stopwords.has(span[i]!) || stopwords.has(span[i + n - 1]!)) continue;
        const ngram = span.slice(i, i + n).join(' ');
        across.set(ngram, (across.get(ngram) ?? 0) + 1);
      }
      // A file with fewer than n-1 words passes the words before it on.
      carry = [...carry, ...h.tail].slice(-(n - 1));
    }
    if (across.size > 0) table.addKeys([...across.keys()].join('\n'), Float64Array.from(across.values()));
    const { uniqueWords, top } = finalWords(table, options.top, NO_STOPWORDS);
    if (keep !== undefined) writeNgramCountsFile(keep, wordTableKeys(table, pieceBytes), { n, totalWords, bytes, invalidUtf8, head, tail: carry });
    return {
      totalWords,
      totalNgrams: Math.max(0, totalWords - n + 1),
      ngrams: top.map((t) => ({ ngram: t.word, count: t.count })),
      uniqueNgrams: uniqueWords,
      bytes,
      invalidUtf8,
    };
  } finally {
    table.release();
  }
}
