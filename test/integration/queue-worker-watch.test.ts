/**
 * Live workers as producers see them: the watch that warns while none
 * consumes the queue (and not on every poll), and `jobs status` figures that
 * agree right after a run (the queue's running count and the workers' active).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createEngine } from '../../src/create-engine.ts';
import { Heartbeat, workerKeyPrefix } from '../../src/queue/heartbeat.ts';
import type { WorkerInfo } from '../../src/queue/heartbeat.ts';
import { startQueueWorker } from '../../src/queue/queue-worker.ts';
import { WorkerWatch } from '../../src/queue/worker-watch.ts';
import { runWordmill } from '../helpers/cli.ts';
import { describeWithRedis, REDIS_URL } from '../helpers/redis-available.ts';
import { eventually, removeQueue, uniqueQueueName } from '../helpers/redis-queue.ts';

const fakeWorker = (id: string): WorkerInfo => ({
  id, host: 'h', pid: 1, threads: 2, concurrency: 2, out: '/shared/out', active: 0, done: 0, failed: 0, startedAt: '', lastSeen: '',
});

describeWithRedis('queue mode: live workers seen by producers', () => {
  let name: string;
  let client: Redis;

  beforeEach(() => {
    name = uniqueQueueName('watch');
    client = new Redis(REDIS_URL);
  });
  afterEach(async () => {
    client.disconnect();
    await removeQueue(name);
  });

  it('warns after the grace period, repeats no faster than repeatMs, says when a worker appears, and warns again when it goes', async () => {
    const said: Array<{ at: number; what: string }> = [];
    const watch = new WorkerWatch(client, { prefix: 'bull', name, pollMs: 20, graceMs: 100, repeatMs: 400 }, {
      onNone: (forMs, repeat) => said.push({ at: Date.now(), what: `none ${repeat} ${forMs >= 100}` }),
      onBack: (workers) => said.push({ at: Date.now(), what: `back ${workers.map((w) => `${w.id}@${w.out}`).join()}` }),
    });
    try {
      await eventually(async () => (said.length >= 2 ? true : undefined), 5000);
      expect(said.slice(0, 2).map((s) => s.what)).toEqual(['none 0 true', 'none 1 true']);
      // Dozens of polls happened in between; the warning came once per repeatMs.
      expect(said[1]!.at - said[0]!.at).toBeGreaterThanOrEqual(400);

      const beat = new Heartbeat(client, workerKeyPrefix('bull', name), () => fakeWorker('w-1'), 60_000);
      await beat.start();
      await eventually(async () => (said.some((s) => s.what.startsWith('back')) ? true : undefined), 5000);
      expect(said.filter((s) => s.what.startsWith('back')).map((s) => s.what)).toEqual(['back w-1@/shared/out']);
      expect(watch.warning).toBe(false);
      expect([...watch.seen.keys()]).toEqual(['w-1']);

      const before = said.length;
      await beat.stop();
      await eventually(async () => (said.length > before ? true : undefined), 5000);
      expect(said[before]!.what).toBe('none 0 true');
    } finally {
      watch.stop();
    }
  });

  it('says nothing while a worker is live', async () => {
    const beat = new Heartbeat(client, workerKeyPrefix('bull', name), () => fakeWorker('w-2'), 60_000);
    await beat.start();
    const said: string[] = [];
    const watch = new WorkerWatch(client, { prefix: 'bull', name, pollMs: 20, graceMs: 50, repeatMs: 100 }, {
      onNone: () => said.push('none'),
      onBack: () => said.push('back'),
    });
    try {
      await eventually(async () => (watch.seen.has('w-2') ? true : undefined), 5000);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(said).toEqual([]);
    } finally {
      watch.stop();
      await beat.stop();
    }
  });

  it('right after a run, the workers report no job active, as the queue reports none running', async () => {
    const out = await mkdtemp(join(tmpdir(), 'wm-watch-out-'));
    // A beat long after the test: only the beat a worker sends when a job ends can bring `active` back to 0.
    const worker = await startQueueWorker({ url: REDIS_URL, name, threads: 1, concurrency: 2, out, heartbeatMs: 600_000 });
    const engine = createEngine({ queue: { url: REDIS_URL, name } });
    try {
      await Promise.all([engine.submit({ input: { text: 'one two three' } }), engine.submit({ input: { text: 'four five' } })]);
      const status = await eventually(async () => {
        const s = await engine.queueStatus();
        return s?.counts.running === 0 && s.counts.done === 2 ? s : undefined;
      }, 5000);
      expect(status.totals).toMatchObject({ workers: 1, active: 0, done: 2, failed: 0 });
      expect(status.workers[0]).toMatchObject({ id: worker.id, out, active: 0, done: 2 });
      const shown = await runWordmill(['jobs', 'status', '--queue', REDIS_URL, '--queue-name', name]);
      expect(shown.stdout).toBe(`queue ${name}: 0 queued (0 delayed, 0 prioritized), 0 running, 2 done, 0 failed\nworkers: 1 live, 1 threads, 0 jobs running on them\n`);
    } finally {
      await engine.close();
      await worker.close();
      await rm(out, { recursive: true, force: true });
    }
  });
});
