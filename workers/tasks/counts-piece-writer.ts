/**
 * Writes a counts file (counts-layout.ts) piece by piece: the header first,
 * as it must say how many keys and key bytes follow, then keys and counts in
 * pieces as the caller makes them, each at its own place in the file. A
 * table of millions of distinct n-grams goes to disk through one small
 * buffer instead of as one copy of all its keys.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { CountsFileError, countsLength, layoutOffsets, littleEndian } from './counts-layout.ts';
import type { CountsLayoutHeader } from './counts-layout.ts';
import type { CountBytes } from '../text/word-table.ts';

const NEWLINE = Buffer.from('\n');

export class CountsPieceWriter {
  private readonly fd: number;
  private readonly keysEnd: number;
  private keysAt: number;
  private countsAt: number;
  private keysWritten = 0;
  private countsWritten = 0;

  /** Creates (or empties) the file and writes the header line. */
  constructor(private readonly path: string, private readonly header: CountsLayoutHeader) {
    const head = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
    const at = layoutOffsets(head.length, header.keyBytes);
    this.keysAt = at.keysAt;
    this.keysEnd = at.keysAt + header.keyBytes;
    this.countsAt = at.countsAt;
    this.fd = openSync(path, 'w');
    try {
      this.write(head, 0);
    } catch (error) {
      closeSync(this.fd);
      throw error;
    }
  }

  /** Keys joined by '\n'; pieces are joined the same way. Written at once: `piece` may be reused after the call. */
  keys(piece: Uint8Array, keys: number): void {
    if (keys === 0) return;
    if (this.keysWritten > 0) this.keysAt = this.write(NEWLINE, this.keysAt);
    this.keysAt = this.write(piece, this.keysAt);
    this.keysWritten += keys;
  }

  /** The next counts, in the order of the keys. */
  counts(counts: Float64Array | CountBytes): void {
    this.countsAt = this.write(littleEndian(counts), this.countsAt);
    this.countsWritten += countsLength(counts);
  }

  /** Pads the keys, checks that the pieces made what the header said, and closes the file. */
  close(): void {
    try {
      if (this.keysAt !== this.keysEnd || this.keysWritten !== this.header.keys || this.countsWritten !== this.header.keys) {
        const keyBytes = this.keysAt - (this.keysEnd - this.header.keyBytes);
        throw new CountsFileError(`${this.path}: written ${this.keysWritten} keys in ${keyBytes} bytes and ${this.countsWritten} counts, where the header says ${this.header.keys} keys in ${this.header.keyBytes} bytes`);
      }
      const pad = layoutOffsets(this.keysEnd, 0).countsAt - this.keysEnd;
      if (pad > 0) this.write(Buffer.alloc(pad), this.keysEnd);
    } finally {
      closeSync(this.fd);
    }
  }

  /** Stops without checking (the caller failed): the file is left as it is, and closed. */
  abandon(): void {
    closeSync(this.fd);
  }

  private write(bytes: Uint8Array, position: number): number {
    for (let done = 0; done < bytes.length;) done += writeSync(this.fd, bytes, done, bytes.length - done, position + done);
    return position + bytes.length;
  }
}

/** Writes a counts file through `fill`, which hands the writer every key and count; the file is closed whatever happens. */
export function writeCountsPieces(path: string, header: CountsLayoutHeader, fill: (out: CountsPieceWriter) => void): void {
  const out = new CountsPieceWriter(path, header);
  try {
    fill(out);
  } catch (error) {
    out.abandon();
    throw error;
  }
  out.close();
}
