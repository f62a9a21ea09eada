/**
 * The sentiment task on the byte scanner agrees with the string reference
 * (workers/text/sentiment-reference.ts) on random text, in one range and in
 * random chunks cut where the planner cuts for sentence tasks (sentences and
 * negations that span a cut included).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeCutFrom } from '../../src/dispatch/chunk-plan.ts';
import type { SentimentOptions } from '../../src/protocol.ts';
import { sentimentOf } from '../../workers/text/sentiment-reference.ts';
import { runChunked, runTask } from '../helpers/run-task.ts';
import { decodeForReference, sentenceText } from '../helpers/sentence-text.ts';

function reference(bytes: Uint8Array, sentences: number) {
  const options: SentimentOptions = { language: 'en', sentences };
  const { totalWords, ...sentiment } = sentimentOf(decodeForReference(bytes), options);
  return { totalWords, sentiment };
}

const sentencesToShow = fc.integer({ min: 0, max: 4 });

describe('sentiment on the scanner', () => {
  it('equals the string reference', () => {
    fc.assert(fc.property(sentenceText, sentencesToShow, (bytes, sentences) => {
      const { totalWords, sentiment } = runTask('sentiment', bytes, { sentences });
      expect({ totalWords, sentiment }).toEqual(reference(bytes, sentences));
    }), { numRuns: 500 });
  });

  it('gives the one-pass answer from chunks cut mid-sentence', () => {
    fc.assert(fc.property(sentenceText, fc.array(fc.nat(), { maxLength: 6 }), sentencesToShow, (bytes, raw, sentences) => {
      const cuts = [...new Set(raw.map((r) => safeCutFrom(bytes, r % (bytes.length + 1), 'mid-sentence')))]
        .filter((c) => c > 0 && c < bytes.length)
        .sort((a, b) => a - b);
      const pieces = [0, ...cuts].map((start, i) => bytes.subarray(start, cuts[i] ?? bytes.length));
      const { totalWords, sentiment } = runChunked('sentiment', pieces, { sentences });
      expect({ totalWords, sentiment }).toEqual(reference(bytes, sentences));
    }), { numRuns: 500 });
  });

  it('carries a negation across a cut and shows a long sentence cut to 500 units', () => {
    const long = `Not, ${'good, '.repeat(150)}end.  Happy day.`;
    const bytes = Buffer.from(long);
    const cuts = [5, 300, 700].map((c) => safeCutFrom(bytes, c, 'mid-sentence'));
    const pieces = [0, ...cuts].map((start, i) => bytes.subarray(start, cuts[i] ?? bytes.length));
    const chunked = runChunked('sentiment', pieces, { sentences: 1 });
    expect(chunked.sentiment.mostNegative[0]).toMatchObject({ index: 0, score: -450 });
    expect(chunked.sentiment.mostNegative[0]!.text).toHaveLength(500);
    expect(chunked).toMatchObject(reference(bytes, 1));
  });
});
