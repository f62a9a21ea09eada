/**
 * Cuts bytes that arrive piece by piece (an upload) into chunks of about
 * `chunkSize` that threads can count independently, by the same cut rules
 * as a file's ranges (chunk-plan.ts): a chunk ends right after a safe byte,
 * so no word, UTF-8 sequence or undecided sentence end spans two chunks,
 * and the bytes after the last safe byte are carried into the next chunk.
 *
 * The incoming pieces are copied once, into buffers from `allocate` (they are
 * views into memory the socket reuses); each chunk is a view of one of those
 * buffers from its start, and the buffer is not written again by the chunker.
 */
import type { CutRule } from '../tasks/descriptor.ts';
import { isCutAfter, isMidSentenceCutAfter } from './chunk-plan.ts';

const CUT_AFTER: Readonly<Record<CutRule, (byte: number) => boolean>> = { 'between-words': isCutAfter, 'mid-sentence': isMidSentenceCutAfter };

export class StreamChunker {
  private buffer: Uint8Array;
  private filled = 0;
  private readonly cutAfter: (byte: number) => boolean;

  /** `allocate`: a buffer of at least `size` bytes that nothing else writes (stream-job.ts reuses its chunks' buffers). */
  constructor(
    private readonly chunkSize: number,
    rule: CutRule = 'between-words',
    private readonly allocate: (size: number) => Uint8Array = (size) => Buffer.allocUnsafeSlow(size),
  ) {
    this.cutAfter = CUT_AFTER[rule];
    this.buffer = allocate(chunkSize);
  }

  /** Bytes taken in and not yet handed out. */
  get pending(): number {
    return this.filled;
  }

  /** Takes `piece` in; returns the chunks it completed, in order. */
  push(piece: Uint8Array): Uint8Array[] {
    const done: Uint8Array[] = [];
    for (let at = 0; at < piece.length; ) {
      const n = Math.min(piece.length - at, this.buffer.length - this.filled);
      this.buffer.set(piece.subarray(at, at + n), this.filled);
      this.filled += n;
      at += n;
      if (this.filled === this.buffer.length) {
        const chunk = this.cut();
        if (chunk !== undefined) done.push(chunk);
      }
    }
    return done;
  }

  /** The rest, after the last piece (undefined when nothing is left). */
  end(): Uint8Array | undefined {
    if (this.filled === 0) return undefined;
    const rest = this.buffer.subarray(0, this.filled);
    this.buffer = new Uint8Array(0);
    this.filled = 0;
    return rest;
  }

  /**
   * Hands out the full buffer up to its last safe cut and starts the next one with the bytes after
   * it. A buffer with no safe byte at all (text without any ASCII separator the rule allows, as
   * `stats` on Chinese text) grows instead: the text is held until a cut appears, or the end.
   */
  private cut(): Uint8Array | undefined {
    const full = this.buffer;
    let cut = this.filled;
    while (cut > 0 && !this.cutAfter(full[cut - 1]!)) cut--;
    if (cut === 0) {
      this.buffer = this.allocate(full.length * 2);
      this.buffer.set(full);
      return undefined;
    }
    const carried = this.filled - cut;
    this.buffer = this.allocate(Math.max(this.chunkSize, carried * 2));
    this.buffer.set(full.subarray(cut, this.filled));
    this.filled = carried;
    return full.subarray(0, cut);
  }
}
