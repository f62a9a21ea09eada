/**
 * Reads a packed file range (a gzip file, a zip member, an HTML file) as its
 * text, piece by piece: compressed blocks are inflated as they are read and
 * handed on at once, so memory holds a block and its inflated text, never the
 * whole file's text. Pieces handed on end on a code point, as read-range.ts's do.
 */
import type { Packing } from '../../src/protocol.ts';
import { rejectBinary } from '../text/binary-input.ts';
import { completeSequenceEnd } from '../text/utf8.ts';
import { DamagedInputError } from './damaged-input.ts';
import { HtmlText } from './html-text.ts';
import { readRange } from './read-range.ts';
import type { TextVisitor } from './read-input.ts';
import { SyncInflater } from './sync-inflater.ts';

/** Compressed bytes per inflate call: DEFLATE expands at most ~1032:1, so one call's text stays under ~17 MB. */
const INFLATE_PIECE = 16 * 1024;

/** Returns the bytes of text read (decompressed; for HTML, the visible text). */
export function readPacked(path: string, start: number, end: number, packing: Packing, visit: TextVisitor): number {
  const text = new TextPieces(visit);
  const html = packing.html ? new HtmlText((piece) => text.push(piece)) : undefined;
  let unpacked = 0;
  const take = (piece: Buffer): void => {
    if (piece.length === 0) return;
    if (unpacked === 0) rejectBinary(piece, 0, piece.length);
    unpacked += piece.length;
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
  if (packing.expectBytes !== undefined && unpacked !== packing.expectBytes) {
    throw new DamagedInputError(`${path}: damaged zip member: ${unpacked} bytes of text where the archive records ${packing.expectBytes}`);
  }
  html?.end();
  return text.end();
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
