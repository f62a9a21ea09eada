/**
 * A task's file input as text blocks: a plain byte range through
 * read-range.ts, a packed one (gzip, zip member, HTML) through read-packed.ts.
 */
import type { TaskInput } from '../../src/protocol.ts';
import { readPacked } from './read-packed.ts';
import type { TextVisitor } from './read-packed.ts';
import { readRange } from './read-range.ts';

export type FileInput = Extract<TaskInput, { kind: 'file' }>;

export type { TextVisitor } from './read-packed.ts';

/** Returns the number of bytes of text read. */
export function readInput(input: FileInput, visit: TextVisitor): number {
  if (input.packing !== undefined) return readPacked(input.path, input.start, input.end, input.packing, visit);
  return readRange(input.path, input.start, input.end, (buf, s, e, first) => visit(buf, s, e, first && input.start === 0));
}

/** Whether the input's first block begins its text. */
export function startsText(input: TaskInput): boolean {
  return input.kind === 'bytes' ? input.atStart : input.start === 0 || input.packing !== undefined;
}
