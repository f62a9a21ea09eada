/**
 * ngrams' counts files and their corpus merge: what each input keeps adds up,
 * from disk and in input order, to one count of the inputs joined by '\n'
 * (the n-grams across each joining newline included), also from a kept sum
 * plus later inputs and from sums of parts, as incremental runs and big
 * merges use them.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NgramsOptions, StopwordSpec } from '../../src/protocol.ts';
import { parseTaskOptions } from '../../src/tasks/registry.ts';
import { mergeNgramCountsFiles } from '../../workers/tasks/ngram-corpus.ts';
import { readNgramCountsHeader } from '../../workers/tasks/ngram-counts-file.ts';
import { runCount } from '../../workers/tasks/ngrams.ts';
import { ngramsReference } from '../../workers/text/ngrams-reference.ts';
import { stopwordSet } from '../../workers/text/stopwords.ts';

const dir = mkdtempSync(join(tmpdir(), 'wordmill-ngram-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let serial = 0;

function options(n: number, top: number, stopwords: StopwordSpec): NgramsOptions {
  return parseTaskOptions('ngrams', {}, { n, top, stopwords }) as NgramsOptions;
}

/** Counts `text` as one input, keeping its n-gram counts file; returns the file's path. */
function keep(text: string, opts: NgramsOptions): string {
  const path = join(dir, `${serial++}.counts`);
  runCount({
    type: 'count', jobId: 't', source: 'test', task: 'ngrams', mode: 'final', logDir: null, options: opts, keepCounts: path,
    input: { kind: 'bytes', bytes: Buffer.from(text, 'utf8'), atStart: true },
  });
  return path;
}

function joinedReference(texts: readonly string[], opts: NgramsOptions) {
  return ngramsReference(texts.join('\n'), opts.n, opts.top, stopwordSet(opts.stopwords));
}

const FILES = ['The quick brown fox\njumps over', 'lazy dogs. Café crème brûlée\nCAFÉ crème', 'fox', '', 'jumps over lazy dogs again and quick brown'];

describe('ngrams corpus merge', () => {
  it('counts the n-grams across each joining newline, stopword-edged ones left out (hand-counted)', () => {
    const opts = options(2, 5, 'en');
    const stats = mergeNgramCountsFiles(FILES.map((t) => keep(t, opts)), opts, undefined);
    // "fox jumps": once inside the first file, once from "fox" (third) to "jumps" (fifth) across the empty fourth.
    // "brûlée café" spans a newline inside the second file; "over lazy" (over: stopword) is left out.
    expect(stats).toEqual({
      totalWords: 22,
      totalNgrams: 21,
      uniqueNgrams: 9,
      ngrams: [
        { ngram: 'café crème', count: 2 }, { ngram: 'fox jumps', count: 2 }, { ngram: 'lazy dogs', count: 2 },
        { ngram: 'quick brown', count: 2 }, { ngram: 'brown fox', count: 1 },
      ],
      bytes: 120,
      invalidUtf8: false,
    });
    const trigrams = mergeNgramCountsFiles(FILES.map((t) => keep(t, options(3, 3, 'none'))), options(3, 3, 'none'), undefined);
    expect(trigrams).toMatchObject({
      totalNgrams: 20,
      uniqueNgrams: 17,
      ngrams: [{ ngram: 'fox jumps over', count: 2 }, { ngram: 'jumps over lazy', count: 2 }, { ngram: 'over lazy dogs', count: 2 }],
    });
  });

  it('keeps the first and last n-1 words of an input, and of a merge', () => {
    const opts = options(4, 5, 'none');
    const one = readNgramCountsHeader(keep('Æsir said: a b', opts), 4);
    expect({ head: one.head, tail: one.tail, totalWords: one.totalWords }).toEqual({ head: ['æsir', 'said', 'a'], tail: ['said', 'a', 'b'], totalWords: 4 });
    const sum = join(dir, 'sum.counts');
    mergeNgramCountsFiles([keep('x', opts), keep('', opts), keep('y z', opts), keep('w', opts)], opts, sum);
    const merged = readNgramCountsHeader(sum, 4);
    expect({ head: merged.head, tail: merged.tail, totalWords: merged.totalWords }).toEqual({ head: ['x', 'y', 'z'], tail: ['y', 'z', 'w'], totalWords: 4 });
    expect(() => readNgramCountsHeader(sum, 3)).toThrow(/holds 4-grams, not 3-grams/);
  });

  const piece = fc.constantFrom('a', 'b', 'the', 'of', 'é', 'Я', 'don’t', ' ', '\n', '.', '-', '𐐀');
  const text = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));
  const corpus = fc.array(text, { minLength: 1, maxLength: 6 });

  it('equals one count of the inputs joined, for n = 2..5, and so do a kept sum plus later inputs and sums of parts, read and written in pieces of any size', () => {
    const pieceBytes = fc.integer({ min: 1, max: 48 });
    fc.assert(
      fc.property(corpus, fc.integer({ min: 2, max: 5 }), fc.constantFrom<StopwordSpec>('en', 'none'), fc.nat(), pieceBytes, (texts, n, stopwords, at, piece) => {
        const opts = options(n, 1000, stopwords);
        const expected = joinedReference(texts, opts);
        const files = texts.map((t) => keep(t, opts));
        const all = mergeNgramCountsFiles(files, opts, undefined);
        expect({ totalWords: all.totalWords, totalNgrams: all.totalNgrams, ngrams: all.ngrams }).toEqual(expected);
        expect(all.uniqueNgrams).toBe(expected.ngrams.length);
        expect(mergeNgramCountsFiles(files, opts, undefined, piece)).toEqual(all);
        // An earlier run's sum of the first files, then the files added after them.
        const cut = at % (texts.length + 1);
        const first = join(dir, `${serial++}.counts`);
        mergeNgramCountsFiles(files.slice(0, cut), opts, first, piece);
        expect(mergeNgramCountsFiles([first, ...files.slice(cut)], opts, undefined, piece)).toEqual(all);
        // Parts added up side by side, then the parts' sums in order.
        const second = join(dir, `${serial++}.counts`);
        mergeNgramCountsFiles(files.slice(cut), opts, second, piece);
        expect(mergeNgramCountsFiles([first, second], opts, undefined)).toEqual(all);
      }),
      { numRuns: 150 },
    );
  });
});
