/** normalizeJob: plain jobs taken as they are give what the schema gives; the rest is refused as before. */
import { describe, expect, it } from 'vitest';
import { normalizeJob } from '../../../src/dispatch/job.ts';
import type { JobInput } from '../../../src/dispatch/job.ts';
import type { TaskOptionBag } from '../../../src/protocol.ts';

const defaults = { task: 'wordcount' as const, options: { top: 10, stopwords: 'en' } as TaskOptionBag };

describe('normalizeJob', () => {
  it('takes a plain text or bytes job with the fields the inputs set', () => {
    const bytes = new Uint8Array([0x61]);
    expect(normalizeJob({ id: 'a-1', input: { bytes }, options: {}, source: 'http', name: 'http' }, defaults)).toEqual({
      id: 'a-1', task: 'wordcount', input: { bytes }, options: { top: 10, stopwords: 'en' }, source: 'http', name: 'http',
    });
    expect(normalizeJob({ id: 'b', task: 'wordcount', input: { text: 'x y' }, options: { top: 2 }, source: 'mqtt:wordmill/jobs', name: 'mqtt' }, defaults)).toEqual({
      id: 'b', task: 'wordcount', input: { text: 'x y' }, options: { top: 2, stopwords: 'en' }, source: 'mqtt:wordmill/jobs', name: 'mqtt',
    });
  });

  it('takes the file and corpus-merge jobs of `process` as the schema would', () => {
    const file = { input: { path: '/in/a.txt' }, source: 'a.txt', counts: { keep: '/out/.index/counts/1.counts' } };
    expect(normalizeJob(file, defaults)).toMatchObject({ task: 'wordcount', input: { path: '/in/a.txt' }, source: 'a.txt', name: 'a', counts: { keep: '/out/.index/counts/1.counts' } });
    const member = normalizeJob({ input: { path: '/in/b.zip', member: 'x/c.txt' }, source: 'b.zip:x/c.txt' }, defaults);
    expect(member).toMatchObject({ input: { path: '/in/b.zip', member: 'x/c.txt' }, source: 'b.zip:x/c.txt' });
    const merge = { task: 'wordcount', options: { top: 5 }, input: { text: '' }, source: 'corpus', name: 'corpus', counts: { add: ['/c/1', '/c/2'], keep: '/c/s', letters: true as const } };
    expect(normalizeJob(merge, defaults)).toMatchObject({ options: { top: 5, stopwords: 'en' }, counts: { add: ['/c/1', '/c/2'], keep: '/c/s', letters: true } });
  });

  it('validates a task\'s default options once and shares them, frozen, between jobs that give none', () => {
    const first = normalizeJob({ input: { text: 'a' } }, defaults);
    const second = normalizeJob({ input: { text: 'b' }, options: {} }, defaults);
    expect(second.options).toBe(first.options);
    expect(Object.isFrozen(first.options)).toBe(true);
    // Other defaults (another engine) get their own.
    expect(normalizeJob({ input: { text: 'c' } }, { ...defaults, options: { top: 3 } as TaskOptionBag }).options).toEqual({ top: 3, stopwords: 'en' });
  });

  it('refuses what the schema refuses, with the same messages', () => {
    const refusal = (job: unknown): string => {
      try {
        normalizeJob(job as JobInput, defaults);
      } catch (error) {
        return `${(error as { code: string }).code}: ${(error as Error).message}`;
      }
      return 'accepted';
    };
    expect(refusal({ id: 'no spaces', input: { text: 'a' } })).toBe('E_INVALID_JOB: job "id": use 1-128 letters, digits, ".", "_" or "-"');
    expect(refusal({ input: { text: 'a' }, name: '' })).toMatch(/^E_INVALID_JOB: job "name": /);
    expect(refusal({ input: { text: 'a' }, source: 'x'.repeat(1025) })).toMatch(/^E_INVALID_JOB: job "source": /);
    expect(refusal({ input: { text: 'a' }, colour: 'red' })).toMatch(/^E_INVALID_JOB: job: .*colour/);
    expect(refusal({ input: { text: 1 } })).toBe('E_INVALID_JOB: job "input.text": Invalid input: expected string, received number');
    expect(refusal({ input: { text: 'a' }, task: 'poetry' })).toMatch(/^E_UNKNOWN_TASK: /);
    expect(refusal({ input: { text: 'a' }, options: { top: -1 } })).toMatch(/^E_INVALID_JOB: wordcount option "top"/);
    expect(refusal({ input: { path: '' } })).toMatch(/^E_INVALID_JOB: job "input.path": /);
    expect(refusal({ input: { path: 'a.txt', member: '' } })).toMatch(/^E_INVALID_JOB: job "input.member": /);
    expect(refusal({ input: { path: 'a.txt', colour: 'red' } })).toMatch(/^E_INVALID_JOB: job "input": /);
    expect(refusal({ input: { path: 'a.txt' }, counts: { keep: '' } })).toMatch(/^E_INVALID_JOB: job "counts.keep": /);
    expect(refusal({ input: { path: 'a.txt' }, counts: { add: ['a', 1] } })).toMatch(/^E_INVALID_JOB: job "counts.add.1": /);
    expect(refusal({ input: { path: 'a.txt' }, counts: { letters: false } })).toMatch(/^E_INVALID_JOB: job "counts.letters": /);
    expect(refusal({ input: { path: 'a.txt' }, counts: { keep: 'k', more: 1 } })).toMatch(/^E_INVALID_JOB: job "counts": .*more/);
    expect(refusal({ task: 'sentiment', input: { path: 'a.txt' }, counts: { keep: 'k' } })).toBe('E_INVALID_JOB: job: "counts" is for the wordcount, stats and ngrams tasks, not sentiment');
  });
  it('takes priorities BullMQ takes, 1 to 2^21 - 1, and refuses the next one', () => {
    const job = (priority: number): JobInput => ({ input: { text: 'x' }, priority });
    expect(normalizeJob(job(2_097_151), defaults).priority).toBe(2_097_151);
    expect(() => normalizeJob(job(2_097_152), defaults)).toThrow(expect.objectContaining({ code: 'E_INVALID_JOB' }));
    expect(() => normalizeJob(job(0), defaults)).toThrow(expect.objectContaining({ code: 'E_INVALID_JOB' }));
  });
});
