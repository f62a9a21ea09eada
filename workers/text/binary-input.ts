/** Word rule 1: an input whose first 8 KiB hold a NUL byte is binary, not text. */
import { BINARY_SNIFF_BYTES } from '../../src/protocol.ts';

export class BinaryInputError extends Error {
  readonly code = 'E_BINARY_INPUT';
}

export function rejectBinary(buf: Uint8Array, start: number, end: number): void {
  const sniffEnd = Math.min(end, start + BINARY_SNIFF_BYTES);
  if (buf.subarray(start, sniffEnd).includes(0)) {
    throw new BinaryInputError(`input looks binary: NUL byte in the first ${BINARY_SNIFF_BYTES} bytes`);
  }
}
