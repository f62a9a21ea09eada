/**
 * The worker's task registry: one line per task. Only wordcount loads with
 * the thread (it is the default, and its module warms the scanner up while
 * the thread waits for its first job); the other tasks load on their first
 * request, so a thread that only counts words does not pay for them.
 */
import type { CountRequest, MergeRequest, PartialCounts, TaskName, TaskStats } from '../../src/protocol.ts';
import * as wordcount from './wordcount.ts';

export interface WorkerTask {
  runCount(request: CountRequest): { stats: TaskStats } | { partial: PartialCounts };
  /** Only for tasks whose descriptor (src/tasks/<task>.ts) marks `chunked`. */
  runMerge?(request: MergeRequest): TaskStats;
}

const LOADERS: Readonly<Record<TaskName, () => Promise<WorkerTask>>> = Object.freeze({
  wordcount: () => Promise.resolve(wordcount),
  ngrams: () => import('./ngrams.ts'),
  sentiment: () => import('./sentiment.ts'),
  stats: () => import('./stats.ts'),
  keywords: () => import('./keywords.ts'),
});

const loaded = new Map<TaskName, WorkerTask>([['wordcount', wordcount]]);

/** The task's module when this thread has loaded it already. */
export function loadedTask(name: TaskName): WorkerTask | undefined {
  return loaded.get(name);
}

export async function loadTask(name: TaskName): Promise<WorkerTask> {
  const task = loaded.get(name) ?? (await LOADERS[name]());
  loaded.set(name, task);
  return task;
}
