/**
 * Start-up after a crash, on a real folder, journal and one-thread engine:
 * jobs already written are marked finished, the rest run again under their
 * ids, refused ones are dropped, and a closing engine leaves them journaled.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../../src/dispatch/job.ts';
import { createEngine } from '../../../src/create-engine.ts';
import { IdempotencyTable } from '../../../src/input/http/idempotency.ts';
import { JobIndex } from '../../../src/jobs/job-index.ts';
import { Journal } from '../../../src/journal/journal.ts';
import { recoverJobs } from '../../../src/service/recovery.ts';
import { OutputDirSink } from '../../../src/sinks/output-dir.ts';
import { ResultFiles } from '../../../src/sinks/result-files.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'wordmill-recovery-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const job = (id: string, task = 'wordcount'): Job => ({
  id, task, input: { text: `words of ${id}` }, options: { top: 5, stopwords: 'none' } as Job['options'], source: 'http', name: 'http',
} as Job);

/** A logger whose lines the test reads back. */
function capturingLogger(): { log: pino.Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      callback();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

async function crashWith(jobs: Array<{ job: Job; fingerprint?: string }>): Promise<void> {
  const { journal } = await Journal.open(join(dir, 'journal'));
  for (const entry of jobs) await journal.record(entry.job, entry.fingerprint === undefined ? {} : { fingerprint: entry.fingerprint });
  await journal.close();
}

describe('recoverJobs', () => {
  it('marks written jobs finished, reruns the rest under their ids, drops refused ones', async () => {
    await crashWith([{ job: job('written') }, { job: job('again'), fingerprint: 'fp-again' }, { job: job('refused', 'poetry') }]);
    // 'written' finished before the crash: its result file exists, its end line was lost.
    await writeFile(new OutputDirSink(dir).pathFor({ id: 'written', name: 'http' }), JSON.stringify({ id: 'written' }));
    const opened = await Journal.open(join(dir, 'journal'));
    expect(opened.unfinished.map((e) => e.job.id)).toEqual(['written', 'again', 'refused']);
    const engine = createEngine({ threads: 1, outDir: dir });
    const store = new JobIndex({ maxRecords: 100, ttlMs: 60_000 });
    const idempotency = new IdempotencyTable(store);
    store.attach(engine.events);
    const stopJournal = opened.journal.follow(engine.events);
    const { log, lines } = capturingLogger();
    try {
      const report = await recoverJobs(opened.unfinished, { engine, store, idempotency, journal: opened.journal, results: new ResultFiles(dir, ['http']), log });
      expect({ rerun: report.rerun, alreadyDone: report.alreadyDone }).toEqual({ rerun: 2, alreadyDone: 1 });
      // Known to the index at once (a job that finds room is admitted at once, so the engine
      // may have started it already: it is not finished yet).
      expect(['queued', 'running']).toContain(store.get('again')?.status);
      expect(idempotency.fingerprintOf('again')).toBe('fp-again');
      expect(store.get('written')).toBeUndefined();
      await report.admitted;
      expect((await store.whenSettled('again', 10_000))?.result).toMatchObject({ id: 'again', totalWords: 3 });
      expect(lines.filter((l) => l['id'] === 'refused').map((l) => l['msg'])).toEqual(['recovered job refused by the engine; dropped from the journal']);
    } finally {
      stopJournal();
      store.close();
      await engine.close();
      await opened.journal.close();
    }
    const reopened = await Journal.open(join(dir, 'journal'));
    expect(reopened.unfinished).toEqual([]);
    await reopened.journal.close();
  });

  it('leaves jobs in the journal when the engine is already closing', async () => {
    await crashWith([{ job: job('later') }]);
    const opened = await Journal.open(join(dir, 'journal'));
    const engine = createEngine({ threads: 1, outDir: dir });
    await engine.close();
    const store = new JobIndex({ maxRecords: 100, ttlMs: 60_000 });
    const idempotency = new IdempotencyTable(store);
    const { log, lines } = capturingLogger();
    try {
      const report = await recoverJobs(opened.unfinished, { engine, store, idempotency, journal: opened.journal, results: new ResultFiles(dir, ['http']), log });
      await report.admitted;
      expect(report.rerun).toBe(1);
      expect(lines.map((l) => l['msg'])).toEqual(['recovered job not started before shutdown: it stays in the journal for the next start']);
    } finally {
      store.close();
      await opened.journal.close();
    }
    const reopened = await Journal.open(join(dir, 'journal'));
    expect(reopened.unfinished.map((e) => e.job.id)).toEqual(['later']);
    await reopened.journal.close();
  });
});
