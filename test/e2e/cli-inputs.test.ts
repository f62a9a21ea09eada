/** `wordmill process` with several paths, globs and standard input, and the run manifest it leaves. */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/cli/summary.ts';
import type { JobResult } from '../../src/dispatch/job.ts';
import { runWordmill } from '../helpers/cli.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wordmill-inputs-'));
  await mkdir(join(dir, 'a'));
  await mkdir(join(dir, 'b'));
  await writeFile(join(dir, 'a', 'same.txt'), 'one two two');
  await writeFile(join(dir, 'b', 'same.txt'), 'three three three');
  await writeFile(join(dir, 'b', 'other.txt'), 'four');
  await writeFile(join(dir, 'b', 'skip.md'), 'not taken');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const resultFiles = async (out: string): Promise<string[]> => (await readdir(out)).filter((f) => f.endsWith('.json')).sort();

describe('wordmill process inputs', () => {
  it('takes several folders, a quoted glob and - (stdin), and writes a manifest equal to the --json output', async () => {
    const out = join(dir, 'out');
    const inputs = [join(dir, 'a'), `${join(dir, 'b')}/o*.txt`, '-'];
    const run = await runWordmill(['process', ...inputs, '-o', out, '-t', '1', '--top', '2', '--json'], {}, 'Stdin words, stdin WORDS!');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as RunSummary;
    expect(summary.runId).toMatch(/^[0-9a-z]{16}$/);
    expect(summary.manifest).toBe(join(out, 'runs', `${summary.runId}.json`));
    expect(JSON.parse(await readFile(summary.manifest, 'utf8'))).toEqual(summary);

    const byStem = Object.fromEntries((await resultFiles(out)).map((f) => [f.slice(0, f.lastIndexOf('_')), join(out, f)]));
    expect(Object.keys(byStem).sort()).toEqual(['other', 'same', 'stdin']);
    expect(Date.parse(summary.finishedAt) - Date.parse(summary.startedAt)).toBeGreaterThanOrEqual(0);
    const { runId: _r, manifest: _m, startedAt: _s, finishedAt: _f, wallMs: _w, mbPerSec: _b, ...rest } = summary;
    expect(rest).toEqual({
      input: inputs.join(' '),
      inputs,
      options: { top: 2, stopwords: 'en', out, threads: 1, task: 'wordcount', chunkSize: '16MiB', ext: 'txt,txt.gz,zip,html,htm', queueName: 'wordmill', maxRetries: 3, corpus: true, force: false },
      mode: 'pool',
      outDir: out,
      threads: 1,
      skipped: 0,
      reused: 0,
      files: 3,
      succeeded: 3,
      failed: 0,
      bytes: 11 + 4 + 25,
      totalWords: 3 + 1 + 4,
      results: [
        { source: join(dir, 'a', 'same.txt'), output: byStem.same, totalWords: 3, uniqueWords: 2, bytes: 11 },
        { source: join(dir, 'b', 'other.txt'), output: byStem.other, totalWords: 1, uniqueWords: 1, bytes: 4 },
        { source: 'stdin', output: byStem.stdin, totalWords: 4, uniqueWords: 2, bytes: 25 },
      ],
      failures: [],
      corpus: { task: 'wordcount', files: 3, bytes: 40, totalWords: 8, uniqueWords: 5, top: [{ word: 'stdin', count: 2 }, { word: 'two', count: 2 }] },
    });
    const stdinResult = JSON.parse(await readFile(byStem.stdin!, 'utf8')) as JobResult;
    expect(stdinResult).toMatchObject({ source: 'stdin', name: 'stdin', top: [{ word: 'stdin', count: 2 }, { word: 'words', count: 2 }] });
  });

  it('keeps files of the same name in two folders apart, and prints the run id in the text summary', async () => {
    const out = join(dir, 'out');
    const run = await runWordmill(['process', join(dir, 'a'), join(dir, 'b'), '--out', out, '--threads', '1']);
    expect(run.code).toBe(0);
    const [manifestFile] = await readdir(join(out, 'runs'));
    const manifest = JSON.parse(await readFile(join(out, 'runs', manifestFile!), 'utf8')) as RunSummary;
    expect(manifest.results.map((r) => [r.source, r.totalWords])).toEqual([
      [join(dir, 'a', 'same.txt'), 3],
      [join(dir, 'b', 'other.txt'), 1],
      [join(dir, 'b', 'same.txt'), 3],
    ]);
    expect(manifest.skipped).toBe(1);
    expect(run.stdout.split('\n')).toContain(`  run ${manifest.runId}: ${join(out, 'runs', manifestFile!)}`);
  });

  it('stops before counting when a path is missing or a glob matches nothing (exit 2)', async () => {
    const out = join(dir, 'out');
    const missing = await runWordmill(['process', join(dir, 'a'), join(dir, 'nope'), '--out', out]);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toBe(`error: input folder ${join(dir, 'nope')} does not exist\n`);
    const noMatch = await runWordmill(['process', `${dir}/*.pdf`, '--out', out]);
    expect(noMatch).toMatchObject({ code: 2, stdout: '' });
    expect(noMatch.stderr).toBe(`error: no file or folder matches ${dir}/*.pdf\n`);
    const twice = await runWordmill(['process', '-', '-', '--out', out]);
    expect(twice.stderr).toBe('error: "-" (standard input) can be given once\n');
    await expect(readdir(out)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
