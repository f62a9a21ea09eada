/** wordcount's counts files: what a run keeps per file adds up, from disk, to one count of the files joined. */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { finalStats, mergePartials, readScan, runCount, runMerge } from '../../workers/tasks/wordcount.ts';
import { readCountsFile } from '../../workers/tasks/counts-file.ts';
import { countText } from '../helpers/count-text.ts';
import type { MergeRequest } from '../../src/protocol.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wordmill-counts-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const TEXTS = ['Éclair ÉCLAIR éclair naïve o’clock', "o'clock the Kelvin \u212A k K 42 don't\n", 'Straße STRASSE straße Война война'];

/** `partial`: counted as a chunk is, so the file keeps the table's raw keys (as earlier versions wrote every counts file). */
async function keep(i: number, text: string, mode: 'final' | 'partial' = 'final'): Promise<string> {
  const path = join(dir, `${i}.txt`);
  await writeFile(path, text);
  const counts = join(dir, `${i}.counts`);
  runCount({ type: 'count', jobId: `j${i}`, source: `${i}.txt`, task: 'wordcount', mode, options: { top: 5, stopwords: 'none' }, logDir: null, keepCounts: counts, input: { kind: 'file', path, start: 0, end: Buffer.byteLength(text) } });
  return counts;
}

async function header(file: string): Promise<Record<string, unknown>> {
  return JSON.parse((await readFile(file, 'utf8')).split('\n', 1)[0]!) as Record<string, unknown>;
}

describe('counts files', () => {
  it('record the SHA-256 of the file and its totals, and merge to the count of the files joined', async () => {
    const files = await Promise.all(TEXTS.map((t, i) => keep(i, t)));
    const head = JSON.parse((await readFile(files[0]!, 'utf8')).split('\n', 1)[0]!) as { sha256: string; totalWords: number; bytes: number };
    expect(head).toMatchObject({ sha256: createHash('sha256').update(TEXTS[0]!).digest('hex'), totalWords: 5, bytes: Buffer.byteLength(TEXTS[0]!) });
    expect(readCountsFile(files[1]!).totalWords).toBe(8);

    const merged = readScan(mergePartials([], files), (scan) => finalStats(scan, { top: 50, stopwords: 'none' }));
    const joined = countText(TEXTS.join('\n'), 50, 'none');
    expect(merged).toEqual({ ...joined, bytes: TEXTS.reduce((n, t) => n + Buffer.byteLength(t), 0) });
  });

  it('hold final words: normalized non-ASCII keys, and an ASCII word met both ways kept twice to add up', async () => {
    const file = await keep(0, TEXTS[1]!);
    expect(await header(file)).toMatchObject({ finalWords: true, keys: 7 });
    const text = (await readFile(file)).toString('utf8');
    const keys = text.slice(text.indexOf('\n') + 1).split('\0', 1)[0]!.split('\n').sort();
    // The Kelvin sign (U+212A) is a key of its own, written normalized: `k`, beside the ASCII key `k`.
    expect(keys).toEqual(["don't", 'k', 'k', 'kelvin', "o'clock", 'the', '42'].sort());
    const merged = readScan(mergePartials([], [file]), (scan) => finalStats(scan, { top: 3, stopwords: 'none' }));
    expect(merged).toMatchObject({ uniqueWords: 6, top: [{ word: 'k', count: 3 }, { word: '42', count: 1 }, { word: "don't", count: 1 }] });
  });

  it('of raw keys (earlier versions) and of final words add up together to the count of the files joined', async () => {
    const files = await Promise.all(TEXTS.map((t, i) => keep(i, t, i === 1 ? 'partial' : 'final')));
    expect((await Promise.all(files.map(header))).map((h) => h['finalWords'] === true)).toEqual([true, false, true]);
    const kept = join(dir, 'sum.counts');
    const request: MergeRequest = { type: 'merge', jobId: 'm', source: 'corpus', task: 'wordcount', partials: [], options: { top: 50, stopwords: 'none' }, logDir: null, addCounts: files };
    const merged = runMerge({ ...request, keepCounts: kept, letters: true });
    const joined = countText(TEXTS.join('\n'), 50, 'none');
    // A corpus merge asked for them also reports the code points of every word (the stats corpus's average word length).
    expect(joined.top).toHaveLength(joined.uniqueWords);
    const letters = joined.top.reduce((n, t) => n + t.count * [...t.word].length, 0);
    const { letters: _, ...counts } = merged;
    expect(merged).toEqual({ ...joined, bytes: TEXTS.reduce((n, t) => n + Buffer.byteLength(t), 0), letters });
    // The sum is kept as final words, and adds up as the files did.
    expect(await header(kept)).toMatchObject({ finalWords: true });
    expect(readScan(mergePartials([], [kept]), (scan) => finalStats(scan, { top: 50, stopwords: 'none' }))).toEqual(counts);
    // Not asked (wordcount's corpus): no letters, the rest the same.
    expect(runMerge(request)).toEqual(counts);
  });
});
