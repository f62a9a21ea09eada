/**
 * Reads a packed file range (a gzip file, a zip member, an HTML file) as its
 * text, piece by piece: compressed blocks are inflated as they are read and
 * handed on at once, so memory holds a block and its inflated text, never the
 * whole file's text. Pieces handed on end on a code point, as read-range.ts's do.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import type { Packing } from '../../src/protocol.ts';
import { rejectBinary } from '../text/binary-input.ts';
import { completeSequenceEnd } from '../text/utf8.ts';
import { DamagedInputError } from './damaged-input.ts';
import { HtmlText } from './html-text.ts';
import { readRange } from './read-range.ts';
import { SyncInflater } from './sync-inflater.ts';

/** `atStart`: this block begins the text (word rule 1: binary check, BOM). */
export type TextVisitor = (buf: Uint8Array, start: number, end: number, atStart: boolean) => void;

/** Compressed bytes per inflate call: DEFLATE expands at most ~1032:1, so one call's text stays under ~17 MB. */
const INFLATE_PIECE = 16 * 1024;

/** Returns the bytes of text read (decompressed; for HTML, the visible text). */
export function readPacked(path: string, start: number, end: number, packing: Packing, visit: TextVisitor): number {
  const text = new TextPieces(visit);
  const html = packing.html ? new HtmlText((piece) => text.push(piece)) : undefined;
  let unpacked = 0;
  let crc = 0;
  const take = (piece: Buffer): void => {
    if (piece.length === 0) return;
    if (unpacked === 0) rejectBinary(piece, 0, piece.length);
    unpacked += piece.length;
    crc = crc32(piece, crc);
    if (html) html.write(piece);
    else text.push(piece);
  };
  const inflater = packing.codec === 'stored' ? undefined : new SyncInflater(packing.codec, path);
  try {
    let pos = start;
    readRange(path, start, end, (buf, s, e) => {
      for (let at = s; at < e; at += INFLATE_PIECE) {
        const piece = buf.subarray(at, Math.min(e, at + INFLATE_PIECE));
        pos += piece.length;
        take(inflater ? inflater.push(piece, pos >= end) : piece);
      }
    });
    // A file shorter than its range (cut while being read, or a zip entry past the end) is truncated.
    if (inflater && pos < end) inflater.push(Buffer.alloc(0), true);
    if (inflater && start === end) inflater.push(Buffer.alloc(0), true);
  } finally {
    inflater?.close();
  }
  // The inflater stops quietly where a cut file ends: the recorded size and CRC-32 tell a cut or corrupt stream.
  const expected = packing.codec === 'gzip' ? gzipTrailer(path, end) : packing;
  if (expected.expectBytes !== undefined && unpacked % 2 ** 32 !== expected.expectBytes % 2 ** 32) {
    throw new DamagedInputError(`${path}: damaged ${what(packing)}: ${unpacked} bytes of text where it records ${expected.expectBytes}`);
  }
  if (expected.expectCrc32 !== undefined && crc !== expected.expectCrc32) throw new DamagedInputError(`${path}: damaged ${what(packing)}: CRC-32 mismatch`);
  html?.end();
  return text.end();
}

function what(packing: Packing): string {
  return packing.codec === 'gzip' ? 'gzip file' : 'zip member';
}

/** A gzip file ends with the CRC-32 and the size (mod 2^32) of its text. */
function gzipTrailer(path: string, end: number): Pick<Packing, 'expectBytes' | 'expectCrc32'> {
  if (end < 18) throw new DamagedInputError(`${path}: damaged gzip file: too short`);
  const trailer = Buffer.alloc(8);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, trailer, 0, 8, end - 8);
  } finally {
    closeSync(fd);
  }
  return { expectCrc32: trailer.readUInt32LE(0), expectBytes: trailer.readUInt32LE(4) };
}

/** Hands on pieces that end on a code point, keeping a cut sequence's first bytes for the next piece. */
class TextPieces {
  private tail: Buffer | undefined;
  private first = true;
  private bytes = 0;

  constructor(private readonly visit: TextVisitor) {}

  push(piece: Buffer): void {
    const joined = this.tail ? Buffer.concat([this.tail, piece]) : piece;
    const usable = completeSequenceEnd(joined, joined.length);
    this.tail = usable < joined.length ? Buffer.from(joined.subarray(usable)) : undefined;
    if (usable > 0) this.hand(joined, 0, usable);
  }

  end(): number {
    if (this.tail) this.hand(this.tail, 0, this.tail.length);
    this.tail = undefined;
    return this.bytes;
  }

  private hand(buf: Buffer, start: number, end: number): void {
    this.visit(buf, start, end, this.first);
    this.first = false;
    this.bytes += end - start;
  }
}
