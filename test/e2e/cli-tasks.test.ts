/** Every task on data/ through the built CLI: one result file per book, each naming its task and options. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/cli/summary.ts';
import type { JobResult } from '../../src/dispatch/job.ts';
import { BOOKS, DATA_DIR, expectedFor } from '../helpers/conformance.ts';
import { runWordmill } from '../helpers/cli.ts';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'wordmill-tasks-'));
});
afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

async function run(args: string[]): Promise<Map<string, JobResult>> {
  const cli = await runWordmill(['process', DATA_DIR, '--out', out, '--threads', '2', '--json', ...args]);
  expect(cli.stderr).not.toContain('error');
  expect(cli.code).toBe(0);
  const summary = JSON.parse(cli.stdout) as RunSummary;
  expect(summary).toMatchObject({ files: 4, succeeded: 4, failed: 0 });
  const files = (await readdir(out)).filter((f) => f.endsWith('.json'));
  expect(files).toHaveLength(4);
  const results = await Promise.all(files.map(async (f) => JSON.parse(await readFile(join(out, f), 'utf8')) as JobResult));
  return new Map(results.map((r) => [r.source.replace('.txt', ''), r]));
}

describe('wordmill process --task', () => {
  it('ngrams --n 3, chunked: totals match the word rules', async () => {
    const results = await run(['--task', 'ngrams', '--n', '3', '--top', '5', '--chunk-size', '128KiB']);
    for (const book of BOOKS) {
      const r = results.get(book)!;
      if (r.task !== 'ngrams') throw new Error(`expected ngrams, got ${r.task}`);
      expect(r.options).toEqual({ n: 3, top: 5, stopwords: 'en' });
      expect(r.chunks).toBeGreaterThan(1);
      expect(r.totalWords).toBe(expectedFor(book).totalWords);
      expect(r.totalNgrams).toBe(r.totalWords - 2);
      expect(r.ngrams).toHaveLength(5);
      expect(r.ngrams[0]!.ngram.split(' ')).toHaveLength(3);
    }
    // One-pass answer for a whole book equals the chunked one (exact across cuts).
    const whole = await runWordmill(['process', join(DATA_DIR, 'heart-of-darkness.txt'), '--out', join(out, 'one'), '--task', 'ngrams', '--n', '3', '--top', '5', '--json']);
    expect(whole.code).toBe(0);
    const [file] = (await readdir(join(out, 'one'))).filter((f) => f.endsWith('.json'));
    const one = JSON.parse(await readFile(join(out, 'one', file!), 'utf8')) as JobResult;
    expect(one.chunks).toBe(1);
    expect(one.task === 'ngrams' && one.ngrams).toEqual((results.get('heart-of-darkness') as JobResult & { ngrams: unknown }).ngrams);
  });

  it('wordcount --stem: counts as before, tops by stem', async () => {
    const results = await run(['--task', 'wordcount', '--stem', '--top', '3']);
    for (const book of BOOKS) {
      const r = results.get(book)!;
      expect(r).toMatchObject({ totalWords: expectedFor(book).totalWords, uniqueWords: expectedFor(book).uniqueWords, options: { stem: 'en' } });
      expect(r.top?.every((t) => typeof t.stem === 'string')).toBe(true);
    }
  });

  it('sentiment, stats and keywords run on every book', async () => {
    const sentiment = await run(['--task', 'sentiment', '--sentences', '2']);
    for (const r of sentiment.values()) {
      if (r.task !== 'sentiment') throw new Error('expected sentiment');
      expect(r.options).toEqual({ language: 'en', sentences: 2 });
      expect(r.sentiment.sentences.count).toBeGreaterThan(100);
      expect(r.sentiment.mostPositive).toHaveLength(2);
      expect(r.sentiment.mostNegative[0]!.score).toBeLessThan(0);
    }
    await rm(out, { recursive: true });
    const stats = await run(['--task', 'stats']);
    for (const book of BOOKS) {
      const r = stats.get(book)!;
      if (r.task !== 'stats') throw new Error('expected stats');
      expect(r.stats).toMatchObject({ words: expectedFor(book).totalWords, distinctWords: expectedFor(book).uniqueWords, bytes: r.bytes });
      expect(r.options).toEqual({});
    }
    await rm(out, { recursive: true });
    const keywords = await run(['--task', 'keywords', '--top', '5']);
    const words = (book: string) => { const r = keywords.get(book)!; return r.task === 'keywords' ? r.keywords.map((k) => k.word) : []; };
    expect(keywords.get('dracula')).toMatchObject({ documents: 4, options: { top: 5, stopwords: 'en' } });
    expect(words('dracula')).toContain('helsing');
    expect(words('pride-and-prejudice')).toContain('darcy');
  });

  it('rejects a flag the task does not take, and keywords with --queue', async () => {
    const bad = await runWordmill(['process', DATA_DIR, '--out', out, '--task', 'stats', '--n', '3']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/--n is not an option of the stats task/);
    const lang = await runWordmill(['process', DATA_DIR, '--out', out, '--task', 'sentiment', '--language', 'fr', '--json']);
    expect(lang.code).not.toBe(0);
    expect(lang.stderr).toContain('E_UNSUPPORTED_LANGUAGE');
    expect(await readdir(out)).toEqual([]);
    const queued = await runWordmill(['process', DATA_DIR, '--out', out, '--task', 'keywords', '--queue', 'redis://127.0.0.1:6379']);
    expect(queued.code).not.toBe(0);
    expect(queued.stderr).toMatch(/keywords ranks terms across the whole folder/);
  });
});
