/**
 * `wordmill jobs drain` and `wordmill jobs clean`: removing jobs from Redis
 * by state and age, on BullMQ's `clean` (which returns the ids it removed,
 * where `drain` and `obliterate` say nothing). A job a worker runs is never
 * removed here: it finishes, or a dead worker's job is handed to another.
 */
import type { Queue } from 'bullmq';

/** The user's words; `waiting` is every job not started yet, whatever BullMQ list holds it. */
export const CLEANABLE_STATES = ['waiting', 'failed', 'completed'] as const;
export type CleanableState = (typeof CLEANABLE_STATES)[number];

const BULL_STATES: Readonly<Record<CleanableState, ReadonlyArray<'wait' | 'prioritized' | 'delayed' | 'paused' | 'failed' | 'completed'>>> = {
  waiting: ['wait', 'prioritized', 'delayed', 'paused'],
  failed: ['failed'],
  completed: ['completed'],
};

export interface CleanReport {
  queue: string;
  state: CleanableState;
  olderThanMs: number;
  removed: number;
  ids: string[];
}

/**
 * Removes the jobs in `state` older than `olderThanMs`: for waiting jobs, by
 * when they were added; for finished ones, by when they finished.
 */
export async function cleanJobs(queue: Queue, state: CleanableState, olderThanMs = 0): Promise<CleanReport> {
  const ids: string[] = [];
  for (const type of BULL_STATES[state]) ids.push(...(await queue.clean(olderThanMs, 0, type)));
  return { queue: queue.name, state, olderThanMs, removed: ids.length, ids };
}

/** Every job not started yet, whatever its age. */
export const drainJobs = (queue: Queue): Promise<CleanReport> => cleanJobs(queue, 'waiting', 0);
