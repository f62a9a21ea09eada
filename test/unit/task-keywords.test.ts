/** keywords: tf-idf by hand over a three-document corpus, and the terms → df → score stages. */
import { describe, expect, it } from 'vitest';
import type { MapOutcome } from '../../src/engine.ts';
import { addUpTerms } from '../../src/dispatch/keywords-corpus.ts';
import type { JobResult } from '../../src/dispatch/job.ts';
import { runChunked, runTask } from '../helpers/run-task.ts';

const DOCS = ['apple banana apple cherry', 'banana cherry', 'banana date'];

describe('keywords task', () => {
  it('alone, a document is its own corpus: ranked by tf', () => {
    const stats = runTask('keywords', 'apple banana apple the', { top: 2 });
    expect(stats.documents).toBe(1);
    expect(stats.keywords).toEqual([
      { word: 'apple', count: 2, df: 1, score: 0.5 },
      { word: 'banana', count: 1, df: 1, score: 0.25 },
    ]);
  });

  it('scores against document frequencies gathered from the corpus', () => {
    const terms = DOCS.map((text): MapOutcome => {
      const stats = runTask('keywords', text, { stopwords: 'none' }, { corpus: { stage: 'terms' } });
      return { ok: true, result: { task: 'keywords', ...stats } as unknown as JobResult };
    });
    const df = addUpTerms(terms);
    expect(df.documents).toBe(3);
    expect(Object.fromEntries(df.entries())).toEqual({ apple: 1, banana: 3, cherry: 2, date: 1 });
    const corpus = { stage: 'score' as const, documents: df.documents, df: df.table() };
    const first = runTask('keywords', DOCS[0]!, { stopwords: 'none' }, { corpus });
    // apple: 2/4 · ln(3/1) = 0.54930614; cherry: 1/4 · ln(3/2) = 0.10136628; banana: in every document → 0.
    expect(first.keywords).toEqual([
      { word: 'apple', count: 2, df: 1, score: 0.54930614 },
      { word: 'cherry', count: 1, df: 2, score: 0.10136628 },
      { word: 'banana', count: 1, df: 3, score: 0 },
    ]);
  });

  it('gives the same answer counted in chunks', () => {
    const text = 'apple banana. apple cherry date apple';
    const parts = [Buffer.from('apple banana. '), Buffer.from('apple cherry '), Buffer.from('date apple')];
    expect(runChunked('keywords', parts, { top: 3 })).toEqual(runTask('keywords', text, { top: 3 }));
  });
});
