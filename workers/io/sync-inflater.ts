/**
 * Decompresses gzip or raw DEFLATE piece by piece, synchronously, with
 * Node's native zlib: the tasks read their input in synchronous blocks
 * (read-range.ts), and node:zlib's own streams answer only asynchronously
 * (its `*Sync` functions take the whole input at once). minizlib drives the
 * same zlib binding synchronously: each `push` returns the text its piece
 * completes. About four times faster than a JavaScript inflater
 * (docs/packed-inputs.md gives the cost).
 */
import { constants } from 'node:zlib';
import { Gunzip, InflateRaw } from 'minizlib';
import { DamagedInputError } from './damaged-input.ts';

export class SyncInflater {
  private readonly stream: Gunzip | InflateRaw;
  private out: Buffer[] = [];
  private failure: Error | undefined;

  constructor(
    private readonly codec: 'gzip' | 'deflate-raw',
    private readonly path: string,
  ) {
    // A sync flush after each piece hands its text on at once, so memory holds one piece's text.
    const options = { flush: constants.Z_SYNC_FLUSH };
    this.stream = codec === 'gzip' ? new Gunzip(options) : new InflateRaw(options);
    this.stream.on('data', (data: Buffer) => this.out.push(data));
    this.stream.on('error', (error: unknown) => {
      this.failure ??= error instanceof Error ? error : new Error(String(error));
    });
  }

  /** The text this piece completes; `last` checks that the compressed stream ends here. */
  push(piece: Uint8Array, last: boolean): Buffer {
    const chunk = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    if (last) this.stream.end(chunk);
    else this.stream.write(chunk);
    if (this.failure) {
      throw new DamagedInputError(`${this.path}: damaged ${this.codec === 'gzip' ? 'gzip file' : 'zip member'}: ${this.failure.message}`);
    }
    const out = this.out.length === 1 ? this.out[0]! : Buffer.concat(this.out);
    this.out = [];
    return out;
  }

  close(): void {
    this.out = [];
    this.stream.close();
  }
}
