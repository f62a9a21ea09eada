/**
 * Uploads past the body limit are counted as they arrive (docs/http.md#uploads-larger-than-the-body-limit):
 * a real service with a 256 KiB body limit and 64 KiB chunks, so the data/ books (2.1 MB) stream in
 * about 33 chunks, and real HTTP clients (fetch, and node:http to split and stop bodies at will).
 */
import { readFile, readdir, rm, writeFile, mkdtemp } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/create-engine.ts';
import type { WordmillEngine } from '../../src/create-engine.ts';
import type { JobResult } from '../../src/dispatch/job.ts';
import { jsonBody, serviceForSuite } from '../helpers/http-service.ts';

const BOOKS = ['dracula.txt', 'frankenstein.txt', 'heart-of-darkness.txt', 'pride-and-prejudice.txt'];
const RUN_FIELDS = ['id', 'source', 'name', 'worker', 'durationMs', 'finishedAt', 'chunks'] as const;

/** What the text decides: the result without the fields of the run (id, timing, threads, chunking). */
function counted(result: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...result };
  for (const field of RUN_FIELDS) delete rest[field];
  return rest;
}

interface RawAnswer { status: number; body: Record<string, unknown> }

/** POSTs `pieces` one write at a time (each its own TCP send), with the Content-Length of them all. */
function upload(url: string, pieces: Uint8Array[], headers: Record<string, string> = {}): Promise<RawAnswer> {
  const length = pieces.reduce((n, p) => n + p.byteLength, 0);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'text/plain', 'content-length': String(length), ...headers } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part)).on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown> }));
    });
    req.on('error', reject);
    void (async () => {
      for (const piece of pieces) {
        if (!req.write(piece)) await new Promise((done) => req.once('drain', done));
        await sleep(1);
      }
      req.end();
    })();
  });
}

describe('HTTP uploads past the body limit', () => {
  const t = serviceForSuite({ bodyLimit: '256KiB', streamLimit: '8MiB', threads: 2 }, { chunkSize: 64 * 1024 });
  let dir: string;
  let bookPath: string;
  let books: Buffer;
  let engine: WordmillEngine;
  const fileResult = async (task: string, options: Record<string, unknown> = {}): Promise<Record<string, unknown>> =>
    counted(await engine.submit({ task, input: { path: bookPath }, options }) as unknown as Record<string, unknown>);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wordmill-stream-'));
    books = Buffer.concat(await Promise.all(BOOKS.map((name) => readFile(join('data', name)))));
    bookPath = join(dir, 'books.txt');
    await writeFile(bookPath, books);
    engine = createEngine({ threads: 1, outDir: null });
  });
  afterAll(async () => {
    await engine.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('counts the four books exactly as the file, for every chunked task', async () => {
    const cases: Array<[string, string, Record<string, unknown>]> = [
      ['wordcount', 'top=5', { top: 5 }],
      ['ngrams', 'n=2&top=5', { n: 2, top: 5 }],
      ['stats', '', {}],
      ['sentiment', '', {}],
      ['keywords', 'top=5', { top: 5 }],
    ];
    for (const [task, query, options] of cases) {
      const res = await t.call<Record<string, unknown>>(`/v1/jobs?wait=true&task=${task}&${query}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: books });
      expect(res.status, task).toBe(200);
      expect(res.body['chunks'], task).toBeGreaterThan(20);
      expect(counted(res.body), task).toEqual(await fileResult(task, options));
    }
  });

  it('wordcount of the books: the exact figures, in the answer, the job record and the result file', async () => {
    const res = await t.call<JobResult>('/v1/jobs?wait=true&top=3', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: books });
    expect(res.status).toBe(200);
    expect(res.headers.get('location')).toBe(`/v1/jobs/${res.body.id}`);
    expect(res.body).toMatchObject({
      task: 'wordcount', source: 'http', bytes: books.byteLength, totalWords: 398486, uniqueWords: 15766, invalidUtf8: false,
      top: [{ word: 'not', count: 3584 }, { word: 'no', count: 1307 }, { word: 'one', count: 1106 }],
    });
    const record = await t.call<{ status: string; result: JobResult }>(`/v1/jobs/${res.body.id}`);
    expect(record.body.status).toBe('done');
    expect(record.body.result.totalWords).toBe(398486);
    const file = JSON.parse(await readFile(join(t.outDir, `http_${res.body.id}.json`), 'utf8')) as JobResult;
    expect(counted(file as unknown as Record<string, unknown>)).toEqual(counted(res.body as unknown as Record<string, unknown>));
  });

  it('without wait: 202 once the upload is counted, its status done; POST /data streams too', async () => {
    const res = await t.call('/v1/jobs', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: books });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'done', links: { self: `/v1/jobs/${String(res.body['id'])}` } });
    const data = await t.call('/data', { method: 'POST', headers: { 'content-type': 'image/png' }, body: books });
    expect(data.status).toBe(202);
    const record = await t.call<{ status: string; result: JobResult }>(`/v1/jobs/${String(data.body['id'])}`);
    expect(record.body).toMatchObject({ status: 'done', result: { totalWords: 398486, uniqueWords: 15766 } });
  });

  it('a multi-byte character split across network writes and across chunk sizes counts as one word', async () => {
    const filler = Buffer.from('plain words here, '.repeat(20_000));
    const tail = Buffer.from(' café naïve 日本語 über café ', 'utf8');
    const whole = Buffer.concat([filler, tail, filler, tail]);
    // Cut the body into writes of 4093 bytes (a prime), so writes end inside the multi-byte sequences
    // somewhere; and once right inside "é" and inside "日".
    const pieces: Uint8Array[] = [];
    for (let at = 0; at < whole.length; at += 4093) pieces.push(whole.subarray(at, Math.min(whole.length, at + 4093)));
    const res = await upload(`${t.url}/v1/jobs?wait=true&top=10&stopwords=none`, pieces);
    expect(res.status).toBe(200);
    const cafe = filler.length + 5;
    const nihon = filler.length + tail.indexOf('日') + 1;
    const split = await upload(`${t.url}/v1/jobs?wait=true&top=10&stopwords=none`, [whole.subarray(0, cafe), whole.subarray(cafe, nihon), whole.subarray(nihon)]);
    for (const answer of [res, split]) {
      expect(answer.body).toMatchObject({ totalWords: 120_010, uniqueWords: 7, invalidUtf8: false });
      expect(answer.body['top']).toEqual(expect.arrayContaining([{ word: 'café', count: 4 }, { word: '日本語', count: 2 }, { word: 'naïve', count: 2 }, { word: 'über', count: 2 }]));
    }
  });

  it('a client that leaves mid-upload cancels the job: no result, nothing left running, the next upload works', async () => {
    const before = new Set(await readdir(t.outDir));
    const req = request(`${t.url}/v1/jobs?wait=true`, { method: 'POST', headers: { 'content-type': 'text/plain', 'content-length': String(4 * 1024 * 1024) } });
    req.on('error', () => {});
    req.write(books.subarray(0, 1024 * 1024));
    let running: Array<{ id: string }> = [];
    for (let i = 0; i < 200 && running.length === 0; i++) {
      await sleep(10);
      running = (await t.call<{ jobs: Array<{ id: string }> }>('/v1/jobs?status=running')).body.jobs;
    }
    expect(running).toHaveLength(1);
    req.destroy();
    const id = running[0]!.id;
    let status = 'running';
    for (let i = 0; i < 200 && status === 'running'; i++) {
      await sleep(10);
      status = String((await t.call(`/v1/jobs/${id}`)).body['status']);
    }
    expect(status).toBe('cancelled');
    expect(t.service.engine.load()).toEqual({ queued: 0, running: 0 });
    expect((await readdir(t.outDir)).filter((name) => !before.has(name) && name.includes(id))).toEqual([]);
    const next = await upload(`${t.url}/v1/jobs?wait=true`, [books]);
    expect(next.body).toMatchObject({ totalWords: 398486 });
  });

  it('413 problem+json past --stream-limit, and for a JSON body past the body limit, without reading the body', async () => {
    const over = await new Promise<RawAnswer & { type: string }>((resolve, reject) => {
      const req = request(`${t.url}/v1/jobs`, { method: 'POST', headers: { 'content-type': 'text/plain', 'content-length': String(8 * 1024 * 1024 + 1) } }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part)).on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body: JSON.parse(Buffer.concat(parts).toString('utf8')) as Record<string, unknown> }));
      });
      req.on('error', reject);
      req.write('only the start ');
    });
    expect(over.status).toBe(413);
    expect(over.type).toMatch(/^application\/problem\+json/);
    expect(over.body).toMatchObject({
      code: 'E_BODY_TOO_LARGE',
      detail: 'the request body is larger than the limit of 8388608 bytes: the stream limit (--stream-limit) for uploads counted as they arrive',
    });
    const json = await t.call('/v1/jobs', jsonBody({ text: books.toString('utf8') }));
    expect(json.status).toBe(413);
    expect(String(json.body['detail'])).toBe('the request body is larger than the limit of 262144 bytes: a JSON body is read whole; send a larger text as text/plain with task and options in the query (counted as it arrives, up to 8388608 bytes)');
  });

  it('a binary upload fails at its first chunk, with the job id', async () => {
    const binary = Buffer.concat([Buffer.from([0, 1, 2, 3]), books]);
    const res = await upload(`${t.url}/v1/jobs?wait=true`, [binary]);
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'E_BINARY_INPUT', jobId: expect.any(String) as string });
  });
});
