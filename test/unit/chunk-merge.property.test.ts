/**
 * Word rule 6 (docs/word-rules.md): counting in chunks cut at safe points and merging gives
 * exactly the one-pass result, whatever the text and wherever the cuts fall.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planByteChunks, safeCutFrom } from '../../src/dispatch/chunk-plan.ts';
import { finalStats, mergePartials, scanInput, toPartial } from '../../workers/tasks/wordcount.ts';
import type { WordStats } from '../../src/protocol.ts';

const OPTIONS = { top: 1000, stopwords: 'none' } as const;

// Pieces that exercise every rule near a cut: apostrophes, multi-byte letters, marks, invalid bytes.
const piece = fc.constantFrom(
  'a', 'B', 'z', '7', ' ', '\n', '-', '_', '.', "'", '’', 'é', 'É', 'e\u0301', 'ß', 'Σ', 'я', 'Ж', '我', '𐐀',
  '\u0308', '👍', '\u00a0', '\ufeff', '\u2019s', "n't", '\uff41',
);
const bytePiece = fc.oneof(
  { weight: 20, arbitrary: piece.map((s) => Buffer.from(s, 'utf8')) },
  { weight: 1, arbitrary: fc.constantFrom(Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xe2, 0x80]), Buffer.from([0x80])) },
);
const textBytes = fc.array(bytePiece, { maxLength: 400 }).map((parts) => Buffer.concat(parts));

function onePass(bytes: Uint8Array): WordStats {
  return finalStats(scanInput({ kind: 'bytes', bytes, atStart: true }), OPTIONS);
}

function chunked(bytes: Uint8Array, cuts: number[]): WordStats {
  const edges = [0, ...cuts, bytes.length];
  const partials = [];
  for (let i = 0; i + 1 < edges.length; i++) {
    const chunk = bytes.slice(edges[i], edges[i + 1]);
    partials.push(toPartial(scanInput({ kind: 'bytes', bytes: chunk, atStart: edges[i] === 0 })));
  }
  return finalStats(mergePartials(partials), OPTIONS);
}

describe('chunk and merge', () => {
  it('equals the one-pass result for random text and random cut points', () => {
    fc.assert(
      fc.property(textBytes, fc.array(fc.nat(), { maxLength: 8 }), (bytes, raw) => {
        const cuts = [...new Set(raw.map((r) => safeCutFrom(bytes, r % (bytes.length + 1))))]
          .filter((c) => c > 0 && c < bytes.length)
          .sort((a, b) => a - b);
        expect(chunked(bytes, cuts)).toEqual(onePass(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('equals the one-pass result with the planner choosing the cuts', () => {
    fc.assert(
      fc.property(textBytes, fc.integer({ min: 1, max: 64 }), (bytes, chunkSize) => {
        const ranges = planByteChunks(bytes, chunkSize);
        expect(ranges[0]?.start).toBe(0);
        expect(ranges.at(-1)?.end).toBe(bytes.length);
        for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.start).toBe(ranges[i - 1]!.end);
        expect(chunked(bytes, ranges.slice(1).map((r) => r.start))).toEqual(onePass(bytes));
      }),
      { numRuns: 200 },
    );
  });

  it('never cuts inside a word: a word-only input stays one chunk', () => {
    const bytes = Buffer.from('a'.repeat(1000) + "'b" + 'é'.repeat(100));
    expect(planByteChunks(bytes, 10)).toEqual([{ start: 0, end: bytes.length }]);
  });
});
