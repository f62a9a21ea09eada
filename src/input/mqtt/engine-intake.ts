/**
 * Hands jobs to the engine without ever being refused: while the engine's
 * queue is full we wait (and so stop reading from the broker) instead of
 * failing the message or buffering it.
 */
import type { Engine } from '../../engine.ts';
import type { Job, JobInput, JobResult } from '../../dispatch/job.ts';
import { WordmillError } from '../../errors.ts';

export interface Intake {
  /** Resolves once the engine has queued the job (or joined a running one with the same id). */
  accepted: Promise<void>;
  /** The job's result, written to every engine sink. */
  done: Promise<JobResult>;
}

const POLL_MS = 50;

export function hasRoom(engine: Engine): boolean {
  // Not engine.stats(): its pool histograms cost ~1.5 ms, which capped the input at ~460 messages/s.
  const { running, queued } = engine.load();
  return running < engine.options.concurrency || queued < engine.options.maxQueue;
}

/** Resolves when a job has finished (room may have opened), after at most POLL_MS, or on abort. */
function roomMayHaveOpened(engine: Engine, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const finish = (): void => {
      clearTimeout(timer);
      engine.events.off('job:done', onSettled);
      engine.events.off('job:failed', onSettled);
      signal.removeEventListener('abort', finish);
      resolve();
    };
    // The engine frees the slot just after emitting, so look on the next turn.
    const onSettled = (): void => void setImmediate(finish);
    const timer = setTimeout(finish, POLL_MS);
    engine.events.on('job:done', onSettled);
    engine.events.on('job:failed', onSettled);
    signal.addEventListener('abort', finish, { once: true });
  });
}

export async function waitForRoom(engine: Engine, signal: AbortSignal): Promise<boolean> {
  while (!hasRoom(engine)) {
    if (signal.aborted) return false;
    await roomMayHaveOpened(engine, signal);
  }
  return !signal.aborted;
}

/** Submits `job`, resubmitting when the engine turns out to be full; `undefined` if stopped while waiting. */
export async function submitWhenRoom(engine: Engine, job: JobInput & { id: string }, signal: AbortSignal): Promise<Intake | undefined> {
  if (!(await waitForRoom(engine, signal))) return undefined;
  let markAccepted: () => void = () => {};
  const accepted = new Promise<void>((resolve) => (markAccepted = resolve));
  const attempt = (): Promise<JobResult> => {
    const onQueued = (queued: Job): void => {
      if (queued.id === job.id) markAccepted();
    };
    engine.events.on('job:queued', onQueued);
    try {
      // The engine emits job:queued synchronously inside submit.
      return engine.submit(job);
    } finally {
      engine.events.off('job:queued', onQueued);
    }
  };
  const run = async (): Promise<JobResult> => {
    for (;;) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof WordmillError && error.code === 'E_QUEUE_FULL')) throw error;
        if (!(await waitForRoom(engine, signal))) throw error;
      }
    }
  };
  const done = run();
  done.then(markAccepted, markAccepted);
  return { accepted, done };
}
