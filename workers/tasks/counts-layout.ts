/**
 * The on-disk layout word counts files (counts-file.ts) and n-gram counts
 * files (ngram-counts-file.ts) share: a JSON header line, the keys as UTF-8
 * joined by '\n', zero bytes up to a multiple of 8, then the counts as
 * little-endian float64. The header must say `keys` (how many) and
 * `keyBytes`; each kind of file adds its own fields. Large files are read and
 * written in pieces (counts-piece-reader.ts, counts-piece-writer.ts).
 */
import { closeSync, openSync, readFileSync, writevSync } from 'node:fs';
import { endianness } from 'node:os';
import { CountBytes } from '../text/word-table.ts';

export interface CountsLayoutHeader {
  keys: number;
  keyBytes: number;
}

/** Key bytes read or written at a time: a piece costs far more than its calls, and little beside a table worth reading in pieces. */
export const PIECE_BYTES = 1 << 20;

/** A counts file that is not what its header says (cut short, or keys and counts that disagree). */
export class CountsFileError extends Error {
  readonly code = 'E_COUNTS_FILE';
}

/** Where the keys and the counts start, after a header line of `headerBytes` (its newline included). */
export function layoutOffsets(headerBytes: number, keyBytes: number): { keysAt: number; countsAt: number } {
  return { keysAt: headerBytes, countsAt: (headerBytes + keyBytes + 7) & ~7 };
}

// The counts go to disk as the typed array's own bytes where the machine is little-endian (nearly all are).
const LITTLE_ENDIAN = endianness() === 'LE';

export function writeCountsLayout(path: string, header: CountsLayoutHeader, keys: readonly Uint8Array[], counts: ReadonlyArray<Float64Array | CountBytes>): void {
  const head = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  const pad = Buffer.alloc(layoutOffsets(head.length, header.keyBytes).countsAt - head.length - header.keyBytes);
  const fd = openSync(path, 'w');
  try {
    writevSync(fd, [head, ...keys, pad, ...counts.map(littleEndian)]);
  } finally {
    closeSync(fd);
  }
}

/** The header as parsed (the caller checks it), the keys' bytes, and the counts' bytes; undefined counts: cut short. */
export function readCountsLayout(path: string): { header: CountsLayoutHeader; keys: Buffer; counts: CountBytes | undefined } {
  const file = readFileSync(path);
  const newline = file.indexOf(0x0a);
  const header = JSON.parse(file.toString('utf8', 0, newline)) as CountsLayoutHeader;
  const { keysAt, countsAt } = layoutOffsets(newline + 1, header.keyBytes);
  const counts = file.subarray(countsAt, countsAt + header.keys * 8);
  return { header, keys: file.subarray(keysAt, keysAt + header.keyBytes), counts: counts.length === header.keys * 8 ? new CountBytes(counts) : undefined };
}

export function countsLength(counts: Float64Array | CountBytes): number {
  return counts instanceof CountBytes ? counts.bytes.length / 8 : counts.length;
}

export function littleEndian(counts: Float64Array | CountBytes): Uint8Array {
  if (counts instanceof CountBytes) return counts.bytes;
  if (LITTLE_ENDIAN) return new Uint8Array(counts.buffer, counts.byteOffset, counts.byteLength);
  const out = Buffer.alloc(counts.length * 8);
  for (let k = 0; k < counts.length; k++) out.writeDoubleLE(counts[k]!, k * 8);
  return out;
}
