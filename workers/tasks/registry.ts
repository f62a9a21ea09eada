/**
 * The worker's task registry: one line per task. Task modules load natural's
 * pieces on first use, so importing them all here costs nothing until a
 * task runs.
 */
import type { CountRequest, MergeRequest, PartialCounts, TaskName, TaskStats } from '../../src/protocol.ts';
import * as keywords from './keywords.ts';
import * as ngrams from './ngrams.ts';
import * as sentiment from './sentiment.ts';
import * as stats from './stats.ts';
import * as wordcount from './wordcount.ts';

export interface WorkerTask {
  runCount(request: CountRequest): { stats: TaskStats } | { partial: PartialCounts };
  /** Only for tasks whose descriptor (src/tasks/<task>.ts) marks `chunked`. */
  runMerge?(request: MergeRequest): TaskStats;
}

export const WORKER_TASKS: Readonly<Record<TaskName, WorkerTask>> = Object.freeze({
  wordcount,
  ngrams,
  sentiment,
  stats,
  keywords,
});
