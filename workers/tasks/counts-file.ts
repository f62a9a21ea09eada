/**
 * wordcount's counts files (format: `CountsFileHeader` in src/protocol.ts):
 * a file's raw keys and counts on disk, so a corpus result can be added up
 * later, by any thread, without counting the file again. Written in place,
 * without a temporary name: each has a new name, and the run's index refers
 * to it only after the job that wrote it has finished.
 */
import { countsLength, readCountsLayout, writeCountsLayout } from './counts-layout.ts';
import type { CountsFileHeader, PartialCounts } from '../../src/protocol.ts';
import { countsOf, type CountBytes } from '../text/word-table.ts';

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
  writeCountsLayout(path, header, keys, partial.counts);
}

export function readCountsFile(path: string): PartialCounts {
  const file = readCountsFileBytes(path);
  return { words: file.keys.toString('utf8'), counts: countsOf(file.counts), totalWords: file.totalWords, bytes: file.bytes, invalidUtf8: file.invalidUtf8 };
}

export function readCountsFileBytes(path: string): CountsFileBytes {
  const file = readCountsLayout(path);
  const header = file.header as CountsFileHeader;
  if (header.version !== 1) throw new Error(`${path}: counts file version ${String(header.version)} is not 1`);
  if (file.counts === undefined) throw new Error(`${path}: counts file is cut short`);
  return {
    keys: file.keys,
    counts: file.counts,
    finalWords: header.finalWords === true,
    totalWords: header.totalWords,
    bytes: header.bytes,
    invalidUtf8: header.invalidUtf8,
  };
}
