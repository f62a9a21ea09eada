/**
 * Reads `[start, end)` of a file in fixed blocks with one reused buffer, so a
 * worker's memory does not grow with the range. Blocks never end inside a
 * UTF-8 sequence (the tail is read again with the next block) except the last.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { completeSequenceEnd } from '../text/utf8.ts';

const BLOCK_BYTES = 1 << 20;
let block: Buffer | undefined;

export type BlockVisitor = (buf: Buffer, start: number, end: number, firstBlock: boolean) => void;

/** Returns the number of bytes read (less than asked if the file is shorter). */
export function readRange(path: string, start: number, end: number, visit: BlockVisitor): number {
  block ??= Buffer.allocUnsafe(BLOCK_BYTES);
  const fd = openSync(path, 'r');
  try {
    let pos = start;
    let first = true;
    while (pos < end) {
      const want = Math.min(BLOCK_BYTES, end - pos);
      const got = readSync(fd, block, 0, want, pos);
      if (got === 0) break;
      const last = pos + got >= end || got < want;
      // A code point cut by the block edge is read again at the start of the next block.
      const usable = last ? got : completeSequenceEnd(block, got) || got;
      visit(block, 0, usable, first);
      first = false;
      pos += usable;
      if (got < want) break;
    }
    return pos - start;
  } finally {
    closeSync(fd);
  }
}
