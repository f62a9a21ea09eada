/**
 * A task input (bytes or a file range) as one decoded string, for the tasks
 * that need words in order or sentences rather than the byte scanner's
 * counts. Word rule 1: invalid UTF-8 becomes U+FFFD (and is reported), a BOM
 * at the very start is dropped, binary input is rejected.
 */
import type { TaskInput } from '../../src/protocol.ts';
import { readInput, startsText } from './read-input.ts';
import type { FileInput } from './read-input.ts';
import { rejectBinary } from '../text/binary-input.ts';

export interface DecodedInput {
  text: string;
  bytes: number;
  invalidUtf8: boolean;
}

export function decodeInput(input: TaskInput): DecodedInput {
  let raw: Uint8Array;
  let atStart: boolean;
  if (input.kind === 'bytes') {
    raw = input.bytes;
    atStart = input.atStart;
  } else {
    raw = readPackedText(input);
    atStart = startsText(input);
  }
  if (atStart) rejectBinary(raw, 0, raw.length);
  return { ...decodeUtf8(raw, atStart), bytes: raw.length };
}

/** A file input's whole text in one buffer (plain or packed). */
export function readPackedText(input: FileInput): Buffer {
  // readInput may reuse its block buffer: copy each block out.
  const blocks: Buffer[] = [];
  readInput(input, (buf, s, e) => blocks.push(Buffer.from(buf.subarray(s, e))));
  return Buffer.concat(blocks);
}

/** Strict first (the common case), lenient only when the input has invalid sequences. */
export function decodeUtf8(raw: Uint8Array, atStart: boolean): { text: string; invalidUtf8: boolean } {
  // ignoreBOM: true keeps a U+FEFF that is not at the input's start (it separates words like any Cf).
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: !atStart }).decode(raw), invalidUtf8: false };
  } catch {
    return { text: new TextDecoder('utf-8', { fatal: false, ignoreBOM: !atStart }).decode(raw), invalidUtf8: true };
  }
}
