/**
 * The ngrams corpus result of one file, taken from the file's own result and
 * its counts file's header, is what the merge of that counts file answers;
 * a counts file that does not match the result is refused.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ngramsCorpus, ngramsCorpusOfOne } from '../../src/cli/corpus/corpus-result.ts';
import { readCountsHeader } from '../../src/cli/corpus/counts-header.ts';
import type { JobResult } from '../../src/dispatch/job.ts';
import type { NgramCountsFileHeader, NgramsOptions, StopwordSpec } from '../../src/protocol.ts';
import { parseTaskOptions } from '../../src/tasks/registry.ts';
import { mergeNgramCountsFiles } from '../../workers/tasks/ngram-corpus.ts';
import { runTask } from '../helpers/run-task.ts';

const dir = mkdtempSync(join(tmpdir(), 'wordmill-ngram-one-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let serial = 0;

/** The file's result as the engine answers it (the fields the corpus takes), and its counts file. */
function countFile(text: string, options: { n: number; top: number; stopwords: StopwordSpec }): { result: JobResult; counts: string } {
  const counts = join(dir, `${serial++}.counts`);
  const stats = runTask('ngrams', text, options, { keepCounts: counts });
  const result = { ...stats, task: 'ngrams', id: 'j', source: 'a.txt', name: 'a', worker: 1, durationMs: 1, finishedAt: '', chunks: 1, options } as unknown as JobResult;
  return { result, counts };
}

const word = fc.constantFrom('a', 'b', 'the', 'of', 'é', 'Я', 'don’t', '𐐀');
const text = fc.array(fc.oneof(word, fc.constantFrom(' ', '\n', '. ')), { maxLength: 60 }).map((parts) => parts.join(' '));

describe('ngrams corpus of one file', () => {
  it('equals the merge of its counts file, ties and stopwords included', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 6 }), fc.constantFrom<StopwordSpec>('en', 'none'), async (t, n, top, stopwords) => {
        const options = { n, top, stopwords };
        const { result, counts } = countFile(t, options);
        const header = (await readCountsHeader(counts)) as NgramCountsFileHeader;
        const merged = mergeNgramCountsFiles([counts], parseTaskOptions('ngrams', {}, options) as NgramsOptions, undefined);
        expect(ngramsCorpusOfOne(result, header, n)).toEqual(ngramsCorpus({ ok: true, result: { ...result, ...merged } as JobResult }, 1, n));
      }),
      { numRuns: 100 },
    );
  });

  it('refuses a counts file of other n-grams or other words', async () => {
    const { result, counts } = countFile('the quick brown fox jumps', { n: 2, top: 3, stopwords: 'none' });
    const header = (await readCountsHeader(counts)) as NgramCountsFileHeader;
    expect(ngramsCorpusOfOne(result, header, 2)).toMatchObject({ files: 1, uniqueNgrams: 4, totalNgrams: 4 });
    expect(() => ngramsCorpusOfOne(result, header, 3)).toThrow(expect.objectContaining({ code: 'E_COUNTS_FILE' }));
    expect(() => ngramsCorpusOfOne(result, { ...header, totalWords: 4 }, 2)).toThrow(expect.objectContaining({ code: 'E_COUNTS_FILE' }));
  });
});
