/**
 * Start-up after a crash: every job the journal holds unfinished either has
 * its result file already (it finished, the end line was lost: mark it) or
 * runs again under the same id. The job index learns them all at once, so
 * `GET /v1/jobs/:id` answers every accepted id while they wait for room.
 */
import type { Logger } from 'pino';
import type { Engine } from '../engine.ts';
import { WordmillError } from '../errors.ts';
import type { Journal, JournaledJob } from '../journal/journal.ts';
import type { IdempotencyTable } from '../input/http/idempotency.ts';
import type { JobIndex } from '../jobs/job-index.ts';
import type { ResultFiles } from '../sinks/result-files.ts';

export interface RecoveryReport {
  /** Jobs started again. */
  rerun: number;
  /** Jobs whose result file was already written. */
  alreadyDone: number;
  /** Settles when every re-run job has been accepted by the engine (or refused: engine closing). */
  admitted: Promise<void>;
}

export async function recoverJobs(
  unfinished: JournaledJob[],
  deps: { engine: Engine; store: JobIndex; idempotency: IdempotencyTable; journal: Journal; results: ResultFiles; log: Logger },
): Promise<RecoveryReport> {
  const rerun: JournaledJob[] = [];
  let alreadyDone = 0;
  for (const entry of unfinished) {
    if (await deps.results.has(entry.job.id, entry.job.name)) {
      deps.journal.finish(entry.job.id);
      alreadyDone++;
      continue;
    }
    deps.store.add(entry.job);
    if (entry.fingerprint !== undefined) deps.idempotency.bindFingerprint(entry.job.id, entry.fingerprint);
    rerun.push(entry);
  }
  // In the background: more jobs than the queue holds wait for room without holding up the start.
  const admitted = (async () => {
    for (const { job } of rerun) {
      try {
        const { id, task, input, options, source, name } = job;
        // Not durable again: the journal already has it.
        await deps.engine.enqueue({ id, task, input, options, source, name }, { whenFull: 'wait' });
      } catch (error) {
        if (error instanceof WordmillError && error.code === 'E_ENGINE_CLOSED') {
          deps.log.warn({ id: job.id }, 'recovered job not started before shutdown: it stays in the journal for the next start');
          continue;
        }
        // Never valid again (options a newer version refuses, say): do not retry it at every start.
        deps.log.error({ err: error, id: job.id }, 'recovered job refused by the engine; dropped from the journal');
        deps.journal.finish(job.id);
      }
    }
  })();
  return { rerun: rerun.length, alreadyDone, admitted };
}
