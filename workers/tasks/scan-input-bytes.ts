/**
 * Feeds a task's input to a word scanner, as every scanning task reads it:
 * binary input refused at the start of the text, a byte-order mark dropped,
 * a file range (plain or packed) read piece by piece. Returns the bytes read.
 */
import type { Hash } from 'node:crypto';
import type { TaskInput } from '../../src/protocol.ts';
import { readInput } from '../io/read-input.ts';
import { rejectBinary } from '../text/binary-input.ts';
import { hasBom } from '../text/utf8.ts';
import type { WordScanner } from '../text/word-scanner.ts';

/** `hash`, when given, sees every byte read. */
export function feedScanner(input: TaskInput, scanner: WordScanner, hash?: Hash): number {
  const feed = (buf: Uint8Array, start: number, end: number, atStart: boolean): void => {
    hash?.update(buf.subarray(start, end));
    if (atStart) {
      rejectBinary(buf, start, end);
      if (hasBom(buf, start, end)) start += 3;
    }
    scanner.feed(buf, start, end);
  };
  if (input.kind !== 'bytes') return readInput(input, feed);
  feed(input.bytes, 0, input.bytes.length, input.atStart);
  return input.bytes.length;
}
