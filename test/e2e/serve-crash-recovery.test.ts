/**
 * The fault test: jobs answered 202 survive a SIGKILL. 200 jobs are accepted
 * (100 already finished, one long job running, 99 waiting behind it), the
 * built CLI is killed, and a new process on the same --out finishes the rest:
 * every id answers done, each job ran exactly once (one result file per id,
 * the ones finished before the crash untouched).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { unfinishedJobs } from '../../src/journal/journal-files.ts';
import { CLI } from '../helpers/cli.ts';

interface Serve {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];
async function stopChildren(): Promise<void> {
  const running = children.splice(0).filter((child) => child.exitCode === null && child.signalCode === null);
  await Promise.all(running.map((child) => new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  })));
}
afterEach(stopChildren);

async function serve(outDir: string): Promise<Serve> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--threads', '1', '--mqtt', 'off', '--out', outDir], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, WORDMILL_MAX_QUEUE: '1000' },
  });
  children.push(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  for await (const line of createInterface({ input: child.stderr! })) {
    const entry = JSON.parse(line) as { url?: string };
    if (entry.url) return { child, url: entry.url, exited };
  }
  throw new Error('serve exited before logging its address');
}

async function submit(url: string, text: string, query = 'stopwords=none'): Promise<string> {
  const res = await fetch(`${url}/v1/jobs?${query}`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: text });
  const body = (await res.json()) as { id: string };
  if (res.status !== 202) throw new Error(`submit answered ${res.status}: ${JSON.stringify(body)}`);
  return body.id;
}

async function status(url: string, id: string): Promise<{ code: number; status?: string; totalWords?: number }> {
  const res = await fetch(`${url}/v1/jobs/${id}`);
  const body = (await res.json()) as { status?: string; result?: { totalWords: number } };
  return { code: res.status, ...(body.status === undefined ? {} : { status: body.status }), ...(body.result ? { totalWords: body.result.totalWords } : {}) };
}

async function untilDone(url: string, ids: string[], timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (const id of ids) {
    for (;;) {
      const s = await status(url, id);
      if (s.status === 'done') break;
      if (s.code !== 200 || s.status === 'failed' || s.status === 'cancelled' || Date.now() > until) {
        throw new Error(`job ${id}: ${JSON.stringify(s)}`);
      }
      await sleep(25);
    }
  }
}

const resultFiles = async (outDir: string): Promise<string[]> => (await readdir(outDir)).filter((n) => n.endsWith('.json')).sort();
/** Job i has i + 1 words, so every result tells which job it is. */
const small = (i: number): string => 'word '.repeat(i + 1);

describe('serve: a SIGKILL loses no accepted job', () => {
  it('200 accepted, SIGKILL mid-run, restart on the same --out: 200/200 done, each exactly once', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'wordmill-crash-'));
    try {
      const first = await serve(outDir);
      const ids: string[] = [];
      for (let i = 0; i < 100; i += 20) ids.push(...(await Promise.all(Array.from({ length: 20 }, (_, k) => submit(first.url, small(i + k))))));
      await untilDone(first.url, ids, 60_000);
      const before = new Map(await Promise.all((await resultFiles(outDir)).map(async (f) => [f, await readFile(join(outDir, f), 'utf8')] as const)));
      expect(before.size).toBe(100);

      // ~2 s on the one thread, so the jobs after it are still queued at the kill: 5-grams of 9 MB of words that
      // are all distinct (every n-gram is new). A repeated English text no longer does: it counts in ~0.1 s.
      const distinct = Array.from({ length: 1_500_000 }, (_, i) => `w${((i * 7919) % 1_000_003).toString(36)}`).join(' ');
      const long = await submit(first.url, distinct, 'task=ngrams&n=5&top=10000');
      ids.push(long);
      for (let i = 101; i < 200; i += 33) {
        const batch = Array.from({ length: Math.min(33, 200 - i) }, (_, k) => submit(first.url, small(i + k)));
        ids.push(...(await Promise.all(batch)));
      }
      expect(ids).toHaveLength(200);
      expect((await status(first.url, long)).status).not.toBe('done');
      first.child.kill('SIGKILL');
      await first.exited;
      const atKill = await resultFiles(outDir);
      expect(atKill.length).toBeLessThan(200);

      const second = await serve(outDir);
      await untilDone(second.url, ids, 120_000);
      for (const [i, id] of ids.entries()) {
        if (id === long) continue;
        expect((await status(second.url, id)).totalWords).toBe(i + 1);
      }
      const after = await resultFiles(outDir);
      expect(after).toEqual(ids.map((id) => `http_${id}.json`).sort());
      // Finished before the crash: answered from their files, not run again.
      for (const [file, text] of before) expect(await readFile(join(outDir, file), 'utf8')).toBe(text);
      expect((await readdir(outDir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);

      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      // A clean stop leaves nothing to run again: a third start finds an empty journal.
      expect(await unfinishedJobs(join(outDir, '.journal'))).toEqual([]);
    } finally {
      // A failed assertion above leaves a server running: stop it before removing its folder, or the
      // removal races its writes and its error hides the assertion's.
      await stopChildren();
      await rm(outDir, { recursive: true, force: true });
    }
  }, 240_000);
});
