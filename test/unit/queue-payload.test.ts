/**
 * The queue's text limit counts the bytes a job carries exactly, at the boundary, whatever the padding;
 * the worker takes what producers make and refuses the rest as the payload schema does.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '../../src/dispatch/job.ts';
import { InvalidJobError } from '../../src/errors.ts';
import { fromPayload, payloadSchema, toPayload } from '../../src/queue/payload.ts';
import { formatIssues } from '../../src/validation.ts';

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

describe('queue payload check on the worker', () => {
  const plain = { v: 1, id: 'job-1', task: 'wordcount', input: { text: 'a b' }, options: { top: 5, stopwords: 'none' }, source: 'http', name: 'text' };
  const errorOf = (data: unknown): { code?: string; message: string } | undefined => {
    try {
      fromPayload(data, 1024);
      return undefined;
    } catch (error) {
      return { code: (error as { code?: string }).code, message: (error as Error).message };
    }
  };
  afterEach(() => vi.restoreAllMocks());

  it('takes the payloads producers make without the payload schema, with the same job as it would give', () => {
    const schema = vi.spyOn(payloadSchema, 'safeParse');
    expect(fromPayload(plain, 1024)).toEqual({ id: 'job-1', task: 'wordcount', input: { text: 'a b' }, options: { top: 5, stopwords: 'none' }, source: 'http', name: 'text' });
    expect(fromPayload({ ...plain, input: { base64: 'YWI=' } }, 1024).input).toEqual({ bytes: new Uint8Array([0x61, 0x62]) });
    expect(fromPayload({ ...plain, task: 'ngrams', input: { path: '/data/a.txt' }, options: {} }, 1024)).toEqual({
      id: 'job-1', task: 'ngrams', input: { path: '/data/a.txt' }, options: {}, source: 'http', name: 'text',
    });
    expect(fromPayload({ ...plain, options: { stopwords: { words: ['the', 'a'] } } }, 1024).options).toEqual({ stopwords: { words: ['the', 'a'] } });
    expect(schema).not.toHaveBeenCalled();
  });

  // Each refused with the schema's own message, as before the hand check.
  const refused: Array<[string, unknown]> = [
    ['not an object', 'job'],
    ['an unknown field', { ...plain, extra: 1 }],
    ['a missing field', { v: 1, id: 'job-1', task: 'wordcount', input: { text: 'a' }, options: {}, source: 'http' }],
    ['another version', { ...plain, v: 2 }],
    ['a bad id', { ...plain, id: 'a:b' }],
    ['an unknown task', { ...plain, task: 'poems' }],
    ['a text that is not a string', { ...plain, input: { text: 5 } }],
    ['bad base64', { ...plain, input: { base64: 'ab$c' } }],
    ['a relative path', { ...plain, input: { path: 'data/a.txt' } }],
    ['two inputs', { ...plain, input: { text: 'a', path: '/a' } }],
    ['an unknown input', { ...plain, input: { url: 'http://x' } }],
    ['a bad option value', { ...plain, options: { top: -1 } }],
    ['an unknown option', { ...plain, options: { nope: 1 } }],
    ['options that are not an object', { ...plain, options: 'top=5' }],
    ['an empty source', { ...plain, source: '' }],
    ['a name too long', { ...plain, name: 'n'.repeat(201) }],
  ];
  for (const [what, data] of refused) {
    it(`refuses ${what} as E_INVALID_JOB, with the schema's message`, () => {
      const parsed = payloadSchema.safeParse(data);
      expect(parsed.success).toBe(false);
      expect(errorOf(data)).toEqual({ code: 'E_INVALID_JOB', message: new InvalidJobError(formatIssues(parsed.error!, 'queued job')).message });
    });
  }
});
