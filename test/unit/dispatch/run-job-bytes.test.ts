/**
 * What crosses to the worker threads for a job given as bytes: a small one's own bytes, never the
 * buffer they sit in; a large one in shared memory, each range a view of it (dispatch/shared-bytes.ts).
 */
import { describe, expect, it } from 'vitest';
import { runJob } from '../../../src/dispatch/run-job.ts';
import type { Job } from '../../../src/dispatch/job.ts';
import type { TaskRequest } from '../../../src/protocol.ts';
import type { ThreadPool } from '../../../src/pool/thread-pool.ts';

/** A pool that answers every count with the same stats and keeps the requests it was given. */
function recordingPool(): { pool: ThreadPool; requests: TaskRequest[] } {
  const requests: TaskRequest[] = [];
  const stats = { bytes: 0, totalWords: 0, uniqueWords: 0, top: [], invalidUtf8: false };
  const pool = {
    threads: 2,
    run: async (request: TaskRequest) => {
      requests.push(request);
      if (request.type === 'merge') return { kind: 'final', stats, threadId: 1 };
      return request.input.kind === 'bytes' && request.mode === 'partial'
        ? { kind: 'partial', partial: { words: [], counts: [] }, threadId: 1 }
        : { kind: 'final', stats, threadId: 1 };
    },
  } as unknown as ThreadPool;
  return { pool, requests };
}

const jobOf = (bytes: Uint8Array): Job => ({
  id: 'j', task: 'wordcount', input: { bytes }, options: { top: 3, stopwords: 'none' } as Job['options'], source: 'http', name: 'http',
});

const sent = (request: TaskRequest): Uint8Array => {
  if (request.type !== 'count' || request.input.kind !== 'bytes') throw new Error(`not a count of bytes: ${request.type}`);
  return request.input.bytes;
};

describe('runJob with bytes', () => {
  it('sends a small body that sits in Node\'s shared buffer slab as a copy of its own bytes', async () => {
    const body = Buffer.concat([Buffer.from('one two three '.repeat(70))]); // ~1 KiB: a view into an 8 KiB slab
    expect(body.buffer.byteLength).toBeGreaterThan(body.byteLength);
    const { pool, requests } = recordingPool();
    await runJob(jobOf(body), { pool, chunkSize: 1 << 20, logDir: null, retries: 0, signal: new AbortController().signal });
    expect(requests).toHaveLength(1);
    const bytes = sent(requests[0]!);
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(body.byteLength);
    expect(Buffer.from(bytes).equals(body)).toBe(true);
  });

  it('sends a body that is its whole buffer as it is', async () => {
    const body = new Uint8Array(Buffer.from('alpha beta gamma'));
    const { pool, requests } = recordingPool();
    await runJob(jobOf(body), { pool, chunkSize: 1 << 20, logDir: null, retries: 0, signal: new AbortController().signal });
    expect(sent(requests[0]!)).toBe(body);
  });

  it('sends each range of a large chunked body as a view of one shared copy, in order and whole', async () => {
    const body = Buffer.alloc(300_000, 'word ');
    const { pool, requests } = recordingPool();
    await runJob(jobOf(body), { pool, chunkSize: 100_000, logDir: null, retries: 0, signal: new AbortController().signal });
    const counts = requests.filter((r) => r.type === 'count').map(sent);
    expect(counts.length).toBeGreaterThan(2);
    const shared = counts[0]!.buffer;
    expect(shared).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.byteLength).toBe(body.byteLength);
    let at = 0;
    for (const bytes of counts) {
      expect(bytes.buffer).toBe(shared);
      expect(bytes.byteOffset).toBe(at);
      at += bytes.byteLength;
    }
    expect(at).toBe(body.byteLength);
    expect(Buffer.from(shared).equals(body)).toBe(true);
  });

  it('sends a large body already in shared memory without copying it', async () => {
    const body = new Uint8Array(new SharedArrayBuffer(200_000)).fill(0x61);
    const { pool, requests } = recordingPool();
    await runJob(jobOf(body), { pool, chunkSize: 1 << 20, logDir: null, retries: 0, signal: new AbortController().signal });
    expect(sent(requests[0]!)).toBe(body);
  });
});
