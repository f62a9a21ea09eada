/**
 * Taking back what one producer queued (Ctrl-C on `process --queue`): its
 * jobs that no worker has started are removed; the ones a worker runs finish
 * there (BullMQ cannot stop them) and write their files.
 */
import type { Queue } from 'bullmq';

export interface WithdrawReport {
  /** Gone from Redis: removed now, or already removed (the cancelled job's own clean-up). */
  removed: string[];
  /** A worker holds them: they finish and their result files are written. */
  running: string[];
  /** Finished before they could be taken back. */
  finished: string[];
}

const NOT_STARTED = new Set(['waiting', 'prioritized', 'delayed', 'paused', 'waiting-children']);

export async function withdrawJobs(queue: Queue, ids: Iterable<string>): Promise<WithdrawReport> {
  const report: WithdrawReport = { removed: [], running: [], finished: [] };
  for (const id of ids) {
    const state = await queue.getJobState(id);
    if (state === 'unknown') report.removed.push(id);
    else if (state === 'completed' || state === 'failed') report.finished.push(id);
    else if (NOT_STARTED.has(state) && (await queue.remove(id)) === 1) report.removed.push(id);
    // Active, or taken by a worker between the two calls (then `remove` answers 0: it is locked).
    else report.running.push(id);
  }
  return report;
}
