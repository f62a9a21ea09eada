/** The queue's text limit counts the bytes a job carries exactly, at the boundary, whatever the padding. */
import { describe, expect, it } from 'vitest';
import type { Job } from '../../src/dispatch/job.ts';
import { fromPayload, toPayload } from '../../src/queue/payload.ts';

const job = (input: Job['input']): Job => ({
  id: 'p1', task: 'wordcount', input, options: { top: 5, stopwords: 'none' }, source: 'http', name: 'text',
});

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('queue payload size check', () => {
  // 10, 11 and 12 bytes: base64 with two, one and no '=' of padding.
  for (const limit of [10, 11, 12]) {
    it(`raw bytes: ${limit} bytes pass a ${limit}-byte limit, ${limit + 1} do not (both sides)`, () => {
      const atLimit = toPayload(job({ bytes: new Uint8Array(limit).fill(0x61) }), limit);
      expect(fromPayload(atLimit, limit).input).toEqual({ bytes: new Uint8Array(limit).fill(0x61) });
      expect(codeOf(() => toPayload(job({ bytes: new Uint8Array(limit + 1).fill(0x61) }), limit))).toBe('E_PAYLOAD_TOO_LARGE');
      // A payload written straight into Redis meets the same exact count on the worker.
      expect(codeOf(() => fromPayload(atLimit, limit - 1))).toBe('E_PAYLOAD_TOO_LARGE');
    });
  }

  it('text counts UTF-8 bytes, not characters', () => {
    const text = 'é€𐐨'; // 2 + 3 + 4 bytes
    expect(() => toPayload(job({ text }), 9)).not.toThrow();
    expect(codeOf(() => toPayload(job({ text }), 8))).toBe('E_PAYLOAD_TOO_LARGE');
  });

  it('the message gives the exact byte count', () => {
    expect(() => toPayload(job({ bytes: new Uint8Array(4) }), 3)).toThrow('the text has 4 bytes; jobs sent through the queue carry at most 3');
  });
});
