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

// The counts go to disk as the typed array's own bytes where the machine is little-endian (nearly all are).
const LITTLE_ENDIAN = endianness() === 'LE';

export function writeCountsFile(path: string, partial: PartialCounts, sha256?: string): void {
  const keys = Buffer.from(partial.words, 'utf8');
  const header: CountsFileHeader = {
    version: 1,
    totalWords: partial.totalWords,
    bytes: partial.bytes,
    invalidUtf8: partial.invalidUtf8,
    keys: partial.counts.length,
    keyBytes: keys.length,
    ...(sha256 === undefined ? {} : { sha256 }),
  };
  const head = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
  const pad = Buffer.alloc(((head.length + keys.length + 7) & ~7) - head.length - keys.length);
  const fd = openSync(path, 'w');
  try {
    writevSync(fd, [head, keys, pad, littleEndian(partial.counts)]);
  } finally {
    closeSync(fd);
  }
}

export function readCountsFile(path: string): PartialCounts {
  const file = readFileSync(path);
  const newline = file.indexOf(0x0a);
  const header = JSON.parse(file.toString('utf8', 0, newline)) as CountsFileHeader;
  if (header.version !== 1) throw new Error(`${path}: counts file version ${String(header.version)} is not 1`);
  const keysAt = newline + 1;
  const countsAt = (keysAt + header.keyBytes + 7) & ~7;
  const counts = new Float64Array(header.keys);
  if (LITTLE_ENDIAN) new Uint8Array(counts.buffer).set(file.subarray(countsAt, countsAt + header.keys * 8));
  else for (let k = 0; k < header.keys; k++) counts[k] = file.readDoubleLE(countsAt + k * 8);
  return {
    words: file.toString('utf8', keysAt, keysAt + header.keyBytes),
    counts,
    totalWords: header.totalWords,
    bytes: header.bytes,
    invalidUtf8: header.invalidUtf8,
  };
}

function littleEndian(counts: Float64Array): Uint8Array {
  if (LITTLE_ENDIAN) return new Uint8Array(counts.buffer, counts.byteOffset, counts.byteLength);
  const out = Buffer.alloc(counts.length * 8);
  for (let k = 0; k < counts.length; k++) out.writeDoubleLE(counts[k]!, k * 8);
  return out;
}
