/** Shutdown while jobs run: new work gets 503, nothing accepted is lost, the process exits 0. */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestService, textBody } from '../helpers/http-service.ts';
import type { TestService } from '../helpers/http-service.ts';

const TEXT = 'one two three four '.repeat(300_000); // 5.7 MB, 1.2 M words

describe('HTTP graceful shutdown (in process)', () => {
  let t: TestService | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('refuses new work with 503 while admitted jobs finish and are written', async () => {
    t = await startTestService({ threads: 1 }, { concurrency: 1 });
    const accepted = await Promise.all([1, 2, 3].map(() => t!.call('/v1/jobs?stopwords=none', textBody(TEXT))));
    expect(accepted.map((a) => a.status)).toEqual([202, 202, 202]);
    const stopping = t.service.shutdown();

    const refused = await t.call('/v1/jobs', textBody('late'));
    expect(refused.status).toBe(503);
    expect(refused.body['code']).toBe('E_ENGINE_CLOSED');
    expect(refused.headers.get('retry-after')).toBe('5');
    expect((await t.call('/readyz')).status).toBe(503);
    expect((await t.call(`/v1/jobs/${String(accepted[0]!.body['id'])}`)).status).toBe(200);

    // The first may have finished already: a 202 waits for the journal's sync, the pool does not.
    const report = await stopping;
    expect(report.cancelled).toBe(0);
    expect(report.inFlight).toBeGreaterThanOrEqual(1);
    for (const a of accepted) expect(t.service.store.get(String(a.body['id']))?.status).toBe('done');
    const files = await t.outputs();
    expect(files.map((f) => f['id']).sort()).toEqual(accepted.map((a) => a.body['id']).sort());
    expect(files.every((f) => f['totalWords'] === 1_200_000)).toBe(true);
  });

  it('cancels what is still running at the deadline, and records it', async () => {
    t = await startTestService({ threads: 1, shutdownTimeout: 1, bodyLimit: '64MiB' }, { concurrency: 1 });
    const big = 'lorem ipsum dolor sit amet '.repeat(1_500_000);
    const a = await t.call('/v1/jobs', textBody(big));
    const b = await t.call('/v1/jobs', textBody('small one'));
    expect(await t.service.shutdown()).toEqual({ inFlight: 2, cancelled: 2 });
    for (const id of [a.body['id'], b.body['id']]) expect(t.service.store.get(String(id))?.status).toBe('cancelled');
  });
});

describe('wordmill serve process and signals', () => {
  const children: Array<ReturnType<typeof spawn>> = [];
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });

  async function startChild(outDir: string): Promise<{ child: ReturnType<typeof spawn>; url: string; exited: Promise<number | null> }> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/helpers/http-serve-child.ts', 'serve', '--port', '0', '--threads', '1', '--mqtt', 'off', '--out', outDir], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, WORDMILL_MAX_QUEUE: '10', WORDMILL_BODY_LIMIT: '64MiB' },
    });
    children.push(child);
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const lines = createInterface({ input: child.stderr! });
    for await (const line of lines) {
      const entry = JSON.parse(line) as { msg: string; url?: string };
      if (entry.url) return { child, url: entry.url, exited };
    }
    throw new Error('serve exited before logging its address');
  }

  it('logs its real address, finishes accepted jobs on SIGTERM and exits 0', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'wordmill-serve-'));
    try {
      const { child, url, exited } = await startChild(outDir);
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(url.endsWith(':0')).toBe(false);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${url}/v1/jobs`, textBody(TEXT));
        expect(res.status).toBe(202);
        ids.push(((await res.json()) as { id: string }).id);
      }
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const files = (await readdir(outDir)).filter((n) => n.endsWith('.json'));
      expect(files.sort()).toEqual(ids.map((id) => `http_${id}.json`).sort());
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });

  it('a second signal exits at once', async () => {
    const outDir = await mkdtemp(join(tmpdir(), 'wordmill-serve-'));
    try {
      const { child, url, exited } = await startChild(outDir);
      // Four 57 MB trigram jobs (12 M words each) queued for one thread: seconds of counting are left
      // when the signals come 50 ms apart. Word counts of the same bodies were fast enough that one
      // could finish while the last was still uploading, and smaller ones all before the first signal.
      const statuses = await Promise.all(Array.from({ length: 4 }, async () => (await fetch(`${url}/v1/jobs?task=ngrams&n=3`, textBody(TEXT.repeat(10)))).status));
      expect(statuses).toEqual([202, 202, 202, 202]);
      const stats = (await (await fetch(`${url}/v1/stats`)).json()) as { queued: number; running: number };
      expect(stats.queued + stats.running).toBeGreaterThanOrEqual(3);
      child.kill('SIGINT');
      await new Promise((resolve) => setTimeout(resolve, 50));
      child.kill('SIGINT');
      expect(await exited).toBe(130);
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  });
});
