/** `wordmill process` as a user runs it: real files in, parsed result files and logs out. */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/cli/summary.ts';
import type { JobResult } from '../../src/dispatch/job.ts';
import { BOOKS, DATA_DIR, expectedFor } from '../helpers/conformance.ts';
import { runWordmill } from '../helpers/cli.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wordmill-cli-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readResults(out: string): Promise<JobResult[]> {
  const files = (await readdir(out)).filter((f) => f.endsWith('.json'));
  return Promise.all(files.map(async (f) => JSON.parse(await readFile(join(out, f), 'utf8')) as JobResult));
}

describe('wordmill process', () => {
  it('counts the books into one file each with exact counts, logs per thread, and a JSON summary', async () => {
    const input = join(dir, 'books');
    const out = join(dir, 'out');
    await mkdir(input);
    for (const book of BOOKS) await copyFile(join(DATA_DIR, `${book}.txt`), join(input, `${book}.txt`));
    const run = await runWordmill(['process', input, '--out', out, '--threads', '2', '--chunk-size', '256KiB', '--json']);
    expect(run.stderr).not.toContain('error');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as RunSummary;
    expect(summary).toMatchObject({ files: 4, succeeded: 4, failed: 0, threads: 2, bytes: 2171430 });
    const results = await readResults(out);
    expect(results.map((r) => r.source).sort()).toEqual(BOOKS.map((b) => `${b}.txt`));
    for (const r of results) {
      const book = r.source.replace('.txt', '') as (typeof BOOKS)[number];
      expect({ totalWords: r.totalWords, uniqueWords: r.uniqueWords, top: r.top }).toEqual(expectedFor(book));
      expect(Object.keys(r)).toEqual(expect.arrayContaining(['id', 'task', 'source', 'bytes', 'totalWords', 'uniqueWords', 'top', 'worker', 'durationMs', 'finishedAt']));
      expect((await readdir(out)).filter((f) => f.startsWith(`${book}_${r.id}.json`))).toHaveLength(1);
    }
    expect(summary.totalWords).toBe(results.reduce((n, r) => n + r.totalWords, 0));

    const logs = (await readdir(join(out, 'logs'))).filter((f) => /^worker-\d+\.log$/.test(f));
    expect(logs.length).toBeGreaterThanOrEqual(1);
    expect(logs.length).toBeLessThanOrEqual(2);
    const lines = (await Promise.all(logs.map((f) => readFile(join(out, 'logs', f), 'utf8'))))
      .flatMap((t) => t.trim().split('\n'))
      .map((l) => JSON.parse(l) as { level: number; msg: string; jobId: string; source: string; outcome: string; bytes: number; step: string; threadId: number; pid: number; hostname: string; durationMs: number; time: number });
    const ids = new Set(results.map((r) => r.id));
    const threadIds = new Set(logs.map((f) => Number(/\d+/.exec(f)![0])));
    // The corpus result is one merge of the files' kept counts, logged like any job step.
    expect(lines.filter((l) => l.source === 'corpus').map((l) => ({ step: l.step, bytes: l.bytes }))).toEqual([{ step: 'merge', bytes: 2171430 }]);
    for (const line of lines.filter((l) => l.source !== 'corpus')) {
      // pino's own format, as the service logs: numeric level, epoch-ms time, pid, hostname, msg.
      expect(line).toMatchObject({ level: 30, msg: `${line.step} done`, outcome: 'done' });
      expect(ids.has(line.jobId)).toBe(true);
      expect(threadIds.has(line.threadId)).toBe(true);
      expect(line.durationMs).toBeGreaterThanOrEqual(0);
      expect(Number.isInteger(line.time) && Math.abs(Date.now() - line.time) < 600_000).toBe(true);
      expect(typeof line.hostname).toBe('string');
      expect(Number.isInteger(line.pid)).toBe(true);
    }
    const countedBytes = lines.filter((l) => l.step === 'count').reduce((n, l) => n + l.bytes, 0);
    expect(countedBytes).toBe(2171430);
  });

  it('reports each bad input on one line, keeps the good results, and exits 1', async () => {
    const out = join(dir, 'out');
    const input = join(dir, 'in');
    await mkdir(join(input, 'sub'), { recursive: true });
    await writeFile(join(input, 'good.txt'), 'Hello hello world');
    await writeFile(join(input, 'empty.txt'), '');
    await writeFile(join(input, 'binary.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    await writeFile(join(input, 'invalid.txt'), Buffer.from([0x61, 0x62, 0xff, 0x63, 0x64]));
    await writeFile(join(input, 'nospace.txt'), 'x,'.repeat(1_000_000));
    await writeFile(join(input, 'oneword.txt'), 'a'.repeat(3 * 1024 * 1024));
    await symlink('loop.txt', join(input, 'loop.txt'));
    await symlink('nowhere.txt', join(input, 'broken.txt'));
    await symlink('..', join(input, 'sub', 'up'));
    const run = await runWordmill(['process', input, '--out', out, '--threads', '2', '--json']);
    expect(run.code).toBe(1);
    const summary = JSON.parse(run.stdout) as RunSummary;
    expect(summary.failures.map((f) => [f.source, f.code]).sort()).toEqual([
      ['binary.txt', 'E_BINARY_INPUT'],
      ['broken.txt', 'E_INPUT_NOT_FOUND'],
      ['loop.txt', 'E_INPUT_UNREADABLE'],
      ['oneword.txt', 'E_WORD_TOO_LONG'],
      [join('sub', 'up'), 'E_INPUT_UNREADABLE'],
    ]);
    const errorLines = run.stderr.split('\n').filter((l) => l.startsWith('error: '));
    expect(errorLines).toHaveLength(5);
    // Inputs that never reach a thread are in the run's log, not only on stderr.
    const runLog = (await readFile(join(out, 'logs', 'process.log'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(runLog.filter((l) => l.level === 50).map((l) => [l.source, l.code, l.msg, l.runId])).toEqual([
      ['broken.txt', 'E_INPUT_NOT_FOUND', `${join(input, 'broken.txt')} is a broken symlink`, summary.runId],
      ['loop.txt', 'E_INPUT_UNREADABLE', `${join(input, 'loop.txt')} is a symlink loop`, summary.runId],
      [join('sub', 'up'), 'E_INPUT_UNREADABLE', `${join(input, 'sub', 'up')} loops back to ${input}; not followed`, summary.runId],
    ]);
    // Inputs that fail on a thread are in that thread's log.
    const threadLogs = (await readdir(join(out, 'logs'))).filter((f) => f.startsWith('worker-'));
    const threadLines = (await Promise.all(threadLogs.map((f) => readFile(join(out, 'logs', f), 'utf8'))))
      .flatMap((t) => t.trim().split('\n')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(threadLines.filter((l) => l.level === 50).map((l) => [l.source, l.code]).sort()).toEqual([
      ['binary.txt', 'E_BINARY_INPUT'],
      ['oneword.txt', 'E_WORD_TOO_LONG'],
    ]);
    expect(run.stderr).toContain('warning: empty.txt: empty file, 0 words');
    expect(run.stderr).toContain('warning: invalid.txt: invalid UTF-8');
    const bySource = new Map((await readResults(out)).map((r) => [r.source, r]));
    expect(bySource.get('good.txt')).toMatchObject({ totalWords: 3, uniqueWords: 2 });
    expect(bySource.get('empty.txt')).toMatchObject({ totalWords: 0 });
    expect(bySource.get('invalid.txt')).toMatchObject({ totalWords: 2, invalidUtf8: true });
    expect(bySource.get('nospace.txt')).toMatchObject({ totalWords: 1_000_000, uniqueWords: 1 });
    expect(bySource.has('binary.txt')).toBe(false);
  });

  it('says clearly when the input folder does not exist', async () => {
    const run = await runWordmill(['process', join(dir, 'nope'), '--out', join(dir, 'out')]);
    expect(run.code).toBe(2);
    expect(run.stderr.trim()).toBe(`error: input folder ${join(dir, 'nope')} does not exist`);
  });

  it('gives a usage error, not a stack trace, for bad flags', async () => {
    for (const args of [['--threads', 'many'], ['--chunk-size', '1k'], ['--bogus'], ['--stopwords', join(dir, 'no-such-list')]]) {
      const run = await runWordmill(['process', DATA_DIR, '--out', join(dir, 'out'), ...args]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^error: /);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('takes flags from the environment and a stopword file', async () => {
    const out = join(dir, 'out');
    await writeFile(join(dir, 'in.txt'), 'Apple apple banana cherry cherry cherry');
    await writeFile(join(dir, 'stop.txt'), '# fruit I ignore\nCHERRY\n');
    const run = await runWordmill(['process', join(dir, 'in.txt'), '--stopwords', join(dir, 'stop.txt'), '--json'], {
      WORDMILL_OUT: out,
      WORDMILL_TOP: '1',
      WORDMILL_THREADS: '1',
    });
    expect(run.code).toBe(0);
    const [result] = await readResults(out);
    expect(result?.top).toEqual([{ word: 'apple', count: 2 }]);
    // Result files keep the list's size and hash (sha256 of "cherry\n"), not the list.
    expect(result?.options).toEqual({ top: 1, stopwords: { words: 1, sha256: createHash('sha256').update('cherry\n').digest('hex') } });
  });
});
