/**
 * Reads a counts file (counts-layout.ts) piece by piece: the header line
 * alone, or the keys a buffer at a time, each piece cut after its last whole
 * key, with the counts of those keys. A merge then holds one piece of a file
 * at a time, not the whole file (an input of millions of distinct n-grams
 * keeps ~100 MB of them).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { CountsFileError, layoutOffsets, PIECE_BYTES } from './counts-layout.ts';
import type { CountsLayoutHeader } from './counts-layout.ts';
import { CountBytes } from '../text/word-table.ts';

const NEWLINE = 0x0a;

/** The header line as parsed (the caller checks its fields), without reading further. */
export function readCountsHeader<H extends CountsLayoutHeader>(path: string): H {
  const fd = openSync(path, 'r');
  try {
    return headerOf(fd, path).header as H;
  } finally {
    closeSync(fd);
  }
}

/**
 * Hands every key of the file to `visit`, in file order, a piece at a time:
 * `keys` holds `count` whole keys joined by '\n', `counts` their counts.
 * Both are views of buffers reused for the next piece. A key longer than
 * `pieceBytes` comes in a piece of its own.
 */
export function forEachCountsPiece(path: string, visit: (keys: Uint8Array, counts: CountBytes, count: number) => void, pieceBytes = PIECE_BYTES): void {
  const fd = openSync(path, 'r');
  try {
    const { header, headerBytes } = headerOf(fd, path);
    const { keysAt, countsAt } = layoutOffsets(headerBytes, header.keyBytes);
    if (fstatSync(fd).size < countsAt + header.keys * 8) throw new CountsFileError(`${path}: counts file is cut short`);
    // Room for two pieces: after each read, whole pieces are cut from the front, and what is left starts the next read.
    let keys = Buffer.allocUnsafe(2 * Math.max(1, Math.min(pieceBytes, header.keyBytes)));
    let counts = Buffer.allocUnsafe(0);
    let held = 0;
    let keysRead = 0;
    let countsRead = 0;
    // The last piece holds the keys left (the whole file, when it fits in one): no need to count its separators.
    const emit = (start: number, end: number, rest: boolean): void => {
      const piece = keys.subarray(start, end);
      const count = rest ? header.keys - countsRead : newlines(piece) + 1;
      if (countsRead + count > header.keys) throw new CountsFileError(`${path}: holds more keys than its header's ${header.keys}`);
      if (counts.length < count * 8) counts = Buffer.allocUnsafe(count * 8);
      readFully(fd, counts, 0, count * 8, countsAt + countsRead * 8, path);
      visit(piece, new CountBytes(counts.subarray(0, count * 8)), count);
      countsRead += count;
    };
    while (keysRead < header.keyBytes || held > 0) {
      if (held === keys.length) keys = Buffer.concat([keys, Buffer.allocUnsafe(keys.length)]);
      const got = readFully(fd, keys, held, Math.min(keys.length - held, header.keyBytes - keysRead), keysAt + keysRead, path);
      keysRead += got;
      const filled = held + got;
      const last = keysRead === header.keyBytes;
      let start = 0;
      while (start < filled) {
        if (filled - start <= pieceBytes) {
          if (!last) break;
          emit(start, filled, true);
          start = filled;
          break;
        }
        // The last whole key within a piece's bytes; else a key longer than a piece, alone.
        let end = keys.lastIndexOf(NEWLINE, start + pieceBytes);
        if (end < start) end = keys.subarray(0, filled).indexOf(NEWLINE, start + pieceBytes);
        if (end < 0 && !last) break;
        if (end < 0) end = filled;
        emit(start, end, end === filled);
        start = end + 1;
      }
      held = Math.max(0, filled - start);
      keys.copy(keys, 0, filled - held, filled);
    }
    if (countsRead !== header.keys) throw new CountsFileError(`${path}: holds ${countsRead} keys, its header says ${header.keys}`);
  } finally {
    closeSync(fd);
  }
}

/** The header line, parsed, and its length in bytes with its newline. */
function headerOf(fd: number, path: string): { header: CountsLayoutHeader; headerBytes: number } {
  let line = Buffer.allocUnsafe(1 << 12);
  let filled = 0;
  for (;;) {
    const got = readSync(fd, line, filled, line.length - filled, filled);
    const newline = line.indexOf(NEWLINE, filled);
    filled += got;
    if (newline >= 0 && newline < filled) return { header: parseHeader(line.toString('utf8', 0, newline), path), headerBytes: newline + 1 };
    if (got === 0) throw new CountsFileError(`${path}: no header line`);
    // Head and tail words of an n-gram counts file may be long: the header has no fixed size.
    if (filled === line.length) line = Buffer.concat([line, Buffer.allocUnsafe(line.length)]);
  }
}

function parseHeader(text: string, path: string): CountsLayoutHeader {
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch {
    throw new CountsFileError(`${path}: its header line is not JSON`);
  }
  const { keys, keyBytes } = (header ?? {}) as Partial<CountsLayoutHeader>;
  if (!Number.isSafeInteger(keys) || !Number.isSafeInteger(keyBytes) || keys! < 0 || keyBytes! < 0) throw new CountsFileError(`${path}: its header does not say how many keys and key bytes follow`);
  return header as CountsLayoutHeader;
}

/** Reads `length` bytes at `position` into `into` from `at`; fewer (the end of the file) is a file cut short. */
function readFully(fd: number, into: Buffer, at: number, length: number, position: number, path: string): number {
  for (let done = 0; done < length;) {
    const got = readSync(fd, into, at + done, length - done, position + done);
    if (got === 0) throw new CountsFileError(`${path}: counts file is cut short`);
    done += got;
  }
  return length;
}

function newlines(bytes: Uint8Array): number {
  let n = 0;
  for (let k = 0; k < bytes.length; k++) if (bytes[k] === NEWLINE) n++;
  return n;
}
