/** `serve` and `process` with a Redis URL nobody answers: a clear E_QUEUE_UNAVAILABLE and exit 1, not a silent hang. */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWordmill } from '../helpers/cli.ts';

/** A port that was free a moment ago: nothing listens there. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('queue mode without Redis', () => {
  let dir: string;
  let url: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'wordmill-noredis-'));
    url = `redis://127.0.0.1:${await closedPort()}`;
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // A hang runs into the test timeout: both commands must give up on their own, well within it.
  for (const args of [['serve', '--port', '0', '--mqtt', 'off'], ['process', 'data']]) {
    it(`${args[0]} exits 1 with E_QUEUE_UNAVAILABLE`, async () => {
      const run = await runWordmill([...args, '--queue', url, '--threads', '1', '--out', join(dir, args[0]!)]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`error: E_QUEUE_UNAVAILABLE the job queue at ${url} is unreachable: connect ECONNREFUSED ${url.slice('redis://'.length)}\n`);
      expect(run.stdout).toBe('');
    }, 15_000);
  }
});
