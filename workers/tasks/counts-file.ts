/**
 * wordcount's counts files (format: `CountsFileHeader` in src/protocol.ts):
 * a file's raw keys and counts on disk, so a corpus result can be added up
 * later, by any thread, without counting the file again. Written to a
 * temporary name and renamed, so a reader never sees half a file.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { CountsFileHeader, PartialCounts } from '../../src/protocol.ts';

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
  const countsAt = (head.length + keys.length + 7) & ~7;
  const file = Buffer.alloc(countsAt + partial.counts.length * 8);
  head.copy(file, 0);
  keys.copy(file, head.length);
  for (let k = 0; k < partial.counts.length; k++) file.writeDoubleLE(partial.counts[k]!, countsAt + k * 8);
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, file);
  renameSync(temporary, path);
}

export function readCountsFile(path: string): PartialCounts {
  const file = readFileSync(path);
  const newline = file.indexOf(0x0a);
  const header = JSON.parse(file.toString('utf8', 0, newline)) as CountsFileHeader;
  if (header.version !== 1) throw new Error(`${path}: counts file version ${String(header.version)} is not 1`);
  const keysAt = newline + 1;
  const countsAt = (keysAt + header.keyBytes + 7) & ~7;
  const counts = new Float64Array(header.keys);
  for (let k = 0; k < header.keys; k++) counts[k] = file.readDoubleLE(countsAt + k * 8);
  return {
    words: file.toString('utf8', keysAt, keysAt + header.keyBytes),
    counts,
    totalWords: header.totalWords,
    bytes: header.bytes,
    invalidUtf8: header.invalidUtf8,
  };
}
