/**
 * ngrams' counts files (format: `NgramCountsFileHeader` in src/protocol.ts):
 * an input's every counted n-gram with its count, and its first and last n-1
 * words, so a corpus result can be added up later without counting the input
 * again, the n-grams across the newline between inputs included. The layout
 * after the header line is a word counts file's (counts-file.ts): the keys
 * joined by '\n', zero bytes up to a multiple of 8, little-endian float64
 * counts. Written in place, as word counts files are.
 */
import { readCountsLayout, writeCountsLayout } from './counts-layout.ts';
import type { NgramCountsFileHeader } from '../../src/protocol.ts';
import type { NgramTable } from '../text/ngram-table.ts';
import type { NgramVocabulary } from '../text/ngram-vocabulary.ts';
import type { CountBytes } from '../text/word-table.ts';

export interface KeptNgrams {
  /** N-grams as UTF-8 bytes joined by '\n'. */
  keys: Uint8Array;
  counts: Float64Array;
  n: number;
  totalWords: number;
  bytes: number;
  invalidUtf8: boolean;
  head: string[];
  tail: string[];
}

export interface NgramCountsFileBytes {
  keys: Buffer;
  counts: CountBytes;
  header: NgramCountsFileHeader;
}

export class NgramCountsFileError extends Error {
  readonly code = 'E_COUNTS_FILE';
}

/**
 * A tuple table's n-grams as text bytes: the vocabulary's UTF-8 made once, in
 * one buffer, then copied byte by byte per n-gram into another (no string
 * per n-gram; a word is a few bytes, and a native copy per word cost more
 * than the loop).
 */
export function ngramKeyBytes(table: NgramTable, vocabulary: NgramVocabulary): { keys: Buffer; counts: Float64Array } {
  const n = table.n;
  const text = Buffer.from(vocabulary.words.join('\n'), 'utf8');
  const starts = new Int32Array(vocabulary.size + 1);
  for (let id = 1, at = 0; id <= vocabulary.size; id++) {
    while (at < text.length && text[at] !== 0x0a) at++;
    starts[id] = ++at;
  }
  const tuples = table.tuples;
  let length = 0;
  for (let e = 0; e < table.size * n; e++) length += starts[tuples[e]! + 1]! - starts[tuples[e]!]!;
  const out = Buffer.allocUnsafe(length);
  let at = 0;
  for (let e = 0; e < table.size; e++) {
    if (e > 0) out[at++] = 0x0a;
    for (let k = 0; k < n; k++) {
      if (k > 0) out[at++] = 0x20;
      const id = tuples[e * n + k]!;
      // Each word's bytes end one byte before the next word's start (its '\n').
      for (let b = starts[id]!, end = starts[id + 1]! - 1; b < end; b++) out[at++] = text[b]!;
    }
  }
  return { keys: out.subarray(0, at), counts: table.counts.slice(0, table.size) };
}

export function writeNgramCountsFile(path: string, kept: KeptNgrams, sha256?: string): void {
  const header: NgramCountsFileHeader = {
    version: 1,
    kind: 'ngrams',
    n: kept.n,
    totalWords: kept.totalWords,
    bytes: kept.bytes,
    invalidUtf8: kept.invalidUtf8,
    keys: kept.counts.length,
    keyBytes: kept.keys.length,
    head: kept.head,
    tail: kept.tail,
    ...(sha256 === undefined ? {} : { sha256 }),
  };
  writeCountsLayout(path, header, [kept.keys], [kept.counts]);
}

export function readNgramCountsFile(path: string, n: number): NgramCountsFileBytes {
  const file = readCountsLayout(path);
  const header = file.header as NgramCountsFileHeader;
  if (header.version !== 1 || header.kind !== 'ngrams') throw new NgramCountsFileError(`${path}: not an n-gram counts file of version 1`);
  if (header.n !== n) throw new NgramCountsFileError(`${path}: holds ${String(header.n)}-grams, not ${String(n)}-grams`);
  if (file.counts === undefined) throw new NgramCountsFileError(`${path}: n-gram counts file is cut short`);
  return { keys: file.keys, counts: file.counts, header };
}
