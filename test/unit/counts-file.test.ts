/** wordcount's counts files: what a run keeps per file adds up, from disk, to one count of the files joined. */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { finalStats, mergePartials, readScan, runCount } from '../../workers/tasks/wordcount.ts';
import { readCountsFile } from '../../workers/tasks/counts-file.ts';
import { countText } from '../helpers/count-text.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wordmill-counts-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const TEXTS = ['Éclair ÉCLAIR éclair naïve o’clock', "o'clock the Kelvin \u212A k K 42 don't\n", 'Straße STRASSE straße Война война'];

async function keep(i: number, text: string): Promise<string> {
  const path = join(dir, `${i}.txt`);
  await writeFile(path, text);
  const counts = join(dir, `${i}.counts`);
  runCount({ type: 'count', jobId: `j${i}`, source: `${i}.txt`, task: 'wordcount', mode: 'final', options: { top: 5, stopwords: 'none' }, logDir: null, keepCounts: counts, input: { kind: 'file', path, start: 0, end: Buffer.byteLength(text) } });
  return counts;
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
});
