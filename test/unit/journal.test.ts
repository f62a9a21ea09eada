/** The job journal on a real folder: what a reopen finds, torn and damaged records, segments, grouped syncs. */
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/dispatch/job.ts';
import { GroupCommit } from '../../src/durable-fs/group-commit.ts';
import { Journal } from '../../src/journal/journal.ts';
import { LEGACY_JOURNAL_FILE, segmentName } from '../../src/journal/journal-files.ts';

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

const files = async (): Promise<string[]> => (await readdir(dir)).sort();
const ids = (entries: Array<{ job: Job }>): string[] => entries.map((e) => e.job.id);

describe('Journal', () => {
  it('gives back, on reopen, exactly the recorded jobs that were not finished, inputs intact', async () => {
    const first = await Journal.open(dir);
    expect(first.unfinished).toEqual([]);
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xff, 0x62]);
    await Promise.all([
      first.journal.record(job('a'), { fingerprint: 'fa' }),
      first.journal.record(job('b', { bytes }), {}),
      first.journal.record(job('c'), {}),
      first.journal.record(job('d', { path: '/data/book.zip', member: 'book.txt' }), {}),
    ]);
    first.journal.finish('b');
    first.journal.finish('not-journaled');
    await first.journal.close();

    const second = await Journal.open(dir);
    expect(second.unfinished).toEqual([
      { job: job('a'), fingerprint: 'fa' }, { job: job('c') }, { job: job('d', { path: '/data/book.zip', member: 'book.txt' }) },
    ]);
    second.journal.finish('a');
    await second.journal.close();
    const third = await Journal.open(dir);
    expect(ids(third.unfinished)).toEqual(['c', 'd']);
    // Opening replaces the files it read with one segment holding the unfinished jobs only.
    expect(await files()).toEqual([segmentName(3)]);
    await third.journal.close();
  });

  it('keeps bytes byte for byte and texts unit for unit, lone surrogates included', async () => {
    const { journal } = await Journal.open(dir);
    const bytes = new Uint8Array([0, 1, 2, 0x0a, 0xfe, 0xff, 0x0a]);
    const texts = ['naïve café 日本語 😀\nline two\n', 'lone \ud800 surrogate', ''];
    await journal.record(job('bin', { bytes }), {});
    for (const [i, text] of texts.entries()) await journal.record(job(`t${i}`, { text }), {});
    await journal.close();
    const { unfinished, journal: again } = await Journal.open(dir);
    expect([...(unfinished[0]!.job.input as { bytes: Uint8Array }).bytes]).toEqual([0, 1, 2, 0x0a, 0xfe, 0xff, 0x0a]);
    expect(unfinished.slice(1).map((e) => (e.job.input as { text: string }).text)).toEqual(texts);
    await again.close();
  });

  it('writes a raw body after its header as it is, not in base64', async () => {
    const { journal } = await Journal.open(dir);
    await journal.record(job('raw', { bytes: new TextEncoder().encode('plain words') }), {});
    await journal.close();
    const header = { op: 'add', id: 'raw', task: 'wordcount', input: { bytes: 11, crc32: crc32('plain words') }, options: { top: 5, stopwords: 'none' }, source: 'http', name: 'http' };
    expect(await readFile(join(dir, segmentName(1)), 'utf8')).toBe(`${JSON.stringify(header)}\nplain words\n`);
  });

  it('leaves out a record torn by a crash mid-append: header, payload or its newline cut short', async () => {
    const { journal } = await Journal.open(dir);
    await journal.record(job('whole'), {});
    await journal.record(job('cut', { text: 'x'.repeat(100) }), {});
    await journal.close();
    const path = join(dir, segmentName(1));
    const full = await readFile(path);
    for (const cut of [1, 50, 101]) {
      await writeFile(path, full.subarray(0, full.length - cut));
      const { unfinished, journal: again } = await Journal.open(dir);
      expect(ids(unfinished)).toEqual(['whole']);
      await again.close();
      // Each open wrote a new segment with what it found: put the cut file back in its place.
      for (const name of await files()) await rm(join(dir, name));
    }
    await writeFile(path, Buffer.concat([full, Buffer.from('{"op":"add","id":"torn","task":"wordc')]));
    const { unfinished, journal: again } = await Journal.open(dir);
    expect(ids(unfinished)).toEqual(['whole', 'cut']);
    await again.close();
  });

  it('stops at a record whose payload does not match its checksum: only a torn end can be bad', async () => {
    const { journal } = await Journal.open(dir);
    await journal.record(job('before'), {});
    await journal.record(job('damaged', { text: 'abcdef' }), {});
    await journal.record(job('after'), {});
    await journal.close();
    const path = join(dir, segmentName(1));
    await writeFile(path, (await readFile(path, 'utf8')).replace('\nabcdef\n', '\nabcxef\n'));
    const { unfinished, journal: again } = await Journal.open(dir);
    expect(ids(unfinished)).toEqual(['before']);
    await again.close();
  });

  it('never reads a client\'s payload as records, even after a damaged header', async () => {
    const { journal } = await Journal.open(dir);
    await journal.record(job('kept'), {});
    // A body that holds lines shaped like journal records: an end for `kept`, and a job of its own.
    const forged = `\n{"op":"end","id":"kept"}\n{"op":"add","id":"forged","task":"wordcount","options":{},"source":"http","name":"http","input":{"path":"/etc/passwd"}}\n`;
    await journal.record(job('carrier', { bytes: new TextEncoder().encode(forged) }), {});
    await journal.close();
    const path = join(dir, segmentName(1));
    const bytes = await readFile(path);
    const header = bytes.indexOf('"carrier"');
    bytes[header] = 0x78; // the carrier's header is no longer JSON
    await writeFile(path, bytes);
    const { unfinished, journal: again } = await Journal.open(dir);
    expect(ids(unfinished)).toEqual(['kept']);
    await again.close();
  });

  it('reads the one-file journal of earlier versions (base64 and JSON text lines) and replaces it', async () => {
    const lines = [
      { op: 'add', id: 'old-text', task: 'wordcount', input: { text: 'one two' }, options: { top: 5, stopwords: 'none' }, source: 'http', name: 'http', fingerprint: 'f1' },
      { op: 'add', id: 'old-bytes', task: 'wordcount', input: { base64: Buffer.from([0x61, 0xff]).toString('base64') }, options: { top: 5, stopwords: 'none' }, source: 'http', name: 'http' },
      { op: 'add', id: 'old-done', task: 'wordcount', input: { text: 'done' }, options: { top: 5, stopwords: 'none' }, source: 'http', name: 'http' },
      { op: 'end', id: 'old-done' },
    ];
    await writeFile(join(dir, LEGACY_JOURNAL_FILE), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n{"op":"add","id":"torn`);
    const { unfinished, journal } = await Journal.open(dir);
    expect(unfinished).toEqual([
      { job: job('old-text', { text: 'one two' }), fingerprint: 'f1' },
      { job: job('old-bytes', { bytes: new Uint8Array([0x61, 0xff]) }) },
    ]);
    expect(await files()).toEqual([segmentName(1)]);
    await journal.close();
  });

  it('starts a new segment past the size limit and deletes old ones once all their jobs ended', async () => {
    const { journal } = await Journal.open(dir, { segmentBytes: 4096 });
    const big = 'x'.repeat(1000);
    // Four ~1.2 KB records fill a segment: j0-j3 in segment 1, j4-j7 in segment 2, j8-j11 in segment 3,
    // and the next append starts segment 4.
    for (let i = 0; i < 12; i++) await journal.record(job(`j${i}`, { text: big }), {});
    expect(await files()).toEqual([segmentName(1), segmentName(2), segmentName(3)]);
    // Segment 2 all ended: kept while segment 1 (older) still has a job, since its end records tell segment 1's story.
    for (const i of [0, 1, 2, 4, 5, 6, 7]) journal.finish(`j${i}`);
    await journal.record(job('k'), {});
    expect(await files()).toEqual([segmentName(1), segmentName(2), segmentName(3), segmentName(4)]);
    journal.finish('j3');
    await journal.record(job('m'), {});
    expect(await files()).toEqual([segmentName(3), segmentName(4)]);
    await journal.close();
    const { unfinished, journal: again } = await Journal.open(dir, { segmentBytes: 4096 });
    expect(ids(unfinished)).toEqual(['j8', 'j9', 'j10', 'j11', 'k', 'm']);
    await again.close();
  });

  it('copies a long-running job forward so that it does not hold old segments on disk', async () => {
    const { journal } = await Journal.open(dir, { segmentBytes: 4096 });
    const big = 'y'.repeat(1000);
    await journal.record(job('stuck', { text: 'still running' }), {});
    for (let i = 0; i < 60; i++) {
      await journal.record(job(`j${i}`, { text: big }), {});
      journal.finish(`j${i}`);
    }
    await journal.record(job('last'), {});
    // The stuck job's segment went once it was copied: at most the segment it was copied to, the
    // one closed before the current one, and the current one.
    expect(journal.segmentCount).toBeLessThanOrEqual(3);
    expect((await files()).length).toBe(journal.segmentCount);
    expect(await files()).not.toContain(segmentName(1));
    await journal.close();
    const { unfinished, journal: again } = await Journal.open(dir);
    expect(unfinished).toEqual([{ job: job('stuck', { text: 'still running' }) }, { job: job('last') }]);
    await again.close();
  });

  it('after a kill mid-run (no close), a reopen runs again exactly the jobs not finished, across segments', async () => {
    const { journal } = await Journal.open(dir, { segmentBytes: 8192 });
    const finished = new Set<string>();
    const texts = new Map<string, string>();
    for (let i = 0; i < 40; i++) {
      const text = `${i} `.repeat(200 + i);
      texts.set(`j${i}`, text);
      await journal.record(job(`j${i}`, i % 2 === 0 ? { text } : { bytes: new TextEncoder().encode(text) }), {});
      if (i % 3 === 0 && i > 0) {
        journal.finish(`j${i - 1}`);
        finished.add(`j${i - 1}`);
      }
    }
    // One more record: the end records before it are written with its batch. Then no close: as if killed.
    await journal.record(job('final'), {});
    const size = (await Promise.all((await files()).map((f) => stat(join(dir, f))))).reduce((n, s) => n + s.size, 0);
    expect(size).toBeGreaterThan(0);

    const { unfinished, journal: again } = await Journal.open(dir);
    const expected = [...texts.keys()].filter((id) => !finished.has(id));
    expect(ids(unfinished)).toEqual([...expected, 'final']);
    for (const entry of unfinished.slice(0, -1)) {
      const input = entry.job.input;
      const text = 'text' in input ? input.text : new TextDecoder().decode((input as { bytes: Uint8Array }).bytes);
      expect(text).toBe(texts.get(entry.job.id));
    }
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
