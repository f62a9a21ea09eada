/** The engine with real worker threads: results, chunking, backpressure, cancel, close. */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/create-engine.ts';
import type { Engine } from '../../src/engine.ts';
import { resultJson } from '../../src/sinks/result-json.ts';
import { BOOKS, DATA_DIR, expectedFor } from '../helpers/conformance.ts';

let out: string;
let engine: Engine | undefined;

beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'wordmill-engine-'));
});
afterEach(async () => {
  await engine?.close({ cancel: true });
  engine = undefined;
  await rm(out, { recursive: true, force: true });
});

describe('engine on a real pool', () => {
  it('counts text, writes the output file and a worker log line', async () => {
    engine = createEngine({ threads: 1, outDir: out });
    const result = await engine.submit({ id: 'job-1', input: { text: 'To be, or not to be: that is the question.' }, options: { top: 3, stopwords: 'none' } });
    expect(result).toMatchObject({ id: 'job-1', task: 'wordcount', source: 'text', totalWords: 10, uniqueWords: 8, chunks: 1 });
    expect(result.top).toEqual([{ word: 'be', count: 2 }, { word: 'to', count: 2 }, { word: 'is', count: 1 }]);
    expect(typeof result.worker).toBe('number');
    const text = await readFile(join(out, 'text_job-1.json'), 'utf8');
    expect(JSON.parse(text)).toEqual(result);
    // One line, the result's JSON once: the text the HTTP 200 and the MQTT reply carry too.
    expect(text).toBe(`${resultJson(result)}\n`);
    expect(text.indexOf('\n')).toBe(text.length - 1);
    const log = (await readFile(join(out, 'logs', `worker-${String(result.worker)}.log`), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(log).toContainEqual(expect.objectContaining({ jobId: 'job-1', outcome: 'done', level: 30, msg: 'count done', bytes: 42, source: 'text' }));
  });

  it('splits large files across threads and merges to the exact book counts', async () => {
    engine = createEngine({ threads: 2, outDir: out, chunkSize: '64KiB' });
    const outcomes = await engine.map(BOOKS.map((book) => ({ input: { path: join(DATA_DIR, `${book}.txt`) }, source: `${book}.txt` })));
    for (const [i, book] of BOOKS.entries()) {
      const outcome = outcomes[i]!;
      if (!outcome.ok) throw outcome.error;
      expect(outcome.result.chunks).toBeGreaterThan(2);
      expect(Array.isArray(outcome.result.worker)).toBe(true);
      expect({ totalWords: outcome.result.totalWords, uniqueWords: outcome.result.uniqueWords, top: outcome.result.top }).toEqual(expectedFor(book));
    }
    expect((await readdir(out)).filter((f) => f.endsWith('.json')).sort()).toHaveLength(4);
  });

  it('counts a book given as bytes (plain, shared, a view into a larger buffer) or as text, in chunks, exactly', async () => {
    engine = createEngine({ threads: 2, outDir: out, chunkSize: '64KiB' });
    const book = BOOKS[0]!;
    const bytes = await readFile(join(DATA_DIR, `${book}.txt`));
    const shared = new Uint8Array(new SharedArrayBuffer(bytes.length));
    shared.set(bytes);
    const padded = Buffer.concat([Buffer.from('x'.repeat(1000)), bytes, Buffer.from(' tail')]);
    const inputs = [{ bytes: Uint8Array.from(bytes) }, { bytes: shared }, { bytes: padded.subarray(1000, 1000 + bytes.length) }, { text: bytes.toString('utf8') }];
    const outcomes = await engine.map(inputs.map((input, i) => ({ input, source: `as-${i}`, options: {} })));
    for (const outcome of outcomes) {
      if (!outcome.ok) throw outcome.error;
      expect(outcome.result.chunks).toBeGreaterThan(2);
      expect({ totalWords: outcome.result.totalWords, uniqueWords: outcome.result.uniqueWords, top: outcome.result.top }).toEqual(expectedFor(book));
    }
  });

  it('reports a missing file and a binary input with their codes, and keeps going', async () => {
    engine = createEngine({ threads: 1, outDir: out });
    const outcomes = await engine.map([
      { input: { path: join(out, 'missing.txt') } },
      { input: { bytes: Buffer.from([0x61, 0, 0x62]) } },
      { input: { text: 'still counted' } },
    ]);
    expect(outcomes.map((o) => (o.ok ? o.result.totalWords : o.error.code))).toEqual(['E_INPUT_NOT_FOUND', 'E_BINARY_INPUT', 2]);
  });

  it('refuses work past the bounded queue with E_QUEUE_FULL and finishes what it accepted', async () => {
    engine = createEngine({ threads: 1, concurrency: 1, maxQueue: 2, outDir: null });
    const text = 'word '.repeat(200_000);
    const accepted = [engine.submit({ input: { text } }), engine.submit({ input: { text } }), engine.submit({ input: { text } })];
    await expect(engine.submit({ input: { text } })).rejects.toMatchObject({ code: 'E_QUEUE_FULL' });
    // load(): the admission figures alone (what the MQTT input asks for every message), as stats() has them.
    expect(engine.load()).toEqual({ queued: 2, running: 1 });
    expect(engine.stats()).toMatchObject({ queued: 2, running: 1 });
    const results = await Promise.all(accepted);
    expect(results.map((r) => r.totalWords)).toEqual([200_000, 200_000, 200_000]);
    expect(engine.load()).toEqual({ queued: 0, running: 0 });
  });

  it('rejects invalid jobs at the boundary with a message naming the problem', async () => {
    engine = createEngine({ threads: 1, outDir: null });
    await expect(engine.submit({ task: 'nope', input: { text: 'x' } })).rejects.toMatchObject({ code: 'E_UNKNOWN_TASK' });
    await expect(engine.submit({ input: { text: 'x' }, options: { top: -1 } })).rejects.toMatchObject({
      code: 'E_INVALID_JOB',
      message: expect.stringContaining('top') as unknown,
    });
  });

  it('cancels a queued job', async () => {
    engine = createEngine({ threads: 1, concurrency: 1, outDir: null });
    const running = engine.submit({ input: { text: 'a '.repeat(300_000) } });
    const queued = engine.submit({ id: 'queued-1', input: { text: 'b' } });
    expect(engine.cancel('queued-1')).toBe(true);
    await expect(queued).rejects.toMatchObject({ code: 'E_CANCELLED' });
    await expect(running).resolves.toMatchObject({ totalWords: 300_000 });
    expect(engine.cancel('queued-1')).toBe(false);
  });

  it('times out a job that runs too long', async () => {
    engine = createEngine({ threads: 1, outDir: null, timeoutMs: 1, retries: 0 });
    await expect(engine.submit({ input: { text: 'slow '.repeat(2_000_000) } })).rejects.toMatchObject({ code: 'E_TIMEOUT' });
  });

  it('lets admitted jobs finish on close and then refuses new ones', async () => {
    engine = createEngine({ threads: 1, outDir: null });
    const pending = engine.submit({ input: { text: 'one two three' } });
    const closing = engine.close();
    await expect(pending).resolves.toMatchObject({ totalWords: 3 });
    await closing;
    await expect(engine.submit({ input: { text: 'late' } })).rejects.toMatchObject({ code: 'E_ENGINE_CLOSED' });
    engine = undefined;
  });
});
