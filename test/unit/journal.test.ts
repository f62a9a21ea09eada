/** The job journal on a real folder: what a reopen finds, torn lines, compaction, grouped syncs. */
import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/dispatch/job.ts';
import { GroupCommit } from '../../src/durable-fs/group-commit.ts';
import { JOURNAL_FILE, Journal } from '../../src/journal/journal.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wordmill-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const job = (id: string, input: Job['input'] = { text: `text of ${id}` }): Job => ({
  id, task: 'wordcount', input, options: { top: 5, stopwords: 'none' } as Job['options'], source: 'http', name: 'http',
});

describe('Journal', () => {
  it('gives back, on reopen, exactly the recorded jobs that were not finished, inputs intact', async () => {
    const first = await Journal.open(dir);
    expect(first.unfinished).toEqual([]);
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xff, 0x62]);
    await Promise.all([
      first.journal.record(job('a'), { fingerprint: 'fa' }),
      first.journal.record(job('b', { bytes }), {}),
      first.journal.record(job('c'), {}),
    ]);
    first.journal.finish('b');
    first.journal.finish('not-journaled');
    await first.journal.close();

    const second = await Journal.open(dir);
    expect(second.unfinished).toEqual([{ job: job('a'), fingerprint: 'fa' }, { job: job('c') }]);
    second.journal.finish('a');
    await second.journal.close();
    const third = await Journal.open(dir);
    expect(third.unfinished.map((e) => e.job.id)).toEqual(['c']);
    // Opening rewrites the file with the unfinished jobs only.
    expect((await readFile(join(dir, JOURNAL_FILE), 'utf8')).trim().split('\n')).toHaveLength(1);
    await third.journal.close();
  });

  it('keeps bytes inputs byte for byte', async () => {
    const { journal } = await Journal.open(dir);
    const bytes = new Uint8Array([0, 1, 2, 0xfe, 0xff]);
    await journal.record(job('bin', { bytes }), {});
    await journal.close();
    const { unfinished, journal: again } = await Journal.open(dir);
    expect([...(unfinished[0]!.job.input as { bytes: Uint8Array }).bytes]).toEqual([0, 1, 2, 0xfe, 0xff]);
    await again.close();
  });

  it('ignores a line torn by a crash mid-append', async () => {
    const { journal } = await Journal.open(dir);
    await journal.record(job('whole'), {});
    await journal.close();
    await appendFile(join(dir, JOURNAL_FILE), '{"op":"add","id":"torn","task":"wordc');
    const { unfinished, journal: again } = await Journal.open(dir);
    expect(unfinished.map((e) => e.job.id)).toEqual(['whole']);
    await again.close();
  });

  it('rewrites itself past the size threshold, keeping only unfinished jobs', async () => {
    const { journal } = await Journal.open(dir, { compactAtBytes: 4096 });
    const big = 'x'.repeat(500);
    for (let i = 0; i < 20; i++) {
      await journal.record(job(`j${i}`, { text: big }), {});
      if (i !== 7) journal.finish(`j${i}`);
    }
    await journal.record(job('last'), {});
    expect((await stat(join(dir, JOURNAL_FILE))).size).toBeLessThan(4096);
    await journal.close();
    const { unfinished, journal: again } = await Journal.open(dir);
    expect(unfinished.map((e) => e.job.id)).toEqual(['j7', 'last']);
    await again.close();
  });
});

describe('GroupCommit', () => {
  it('flushes the items added while a flush runs together, in order, one flush per batch', async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const commit = new GroupCommit<number>(async (items) => {
      batches.push(items);
      await new Promise<void>((resolve) => (release = resolve));
    });
    const first = commit.add(1);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [2, 3, 4].map((n) => commit.add(n));
    release();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    release();
    await Promise.all(rest);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('rejects every item of a failed batch and goes on with the next', async () => {
    let fail = true;
    const commit = new GroupCommit<string>(async () => {
      if (fail) throw new Error('disk full');
    });
    const failed = [commit.add('a'), commit.add('b')];
    for (const f of failed) await expect(f).rejects.toThrow('disk full');
    fail = false;
    await expect(commit.add('c')).resolves.toBeUndefined();
  });
});
