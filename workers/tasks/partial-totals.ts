import type { PartialCounts } from '../../src/protocol.ts';

export interface PartialTotals {
  totalWords: number;
  bytes: number;
  invalidUtf8: boolean;
}

/** What every chunked task adds up the same way when it merges its chunks. */
export function partialTotals(partials: readonly PartialCounts[]): PartialTotals {
  let totalWords = 0;
  let bytes = 0;
  let invalidUtf8 = false;
  for (const p of partials) {
    totalWords += p.totalWords;
    bytes += p.bytes;
    invalidUtf8 ||= p.invalidUtf8;
  }
  return { totalWords, bytes, invalidUtf8 };
}
