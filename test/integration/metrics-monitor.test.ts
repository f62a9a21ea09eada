/** `wordmill monitor` against a running service: one JSON snapshot, text updates, token and address errors. */
import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveSnapshot } from '../../src/metrics/live-types.ts';
import { startTestService, textBody } from '../helpers/http-service.ts';
import type { TestService } from '../helpers/http-service.ts';

/** Runs the CLI from source (tsx), as the serve-process tests do, so no build is needed. */
function monitor(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const { WORDMILL_TOKEN: _ambient, WORDMILL_URL: _url, ...base } = process.env;
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'monitor', ...args], { env: { ...base, ...env } }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

/** A port that was free a moment ago: nothing listens there. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('wordmill monitor', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ token: 'sesame' });
    for (const text of ['alpha beta', 'gamma delta epsilon']) expect((await t.call('/v1/jobs?wait=true', { ...textBody(text), headers: { 'content-type': 'text/plain', authorization: 'Bearer sesame' } })).status).toBe(200);
  });
  afterAll(async () => {
    await t.stop();
  });

  it('--json prints one snapshot and exits', async () => {
    const run = await monitor(['--url', t.url, '--json'], { WORDMILL_TOKEN: 'sesame' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const snapshot = JSON.parse(run.stdout) as LiveSnapshot;
    expect(snapshot).toMatchObject({ mode: 'pool', totals: { done: 2, failed: 0, bytes: 29 }, queue: { queued: 0, running: 0 }, pool: { threads: 1 } });
    expect(snapshot.recentJobs.map((j) => j.status)).toEqual(['done', 'done']);
  });

  it('prints an update per interval, as many as --count', async () => {
    const run = await monitor(['--url', `${t.url}/`, '--token', 'sesame', '--interval', '250ms', '--count', '2']);
    expect(run.code).toBe(0);
    const blocks = run.stdout.split(/^wordmill /m).filter((b) => b !== '');
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toMatch(/^jobs\s+queued 0\s+running 0\s+submitted 2\s+done 2\s+failed 0/m);
    expect(blocks[0]).toMatch(/^pool\s+1 threads/m);
  });

  it('says what is wrong: no token, nothing listening, a bad interval', async () => {
    const noToken = await monitor(['--url', t.url, '--json']);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/needs its bearer token: pass --token or set WORDMILL_TOKEN/);
    const port = await closedPort();
    const nobody = await monitor(['--url', `http://127.0.0.1:${port}`, '--json']);
    expect(nobody.code).toBe(2);
    expect(nobody.stderr).toContain(`cannot reach wordmill at http://127.0.0.1:${port} (ECONNREFUSED)`);
    const badInterval = await monitor(['--url', t.url, '--interval', 'soon']);
    expect(badInterval.code).toBe(2);
    expect(badInterval.stderr).toMatch(/option --interval.*"soon"/);
  });
});
