/**
 * A corpus run's counts and its merge, the merge started as soon as every
 * count has computed (each has kept its counts file by then) instead of once
 * their result files are durable too: the result files are written while the
 * merge runs. A count whose result file then fails is not a file of the run,
 * so the merge runs again without it.
 */
import type { EventEmitter } from 'node:events';
import type { Job, JobInput, JobResult } from '../../dispatch/job.ts';
import type { MapOutcome } from '../../engine.ts';
import type { WordmillError } from '../../errors.ts';
import type { EngineEvents } from '../../events.ts';
import { newJobId } from '../../ids.ts';

interface Counter {
  readonly events: EventEmitter<EngineEvents>;
  map(jobs: Iterable<JobInput>): Promise<MapOutcome[]>;
}

/**
 * Runs `jobs` and `merge`: `merge` gets the jobs' outcomes as they computed (in job order), and
 * once more with their final outcomes if a job failed after it computed. Resolves when both are done.
 */
export async function countThenMerge<M>(engine: Counter, jobs: readonly JobInput[], merge: (outcomes: readonly MapOutcome[]) => Promise<M>): Promise<{ outcomes: MapOutcome[]; merged: M }> {
  // The caller's jobs get ids here, so that events tell which of them computed.
  const named = jobs.map((job) => (job.id === undefined ? { ...job, id: newJobId() } : job));
  const at = new Map(named.map((job, k) => [job.id!, k]));
  const computed: Array<MapOutcome | undefined> = new Array(named.length);
  let left = named.length;
  let allComputed!: () => void;
  const whenComputed = new Promise<void>((resolve) => (allComputed = resolve));
  if (left === 0) allComputed();
  // The first of the two events a job can have counts: computed, or failed before it computed.
  const settle = (job: Job, outcome: (k: number) => MapOutcome): void => {
    const k = at.get(job.id);
    if (k === undefined || computed[k] !== undefined) return;
    computed[k] = outcome(k);
    if (--left === 0) allComputed();
  };
  const onComputed = (job: Job, result: JobResult): void => settle(job, () => ({ ok: true, result }));
  const onFailed = (job: Job, error: WordmillError): void => settle(job, (k) => ({ ok: false, error, job: named[k]! }));
  engine.events.on('job:computed', onComputed).on('job:failed', onFailed);
  try {
    const counting = engine.map(named);
    // A job refused before it ran (an invalid one) has no event: then the merge waits for the outcomes.
    const first = await Promise.race([whenComputed.then(() => computed as MapOutcome[]), counting]);
    const early = merge(first).then((merged) => ({ merged }), (error: unknown) => ({ error }));
    const outcomes = await counting;
    const settled = await early;
    const same = outcomes.every((o, k) => o.ok === first[k]!.ok);
    if (!same) return { outcomes, merged: await merge(outcomes) };
    if ('error' in settled) throw settled.error;
    return { outcomes, merged: settled.merged };
  } finally {
    engine.events.off('job:computed', onComputed).off('job:failed', onFailed);
  }
}
