/**
 * Decompresses gzip or raw DEFLATE piece by piece, synchronously: the tasks
 * read their input in synchronous blocks (read-range.ts), and node:zlib has no
 * public synchronous streaming call (its `*Sync` functions take the whole
 * input at once). fflate's streaming inflaters are synchronous; they are
 * slower than native zlib (docs/packed-inputs.md gives the cost).
 */
import { Gunzip, Inflate } from 'fflate';
import { DamagedInputError } from './damaged-input.ts';

export class SyncInflater {
  private readonly stream: Gunzip | Inflate;
  private out: Uint8Array[] = [];

  constructor(
    private readonly codec: 'gzip' | 'deflate-raw',
    private readonly path: string,
  ) {
    const take = (data: Uint8Array): void => {
      this.out.push(data);
    };
    this.stream = codec === 'gzip' ? new Gunzip(take) : new Inflate(take);
  }

  /** The text this piece completes; `last` checks that the compressed stream ends here. */
  push(piece: Uint8Array, last: boolean): Buffer {
    try {
      this.stream.push(piece, last);
    } catch (error) {
      throw new DamagedInputError(`${this.path}: damaged ${this.codec === 'gzip' ? 'gzip file' : 'zip member'}: ${(error as Error).message}`);
    }
    const out = this.out.length === 1 ? Buffer.from(this.out[0]!.buffer, this.out[0]!.byteOffset, this.out[0]!.length) : Buffer.concat(this.out);
    this.out = [];
    return out;
  }

  close(): void {
    this.out = [];
  }
}
