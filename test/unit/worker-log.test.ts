/** A worker thread's log lines: pino's NDJSON format, written without pino. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { warmUpWorkerLog, writeWorkerLog } from '../../workers/worker-log.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wordmill-worker-log-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('worker log', () => {
  it('writes one pino-format line per step, fields in pino order', async () => {
    const before = Date.now();
    writeWorkerLog(dir, { level: 'info', msg: 'count done', jobId: 'j1', source: 'a "b".txt', task: 'wordcount', step: 'count', range: [0, 5], durationMs: 1.5, outcome: 'done', bytes: 5 });
    writeWorkerLog(dir, { level: 'error', msg: 'bad', jobId: 'j2', source: 's', task: 'wordcount', step: 'merge', durationMs: 2, outcome: 'failed', code: 'E_TASK_FAILED' });
    const text = await readFile(join(dir, `worker-${threadId}.log`), 'utf8');
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(lines[0]!)).toEqual(['level', 'time', 'pid', 'hostname', 'threadId', 'jobId', 'source', 'task', 'step', 'range', 'durationMs', 'outcome', 'bytes', 'msg']);
    expect(lines[0]).toMatchObject({ level: 30, pid: process.pid, hostname: hostname(), threadId, source: 'a "b".txt', range: [0, 5], msg: 'count done' });
    expect(lines[0]!.time).toBeGreaterThanOrEqual(before);
    expect(lines[1]).toMatchObject({ level: 50, jobId: 'j2', code: 'E_TASK_FAILED', msg: 'bad' });
  });

  it('leaves out lines below LOG_LEVEL', async () => {
    const saved = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'warn';
    try {
      writeWorkerLog(dir, { level: 'info', msg: 'count done', jobId: 'j1', source: 's', task: 'wordcount', step: 'count', durationMs: 1, outcome: 'done' });
      writeWorkerLog(dir, { level: 'warn', msg: 'invalid UTF-8 replaced by U+FFFD', jobId: 'j1', source: 's', task: 'wordcount', step: 'count', durationMs: 1, outcome: 'done' });
    } finally {
      if (saved === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = saved;
    }
    const lines = (await readFile(join(dir, `worker-${threadId}.log`), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.level)).toEqual([40]);
  });

  it('warms up without throwing, even with a bad LOG_LEVEL, which the first real line still reports', () => {
    const saved = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'loud';
    try {
      expect(() => warmUpWorkerLog()).not.toThrow();
      // The first real line meets the bad level and reports it, as without the warm-up.
      expect(() => writeWorkerLog(dir, { level: 'info', msg: 'count done', jobId: 'j1', source: 's', task: 'wordcount', step: 'count', durationMs: 1, outcome: 'done' })).toThrow(/LOG_LEVEL/);
    } finally {
      if (saved === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = saved;
    }
  });
});
