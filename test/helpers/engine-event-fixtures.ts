/**
 * Jobs and results as the engine emits them, for tests that feed a job index
 * (or anything else that follows engine events) by hand on fake timers.
 */
import type { Job, JobResult } from '../../src/dispatch/job.ts';

/** The fake clock's start: far from any real date, so a stray real timestamp shows. */
export const T0 = Date.parse('2030-01-02T03:04:05.000Z');

export const job = (id: string): Job => ({
  id, task: 'wordcount', input: { text: id }, options: { top: 5, stopwords: 'none' } as Job['options'], source: 'http', name: 'http',
});

export const resultOf = (j: Job, bytes = 1): JobResult => ({
  id: j.id, task: 'wordcount', source: j.source, name: j.name, bytes, totalWords: 1, uniqueWords: 1, top: [],
  worker: 0, durationMs: 1, finishedAt: new Date().toISOString(), options: j.options, chunks: 1, invalidUtf8: false,
} as unknown as JobResult);
