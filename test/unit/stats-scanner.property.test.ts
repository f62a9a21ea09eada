/**
 * The stats task on the byte scanner agrees with the string reference
 * (workers/text/text-stats-reference.ts) on random text, fed in random pieces
 * and counted in random chunks cut where the planner cuts for sentence tasks.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeCutFrom } from '../../src/dispatch/chunk-plan.ts';
import { mergeTextCounts, readTextCounts } from '../../workers/text/sentence-counts.ts';
import { textStats } from '../../workers/text/text-stats-reference.ts';
import { completeSequenceEnd } from '../../workers/text/utf8.ts';
import { WordScanner } from '../../workers/text/word-scanner.ts';
import { WordTable } from '../../workers/text/word-table.ts';
import { runChunked, runTask } from '../helpers/run-task.ts';
import { decodeForReference, sentenceText } from '../helpers/sentence-text.ts';

const reference = (bytes: Uint8Array) => textStats(decodeForReference(bytes), bytes.length);

describe('stats on the scanner', () => {
  it('equals the string reference', () => {
    fc.assert(fc.property(sentenceText, (bytes) => {
      expect(runTask('stats', bytes).stats).toEqual(reference(bytes));
    }), { numRuns: 600 });
  });

  it('counts the same sentences when fed in any pieces (the word carry between feeds)', () => {
    fc.assert(fc.property(sentenceText, fc.array(fc.nat(), { maxLength: 8 }), (bytes, raw) => {
      const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
      const cuts = [...new Set(raw.map((r) => completeSequenceEnd(body, r % (body.length + 1))))].sort((a, b) => a - b);
      const table = new WordTable(16, 64);
      table.wasm.track(0);
      const scanner = new WordScanner(table);
      let at = 0;
      for (const cut of [...cuts, body.length]) {
        scanner.feed(body, at, cut);
        at = cut;
      }
      scanner.finish();
      const counts = mergeTextCounts([readTextCounts(table)]);
      const valid = !scanner.invalidUtf8;
      table.release();
      // The body's BOM is gone already: a U+FEFF left at its start is a character.
      const expected = textStats(new TextDecoder('utf-8', { ignoreBOM: true }).decode(body), body.length);
      expect(counts.sentences).toBe(expected.sentences);
      // With invalid UTF-8 the task takes characters (and so emptiness) from the decoder.
      if (valid) expect(counts).toEqual({ characters: expected.characters, sentences: expected.sentences, lines: expected.lines });
    }), { numRuns: 400 });
  });

  it('gives the one-pass answer from chunks cut mid-sentence', () => {
    fc.assert(fc.property(sentenceText, fc.array(fc.nat(), { maxLength: 6 }), (bytes, raw) => {
      const cuts = [...new Set(raw.map((r) => safeCutFrom(bytes, r % (bytes.length + 1), 'mid-sentence')))]
        .filter((c) => c > 0 && c < bytes.length)
        .sort((a, b) => a - b);
      const pieces = [0, ...cuts].map((start, i) => bytes.subarray(start, cuts[i] ?? bytes.length));
      expect(runChunked('stats', pieces).stats).toEqual(reference(bytes));
    }), { numRuns: 600 });
  });

  it('counts a sentence that spans two chunks once', () => {
    const bytes = Buffer.from('One two, three. Four, five six');
    const cut = bytes.indexOf(',') + 1;
    const pieces = [bytes.subarray(0, cut), bytes.subarray(cut, 22), bytes.subarray(22)];
    expect(runChunked('stats', pieces).stats).toMatchObject({ sentences: 2, words: 6, lines: 1 });
  });
});
