/** `wordmill process` on gzip files, zip archives and HTML: the same counts as the plain text, damaged ones one error each. */
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../src/cli/summary.ts';
import type { JobResult } from '../../src/dispatch/job.ts';
import { runWordmill } from '../helpers/cli.ts';

const BOOK = new URL('../../data/frankenstein.txt', import.meta.url);
let dir: string;
let book: Buffer;

/** The book as HTML a browser shows as the same words: a paragraph per blank-line block, markup-significant characters as entities. */
function asHtml(text: string): string {
  const escape = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
  const paragraphs = text.split(/\n\s*\n/).map((p) => `<p>${escape(p)}</p>`).join('\n');
  return `<!DOCTYPE html><html><head><title>Unseen title words</title><style>p { margin: 0 }</style></head>`
    + `<body><script>var hidden = "script words";</script>${paragraphs}<!-- comment words --></body></html>`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wordmill-packed-'));
  book = await readFile(BOOK);
  await writeFile(join(dir, 'book.txt'), book);
  await writeFile(join(dir, 'book.txt.gz'), gzipSync(book));
  await writeFile(join(dir, 'page.html'), asHtml(book.toString('utf8')));
  await writeFile(join(dir, 'shelf.zip'), zipSync({ 'texts/book.txt': book, 'notes.md': new TextEncoder().encode('left out'), 'blob.txt': new Uint8Array([1, 0, 2]) }));
  const gz = gzipSync(book);
  await writeFile(join(dir, 'cut.txt.gz'), gz.subarray(0, gz.length >> 1));
  await writeFile(join(dir, 'junk.zip'), 'not a zip at all');
  const corrupt = Buffer.from(zipSync({ 'inner.txt': book }));
  corrupt.fill(0xff, 2000, 2400);
  await writeFile(join(dir, 'corrupt.zip'), corrupt);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const comparable = (r: JobResult) => ({ totalWords: r.totalWords, uniqueWords: r.uniqueWords, top: r.top });

describe('wordmill process on packed inputs', () => {
  it('counts gzip, zip members and HTML as the plain text, names their results, and fails damaged ones alone', async () => {
    const out = join(dir, 'out');
    const run = await runWordmill(['process', dir, '-o', out, '-t', '2', '--top', '5', '--json', '--no-corpus']);
    expect(run.code).toBe(1);
    const summary = JSON.parse(run.stdout) as RunSummary;
    const ok = new Map<string, JobResult>();
    for (const row of summary.results) {
      if (row.output) ok.set(row.source, JSON.parse(await readFile(row.output, 'utf8')) as JobResult);
    }
    expect([...ok.keys()].sort()).toEqual(['book.txt', 'book.txt.gz', 'page.html', 'shelf.zip:texts/book.txt']);
    const plain = ok.get('book.txt')!;
    expect(plain.totalWords).toBe(75267);
    for (const source of ['book.txt.gz', 'shelf.zip:texts/book.txt', 'page.html']) expect(comparable(ok.get(source)!), source).toEqual(comparable(plain));
    expect(ok.get('book.txt.gz')!.bytes).toBe(book.length);
    expect(ok.get('shelf.zip:texts/book.txt')!.bytes).toBe(book.length);
    const names = summary.results.flatMap((r) => (r.output ? [r.output.slice(out.length + 1, r.output.lastIndexOf('_'))] : [])).sort();
    expect(names).toEqual(['book', 'book', 'page', 'shelf_book']);

    const failures = Object.fromEntries(summary.failures.map((f) => [f.source, f.code]));
    expect(failures).toEqual({
      'cut.txt.gz': 'E_INPUT_DAMAGED',
      'junk.zip': 'E_INPUT_DAMAGED',
      'corrupt.zip:inner.txt': 'E_INPUT_DAMAGED',
      'shelf.zip:blob.txt': 'E_BINARY_INPUT',
    });
    expect(run.stderr).toMatch(/^error: cut\.txt\.gz: E_INPUT_DAMAGED .*damaged gzip file/m);
    expect(summary.skipped).toBe(1);
  });

  it('reuses unchanged archives and their members on a re-run', async () => {
    const out = join(dir, 'again');
    const args = ['process', join(dir, 'book.txt.gz'), join(dir, 'shelf.zip'), '-o', out, '-t', '1', '--json'];
    // Older than a second: a file just written is checked by content, and a packed file has no content hash to check.
    const past = new Date(Date.now() - 60_000);
    for (const name of ['book.txt.gz', 'shelf.zip']) await utimes(join(dir, name), past, past);
    const first = JSON.parse((await runWordmill(args)).stdout) as RunSummary;
    const second = JSON.parse((await runWordmill(args)).stdout) as RunSummary;
    expect(first.reused).toBe(0);
    expect(second.reused).toBe(2);
    expect(second.results.map((r) => r.source).sort()).toEqual(first.results.map((r) => r.source).sort());
    expect(second.corpus).toEqual(first.corpus);
  });
});
