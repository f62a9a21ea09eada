/**
 * wordcount's counts files (format: `CountsFileHeader` in src/protocol.ts):
 * a file's raw keys and counts on disk, so a corpus result can be added up
 * later, by any thread, without counting the file again. Written in place,
 * without a temporary name: each has a new name, and the run's index refers
 * to it only after the job that wrote it has finished.
 */
import { closeSync, openSync, readFileSync, writevSync } from 'node:fs';
import { endianness } from 'node:os';
import type { CountsFileHeader, PartialCounts } from '../../src/protocol.ts';
import { CountBytes } from '../text/word-table.ts';

// The counts go to disk as the typed array's own bytes where the machine is little-endian (nearly all are).
const LITTLE_ENDIAN = endianness() === 'LE';

/**
 * A counts file's content: the keys as UTF-8 bytes, not a string, in parts
 * (each part's keys joined by '\n'; the parts are joined the same way), and
 * the counts in as many parts, as numbers or as their little-endian float64
 * bytes (as the word table hands them out, possibly views of its memory).
 */
export interface KeptCounts {
  keys: readonly Uint8Array[];
  counts: ReadonlyArray<Float64Array | CountBytes>;
  /** The keys are final words (`CountsFileHeader.finalWords`). */
  finalWords: boolean;
  totalWords: number;
  bytes: number;
  invalidUtf8: boolean;
}

/**
 * A counts file as read for a merge: keys and counts still as the file's
 * bytes, copied straight into a word table (WebAssembly memory is
 * little-endian on every machine, as the file is).
 */
export interface CountsFileBytes {
  keys: Buffer;
  counts: CountBytes;
  finalWords: boolean;
  totalWords: number;
  bytes: number;
  invalidUtf8: boolean;
}

const NEWLINE = Buffer.from('\n');

export function writeCountsFile(path: string, partial: KeptCounts, sha256?: string): void {
  const keys: Uint8Array[] = [];
  for (const part of partial.keys) {
    if (part.length === 0) continue;
    if (keys.length > 0) keys.push(NEWLINE);
    keys.push(part);
  }
  const keyBytes = keys.reduce((n, part) => n + part.length, 0);
  const header: CountsFileHeader = {
    version: 1,
    totalWords: partial.totalWords,
    bytes: partial.bytes,
    invalidUtf8: partial.invalidUtf8,
    keys: partial.counts.reduce((n, part) => n + countsLength(part), 0),
    keyBytes,
    ...(sha256 === undefined ? {} : { sha256 }),
    ...(partial.finalWords ? { finalWords: true as const } : {}),
  };
  const head = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  const pad = Buffer.alloc(((head.length + keyBytes + 7) & ~7) - head.length - keyBytes);
  const fd = openSync(path, 'w');
  try {
    writevSync(fd, [head, ...keys, pad, ...partial.counts.map(littleEndian)]);
  } finally {
    closeSync(fd);
  }
}

export function readCountsFile(path: string): PartialCounts {
  const file = readCountsFileBytes(path);
  const bytes = file.counts.bytes;
  const counts = new Float64Array(bytes.length / 8);
  if (LITTLE_ENDIAN) new Uint8Array(counts.buffer).set(bytes);
  else for (let k = 0; k < counts.length; k++) counts[k] = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).readDoubleLE(k * 8);
  return { words: file.keys.toString('utf8'), counts, totalWords: file.totalWords, bytes: file.bytes, invalidUtf8: file.invalidUtf8 };
}

export function readCountsFileBytes(path: string): CountsFileBytes {
  const file = readFileSync(path);
  const newline = file.indexOf(0x0a);
  const header = JSON.parse(file.toString('utf8', 0, newline)) as CountsFileHeader;
  if (header.version !== 1) throw new Error(`${path}: counts file version ${String(header.version)} is not 1`);
  const keysAt = newline + 1;
  const countsAt = (keysAt + header.keyBytes + 7) & ~7;
  const counts = file.subarray(countsAt, countsAt + header.keys * 8);
  if (counts.length !== header.keys * 8) throw new Error(`${path}: counts file is cut short`);
  return {
    keys: file.subarray(keysAt, keysAt + header.keyBytes),
    counts: new CountBytes(counts),
    finalWords: header.finalWords === true,
    totalWords: header.totalWords,
    bytes: header.bytes,
    invalidUtf8: header.invalidUtf8,
  };
}

function countsLength(counts: Float64Array | CountBytes): number {
  return counts instanceof CountBytes ? counts.bytes.length / 8 : counts.length;
}

function littleEndian(counts: Float64Array | CountBytes): Uint8Array {
  if (counts instanceof CountBytes) return counts.bytes;
  if (LITTLE_ENDIAN) return new Uint8Array(counts.buffer, counts.byteOffset, counts.byteLength);
  const out = Buffer.alloc(counts.length * 8);
  for (let k = 0; k < counts.length; k++) out.writeDoubleLE(counts[k]!, k * 8);
  return out;
}
