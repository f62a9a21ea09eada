/**
 * ngrams' counts files (format: `NgramCountsFileHeader` in src/protocol.ts):
 * an input's every counted n-gram with its count, and its first and last n-1
 * words, so a corpus result can be added up later without counting the input
 * again, the n-grams across the newline between inputs included. The layout
 * after the header line is a word counts file's (counts-layout.ts): the keys
 * joined by '\n', zero bytes up to a multiple of 8, little-endian float64
 * counts. Written in place, as word counts files are, and in pieces: an
 * input of millions of distinct n-grams has ~100 MB of them, which are
 * never all in one buffer.
 */
import { CountsFileError, PIECE_BYTES } from './counts-layout.ts';
import { readCountsHeader } from './counts-piece-reader.ts';
import { writeCountsPieces } from './counts-piece-writer.ts';
import type { CountsPieceWriter } from './counts-piece-writer.ts';
import type { NgramCountsFileHeader } from '../../src/protocol.ts';
import type { NgramTable } from '../text/ngram-table.ts';
import type { NgramVocabulary } from '../text/ngram-vocabulary.ts';

/** What an n-gram counts file says besides its n-grams. */
export interface NgramCountsMeta {
  n: number;
  totalWords: number;
  bytes: number;
  invalidUtf8: boolean;
  head: string[];
  tail: string[];
}

/** A table's n-grams as a counts file's keys: how many, their bytes joined by '\n', and how to write them with their counts. */
export interface NgramKeys {
  keys: number;
  keyBytes: number;
  writeTo(out: CountsPieceWriter): void;
}

export function writeNgramCountsFile(path: string, keys: NgramKeys, meta: NgramCountsMeta, sha256?: string): void {
  const header: NgramCountsFileHeader = {
    version: 1,
    kind: 'ngrams',
    n: meta.n,
    totalWords: meta.totalWords,
    bytes: meta.bytes,
    invalidUtf8: meta.invalidUtf8,
    keys: keys.keys,
    keyBytes: keys.keyBytes,
    head: meta.head,
    tail: meta.tail,
    ...(sha256 === undefined ? {} : { sha256 }),
  };
  writeCountsPieces(path, header, (out) => keys.writeTo(out));
}

/** The header of an n-gram counts file of `n`-grams; its n-grams are read with `forEachCountsPiece`. */
export function readNgramCountsHeader(path: string, n: number): NgramCountsFileHeader {
  const header = readCountsHeader<NgramCountsFileHeader>(path);
  if (header.version !== 1 || header.kind !== 'ngrams') throw new CountsFileError(`${path}: not an n-gram counts file of version 1`);
  if (header.n !== n) throw new CountsFileError(`${path}: holds ${String(header.n)}-grams, not ${String(n)}-grams`);
  return header;
}

/**
 * A tuple table's n-grams as text bytes: the vocabulary's UTF-8 made once, in
 * one buffer, then copied byte by byte per n-gram into a piece buffer (no
 * string per n-gram; a word is a few bytes, and a native copy per word cost
 * more than the loop). The counts go out as the table holds them.
 */
export function tupleTableKeys(table: NgramTable, vocabulary: NgramVocabulary, pieceBytes = PIECE_BYTES): NgramKeys {
  const n = table.n;
  const text = Buffer.from(vocabulary.words.join('\n'), 'utf8');
  const starts = new Int32Array(vocabulary.size + 1);
  for (let id = 1, at = 0; id <= vocabulary.size; id++) {
    while (at < text.length && text[at] !== 0x0a) at++;
    starts[id] = ++at;
  }
  const tuples = table.tuples;
  // Each word's bytes end one byte before the next word's start (its '\n').
  const wordBytes = (id: number): number => starts[id + 1]! - starts[id]! - 1;
  const ngramBytes = (e: number): number => {
    let length = n - 1;
    for (let k = 0; k < n; k++) length += wordBytes(tuples[e * n + k]!);
    return length;
  };
  let keyBytes = Math.max(0, table.size - 1);
  for (let e = 0; e < table.size; e++) keyBytes += ngramBytes(e);
  return {
    keys: table.size,
    keyBytes,
    writeTo(out) {
      let piece = Buffer.allocUnsafe(Math.min(pieceBytes, Math.max(1, keyBytes)));
      let at = 0;
      let inPiece = 0;
      for (let e = 0; e < table.size; e++) {
        const length = ngramBytes(e);
        // The separator before this n-gram is the writer's, between pieces, or ours, inside one.
        if (inPiece > 0 && at + 1 + length > piece.length) {
          out.keys(piece.subarray(0, at), inPiece);
          at = 0;
          inPiece = 0;
        }
        if (length > piece.length) piece = Buffer.allocUnsafe(length);
        if (inPiece > 0) piece[at++] = 0x0a;
        for (let k = 0; k < n; k++) {
          if (k > 0) piece[at++] = 0x20;
          const id = tuples[e * n + k]!;
          for (let b = starts[id]!, end = b + wordBytes(id); b < end; b++) piece[at++] = text[b]!;
        }
        inPiece++;
      }
      out.keys(piece.subarray(0, at), inPiece);
      out.counts(table.counts.subarray(0, table.size));
    },
  };
}
