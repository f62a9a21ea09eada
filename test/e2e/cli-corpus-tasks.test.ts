/**
 * The stats and ngrams corpus results through the built CLI: the words and
 * n-grams of the whole folder equal one count of its files joined by '\n'
 * (n-grams across the joins included), on a first run, when a file is counted
 * in chunks, and on incremental re-runs after a file is added or changed.
 */
import { appendFile, copyFile, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/cli/summary.ts';
import type { StopwordSpec } from '../../src/protocol.ts';
import { ngramsReference } from '../../workers/text/ngrams-reference.ts';
import { stopwordSet } from '../../workers/text/stopwords.ts';
import { DATA_DIR } from '../helpers/conformance.ts';
import { runWordmill } from '../helpers/cli.ts';
import { countText } from '../helpers/count-text.ts';
import { runTask } from '../helpers/run-task.ts';

let dir: string;
let input: string;
let out: string;

/** Words across every join: "fox" ends c.txt and "jumps" starts d.txt; "brûlée" / "CAFÉ" is a line break inside b.txt. */
const SMALL: Record<string, string> = {
  'a.txt': 'The quick brown fox\njumps over',
  'b.txt': 'lazy dogs. Café crème brûlée\nCAFÉ crème',
  'sub/c.txt': 'fox',
  'sub/d.txt': 'jumps over lazy dogs again and quick brown',
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wordmill-corpus-tasks-'));
  input = join(dir, 'in');
  out = join(dir, 'out');
  await mkdir(join(input, 'sub'), { recursive: true });
  for (const [name, text] of Object.entries(SMALL)) await writeFile(join(input, name), text);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<RunSummary> {
  return runOn(input, ...args);
}

async function runOn(folder: string, ...args: string[]): Promise<RunSummary> {
  const done = await runWordmill(['process', folder, '--out', out, '--threads', '2', '--json', ...args]);
  expect(done.stderr).not.toContain('error');
  expect(done.code, done.stderr).toBe(0);
  const summary = JSON.parse(done.stdout) as RunSummary;
  const manifest = JSON.parse(await readFile(summary.manifest, 'utf8')) as RunSummary;
  expect(manifest.corpus).toEqual(summary.corpus);
  return summary;
}

/** The files (in the run's order: these names sort as the folder walk takes them) joined by '\n'. */
async function joined(sources: readonly string[], folder = input): Promise<Buffer> {
  const texts = await Promise.all([...sources].sort().map((s) => readFile(join(folder, s))));
  return Buffer.concat(texts.flatMap((t, i) => (i === 0 ? [t] : [Buffer.from('\n'), t])));
}

async function joinedWords(sources: readonly string[], top: number, stopwords: StopwordSpec) {
  const { totalWords, uniqueWords, top: words } = countText(await joined(sources), top, stopwords);
  return { totalWords, uniqueWords, top: words };
}

/** The words as wordcount counts the joined files, and the averages stats gives them that do not depend on sentences. */
async function joinedStats(sources: readonly string[], top: number, stopwords: StopwordSpec) {
  const { averageWordLength, typeTokenRatio } = runTask('stats', await joined(sources)).stats;
  return { ...(await joinedWords(sources, top, stopwords)), averageWordLength, typeTokenRatio };
}

async function joinedNgrams(sources: readonly string[], n: number, top: number, stopwords: StopwordSpec, folder = input) {
  const text = (await joined(sources, folder)).toString('utf8');
  const r = ngramsReference(text, n, top, stopwordSet(stopwords));
  const all = ngramsReference(text, n, Number.MAX_SAFE_INTEGER, stopwordSet(stopwords));
  return { n, totalWords: r.totalWords, totalNgrams: r.totalNgrams, uniqueNgrams: all.ngrams.length, top: r.ngrams };
}

describe('wordmill process: stats and ngrams corpus results (hand-counted)', () => {
  it('stats: the sums, and the distinct words and top of the files joined, as wordcount counts them', async () => {
    const top = [{ word: 'brown', count: 2 }, { word: 'café', count: 2 }, { word: 'crème', count: 2 }, { word: 'dogs', count: 2 }, { word: 'fox', count: 2 }];
    const words = await run('--task', 'wordcount', '--top', '5');
    expect(words.corpus).toEqual({ task: 'wordcount', files: 4, bytes: 120, totalWords: 22, uniqueWords: 13, top });
    const stats = await run('--task', 'stats', '--top', '5');
    expect(stats.corpus).toEqual({
      task: 'stats',
      files: 4,
      bytes: 120,
      totalWords: 22,
      // Sums of the files' own figures (the joining newlines are no characters or lines of any file).
      characters: 114,
      sentences: 5,
      lines: 6,
      uniqueWords: 13,
      top,
      // 95 letters / 22 words, 22 words / 5 sentences, 13 distinct / 22 words.
      averageWordLength: 4.3182,
      averageSentenceLength: 4.4,
      typeTokenRatio: 0.5909,
    });
    expect(stats.corpus).toMatchObject(await joinedStats(Object.keys(SMALL), 5, 'en'));
    // The stats task takes no --top or --stopwords, but its corpus result does: another value is another index.
    const other = await run('--task', 'stats', '--top', '2', '--stopwords', 'none');
    expect(other.reused).toBe(0);
    expect(other.corpus).toMatchObject({ uniqueWords: 13, top: [{ word: 'brown', count: 2 }, { word: 'café', count: 2 }] });
    expect(other.corpus).toMatchObject(await joinedWords(Object.keys(SMALL), 2, 'none'));
  });

  it('ngrams: the n-grams of the files joined, those across the joins included', async () => {
    const bigrams = await run('--task', 'ngrams', '--top', '5');
    // "fox jumps": once inside a.txt, once across c.txt → d.txt; "over lazy" is stopword-edged.
    expect(bigrams.corpus).toEqual({
      task: 'ngrams', files: 4, n: 2, bytes: 120, totalWords: 22, totalNgrams: 21, uniqueNgrams: 9,
      top: [
        { ngram: 'café crème', count: 2 }, { ngram: 'fox jumps', count: 2 }, { ngram: 'lazy dogs', count: 2 },
        { ngram: 'quick brown', count: 2 }, { ngram: 'brown fox', count: 1 },
      ],
    });
    const trigrams = await run('--task', 'ngrams', '--n', '3', '--stopwords', 'none', '--top', '3');
    expect(trigrams.corpus).toEqual({
      task: 'ngrams', files: 4, n: 3, bytes: 120, totalWords: 22, totalNgrams: 20, uniqueNgrams: 17,
      top: [{ ngram: 'fox jumps over', count: 2 }, { ngram: 'jumps over lazy', count: 2 }, { ngram: 'over lazy dogs', count: 2 }],
    });
    expect(trigrams.corpus).toMatchObject(await joinedNgrams(Object.keys(SMALL), 3, 3, 'none'));
  });

  it('ngrams re-runs: a file added between two others takes the n-grams across their join with it', async () => {
    const go = () => run('--task', 'ngrams', '--top', '100');
    await go();
    await writeFile(join(input, 'bb.txt'), 'Brown fox, naïve Zoë');
    const middle = await go();
    expect(middle.reused).toBe(4);
    // b.txt → bb.txt → sub/c.txt: "crème brown" and "zoë fox" in, "crème fox" (b.txt → sub/c.txt before) out.
    expect(middle.corpus).toEqual({
      task: 'ngrams', files: 5, n: 2, bytes: 142, totalWords: 26, totalNgrams: 25, uniqueNgrams: 12,
      top: [
        { ngram: 'brown fox', count: 2 }, { ngram: 'café crème', count: 2 }, { ngram: 'fox jumps', count: 2 }, { ngram: 'lazy dogs', count: 2 },
        { ngram: 'quick brown', count: 2 }, { ngram: 'brûlée café', count: 1 }, { ngram: 'crème brown', count: 1 }, { ngram: 'crème brûlée', count: 1 },
        { ngram: 'dogs café', count: 1 }, { ngram: 'fox naïve', count: 1 }, { ngram: 'naïve zoë', count: 1 }, { ngram: 'zoë fox', count: 1 },
      ],
    });
    await writeFile(join(input, 'zz.txt'), 'Lazy dogs');
    const end = await go();
    expect(end.reused).toBe(5);
    // sub/d.txt ends "quick brown": "brown lazy" across the join.
    expect(end.corpus).toMatchObject({ files: 6, ...(await joinedNgrams(['bb.txt', 'zz.txt', ...Object.keys(SMALL)], 2, 100, 'en')) });
    expect(end.corpus?.task === 'ngrams' && end.corpus.top).toContainEqual({ ngram: 'brown lazy', count: 1 });
  });
});

describe('wordmill process: stats and ngrams corpus results on incremental runs', () => {
  beforeEach(async () => {
    await copyFile(join(DATA_DIR, 'heart-of-darkness.txt'), join(input, 'book.txt'));
    // Not modified within the second before the run: a file counted in chunks has no hash to be re-checked by.
    const past = new Date(Date.now() - 10_000);
    for (const name of ['book.txt', ...Object.keys(SMALL)]) await utimes(join(input, name), past, past);
  });

  it.each([
    { task: 'stats', extra: ['--top', '25'], expected: (s: string[]) => joinedStats(s, 25, 'en') },
    { task: 'ngrams', extra: ['--n', '2', '--top', '25'], expected: (s: string[]) => joinedNgrams(s, 2, 25, 'en') },
    { task: 'ngrams', extra: ['--n', '3', '--top', '25', '--stopwords', 'none'], expected: (s: string[]) => joinedNgrams(s, 3, 25, 'none') },
  ])('$task $extra: exact with a file in chunks, after adding a file in the middle and at the end, and after a change', async ({ task, extra, expected }) => {
    const sources = ['book.txt', ...Object.keys(SMALL)];
    const go = () => run('--task', task, '--chunk-size', '64KiB', ...extra);
    const first = await go();
    expect(first.corpus).toMatchObject({ task, files: 5, ...(await expected(sources)) });
    const book = first.results.find((r) => r.source === 'book.txt')!;
    expect((JSON.parse(await readFile(book.output!, 'utf8')) as { chunks: number }).chunks).toBeGreaterThan(1);

    const again = await go();
    expect(again).toMatchObject({ reused: 5, threads: 0 });
    expect(again.corpus).toEqual(first.corpus);

    // New mtime, same bytes: recognised by the SHA-256 its counts file records.
    const later = new Date(Date.now() + 5000);
    await utimes(join(input, 'a.txt'), later, later);
    const touched = await go();
    expect(touched).toMatchObject({ reused: 5, threads: 0 });
    expect(touched.corpus).toEqual(first.corpus);

    // Sorts between b.txt and book.txt: the n-grams across a.txt→b.txt→book.txt change.
    await writeFile(join(input, 'bb.txt'), 'Brown fox, naïve Zoë');
    sources.push('bb.txt');
    const middle = await go();
    expect(middle.reused).toBe(5);
    expect(middle.corpus).toMatchObject({ files: 6, ...(await expected(sources)) });

    // Sorts last: the last sum plus the new file, with the n-grams across the join.
    await writeFile(join(input, 'zz.txt'), 'lazy dogs again');
    sources.push('zz.txt');
    const end = await go();
    expect(end.reused).toBe(6);
    expect(end.corpus).toMatchObject({ files: 7, ...(await expected(sources)) });

    await appendFile(join(input, 'sub', 'c.txt'), ' jumps quick brown');
    const changed = await go();
    expect(changed.reused).toBe(6);
    expect(changed.corpus).toMatchObject({ files: 7, ...(await expected(sources)) });
  });
});

describe('wordmill process: the ngrams corpus result of one file', () => {
  it('is the file\'s own result and counts file (no merge, no copy), exact, and the start of the next sums', async () => {
    const one = join(dir, 'one');
    await mkdir(one);
    await copyFile(join(DATA_DIR, 'heart-of-darkness.txt'), join(one, 'book.txt'));
    const past = new Date(Date.now() - 10_000);
    await utimes(join(one, 'book.txt'), past, past);
    const counts = () => readdir(join(out, '.index', 'counts'));
    const go = () => runOn(one, '--task', 'ngrams', '--n', '3', '--top', '25', '--chunk-size', '64KiB');

    const first = await go();
    expect(first.corpus).toEqual({ task: 'ngrams', files: 1, bytes: first.bytes, ...(await joinedNgrams(['book.txt'], 3, 25, 'en', one)) });
    const book = JSON.parse(await readFile(first.results[0]!.output!, 'utf8')) as { ngrams: unknown; chunks: number };
    expect(book.chunks).toBeGreaterThan(1);
    expect(first.corpus?.task === 'ngrams' && first.corpus.top).toEqual(book.ngrams);
    expect(await counts()).toHaveLength(1);

    const again = await go();
    expect(again).toMatchObject({ reused: 1, threads: 0 });
    expect(again.corpus).toEqual(first.corpus);

    // The kept sum is the file's counts file: the next run adds the new file's n-grams to it, those across the join included.
    await writeFile(join(one, 'zz.txt'), 'Lazy dogs again, the quick brown fox');
    const two = await go();
    expect(two.reused).toBe(1);
    expect(two.corpus).toMatchObject({ files: 2, ...(await joinedNgrams(['book.txt', 'zz.txt'], 3, 25, 'en', one)) });
    expect(await counts()).toHaveLength(3);

    // One file again, not counted in this run: added up by a merge, as it has no result of this run to be taken from.
    await rm(join(one, 'zz.txt'));
    const back = await go();
    expect(back).toMatchObject({ reused: 1 });
    expect(back.corpus).toEqual(first.corpus);
  });
});
