/**
 * The SHA-256 a counts file records, when the count keeps one: only when
 * this read sees the whole file's own bytes (not a chunk, not the text of a
 * packed file), so a later run can recognise the unchanged content by it.
 */
import { createHash } from 'node:crypto';
import type { Hash } from 'node:crypto';
import type { CountRequest } from '../../src/protocol.ts';

export function wholeFileHash(request: CountRequest): Hash | undefined {
  const input = request.input;
  return request.keepCounts !== undefined && input.kind === 'file' && input.start === 0 && input.packing === undefined ? createHash('sha256') : undefined;
}
