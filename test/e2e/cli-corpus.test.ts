/**
 * `wordmill process`'s corpus result and its incremental re-runs, through the
 * built CLI: the corpus result equals one count of the files joined, and a
 * re-run counts only what changed.
 */
import { appendFile, copyFile, mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/cli/summary.ts';
import { BOOKS, DATA_DIR, FIXTURES } from '../helpers/conformance.ts';
import { runWordmill } from '../helpers/cli.ts';
import { countText } from '../helpers/count-text.ts';

let dir: string;
let input: string;
let out: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wordmill-corpus-'));
  input = join(dir, 'in');
  out = join(dir, 'out');
  await mkdir(join(input, 'sub'), { recursive: true });
  for (const book of BOOKS.slice(0, 2)) await copyFile(join(DATA_DIR, `${book}.txt`), join(input, `${book}.txt`));
  await copyFile(join(FIXTURES, 'conformance', 'unicode-sample.txt'), join(input, 'sub', 'unicode.txt'));
  await writeFile(join(input, 'sub', 'small.txt'), 'Don’t stop: the Café, café and CAFÉ. 42 dogs\' bones!\n');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...extra: string[]): Promise<RunSummary> {
  const done = await runWordmill(['process', input, '--out', out, '--threads', '2', '--top', '30', '--json', ...extra]);
  expect(done.stderr).not.toContain('error');
  expect(done.code).toBe(0);
  return JSON.parse(done.stdout) as RunSummary;
}

/** The files of `input` (sorted by source) joined by a newline, counted in one pass. */
async function countedJoined(sources: readonly string[], top = 30): Promise<{ totalWords: number; uniqueWords: number; top: unknown }> {
  const texts = await Promise.all([...sources].sort().map((s) => readFile(join(input, s))));
  const joined = Buffer.concat(texts.flatMap((t) => [t, Buffer.from('\n')]));
  const { totalWords, uniqueWords, top: words } = countText(joined, top, 'en');
  return { totalWords, uniqueWords, top: words };
}

const SOURCES = ['dracula.txt', 'frankenstein.txt', join('sub', 'small.txt'), join('sub', 'unicode.txt')];

describe('wordmill process: corpus result', () => {
  it('equals one count of the files joined, exactly, also when files are counted in chunks', async () => {
    const summary = await run('--chunk-size', '256KiB');
    const expected = await countedJoined(SOURCES);
    expect(summary.corpus).toEqual({ task: 'wordcount', files: 4, bytes: summary.bytes, ...expected });
    // The top is that of the whole: not the sum of the files' own top lists.
    expect(summary.corpus?.task === 'wordcount' && summary.corpus.top).toHaveLength(30);
    const manifest = JSON.parse(await readFile(summary.manifest, 'utf8')) as RunSummary;
    expect(manifest.corpus).toEqual(summary.corpus);
  });

  it('adds up stats, and is absent with --no-corpus', async () => {
    const stats = await run('--task', 'stats');
    expect(stats.corpus).toMatchObject({ task: 'stats', files: 4, bytes: stats.bytes, totalWords: stats.totalWords });
    const none = await run('--no-corpus', '--force');
    expect(none.corpus).toBeNull();
  });
});

describe('wordmill process: incremental runs', () => {
  it('reuses unchanged files, recounts changed and new ones, drops deleted ones, and keeps the corpus exact', async () => {
    const first = await run();
    expect(first.reused).toBe(0);

    const again = await run();
    expect(again.reused).toBe(4);
    // Nothing changed: no thread starts, the last corpus result stands.
    expect(again.threads).toBe(0);
    expect(again.results).toEqual(first.results);
    expect(again.corpus).toEqual(first.corpus);

    // New mtime, same bytes: recognised by content, still reused.
    const later = new Date(Date.now() + 5000);
    await utimes(join(input, 'dracula.txt'), later, later);
    expect((await run()).reused).toBe(4);

    // Only an addition: the last merge's counts plus the new file's.
    await writeFile(join(input, 'added.txt'), 'An added file about zebras.\n');
    const added = await run();
    expect(added).toMatchObject({ reused: 4, threads: 1 });
    expect(added.corpus).toEqual({ task: 'wordcount', files: 5, bytes: added.bytes, ...(await countedJoined(['added.txt', ...SOURCES])) });

    await appendFile(join(input, 'sub', 'small.txt'), 'zebra zebra\n');
    const changed = await run();
    expect(changed.reused).toBe(4);
    const small = changed.results.find((r) => r.source === join('sub', 'small.txt'))!;
    expect(small.totalWords).toBe(first.results.find((r) => r.source === join('sub', 'small.txt'))!.totalWords + 2);
    expect(small.output).not.toBe(first.results.find((r) => r.source === join('sub', 'small.txt'))!.output);
    expect(changed.corpus).toEqual({ task: 'wordcount', files: 5, bytes: changed.bytes, ...(await countedJoined(['added.txt', ...SOURCES])) });

    await rm(join(input, 'frankenstein.txt'));
    const deleted = await run();
    expect(deleted.reused).toBe(4);
    expect(deleted.results.map((r) => r.source)).not.toContain('frankenstein.txt');
    expect(deleted.corpus).toEqual({ task: 'wordcount', files: 4, bytes: deleted.bytes, ...(await countedJoined(['added.txt', ...SOURCES.filter((s) => s !== 'frankenstein.txt')])) });
  });

  it('counts everything again when the options change or with --force', async () => {
    await run();
    const otherTop = await runWordmill(['process', input, '--out', out, '--threads', '2', '--top', '5', '--json']);
    const summary = JSON.parse(otherTop.stdout) as RunSummary;
    expect(summary.reused).toBe(0);
    expect(summary.corpus?.task === 'wordcount' && summary.corpus.top).toEqual((await countedJoined(SOURCES, 5)).top);
    expect((await run()).reused).toBe(0);
    expect((await run()).reused).toBe(4);
    expect((await run('--force')).reused).toBe(0);
  });
});
