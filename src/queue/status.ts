/**
 * What `wordmill jobs status`, `wordmill workers status` and `GET /v1/stats`
 * (queue mode) report: counts per state, one job's record, live workers.
 * States use the same words as the HTTP job records (queued/running/done/failed),
 * with BullMQ's own state beside them.
 */
import { Job } from 'bullmq';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ErrorCode } from '../errors.ts';
import { decodeFailure } from './failure.ts';
import { listWorkers, workerKeyPrefix } from './heartbeat.ts';
import type { WorkerInfo } from './heartbeat.ts';

export interface JobCounts {
  queued: number;
  running: number;
  done: number;
  failed: number;
  /** Parts of `queued`: waiting with a delay, and with a priority. */
  delayed: number;
  prioritized: number;
}

export interface QueueStatus {
  queue: string;
  counts: JobCounts;
  workers: WorkerInfo[];
  totals: { workers: number; threads: number; active: number; done: number; failed: number };
}

export interface QueuedJobView {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  state: string;
  task: string;
  source: string | undefined;
  attemptsMade: number;
  maxAttempts: number;
  priority: number;
  delayMs: number;
  createdAt: string;
  startedAt?: string;
  finishedAt?: string;
  processedBy?: string;
  error?: { code: ErrorCode; message: string };
  result?: unknown;
}

const STATUS_OF: Readonly<Record<string, QueuedJobView['status']>> = {
  waiting: 'queued', prioritized: 'queued', delayed: 'queued', paused: 'queued', 'waiting-children': 'queued',
  active: 'running', completed: 'done', failed: 'failed',
};

export async function jobCounts(queue: Queue): Promise<JobCounts> {
  const c = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'waiting-children', 'active', 'completed', 'failed');
  const n = (state: string): number => c[state] ?? 0;
  return {
    queued: n('waiting') + n('prioritized') + n('delayed') + n('waiting-children'),
    running: n('active'),
    done: n('completed'),
    failed: n('failed'),
    delayed: n('delayed'),
    prioritized: n('prioritized'),
  };
}

export async function queueStatus(queue: Queue, client: Redis, options: { prefix: string; name: string }): Promise<QueueStatus> {
  const [counts, workers] = await Promise.all([jobCounts(queue), listWorkers(client, workerKeyPrefix(options.prefix, options.name))]);
  const sum = (pick: (w: WorkerInfo) => number): number => workers.reduce((total, w) => total + pick(w), 0);
  return {
    queue: options.name,
    counts,
    workers,
    totals: { workers: workers.length, threads: sum((w) => w.threads), active: sum((w) => w.active), done: sum((w) => w.done), failed: sum((w) => w.failed) },
  };
}

export async function jobView(queue: Queue, id: string): Promise<QueuedJobView | undefined> {
  // State first, then the hash: a job finishing in between then shows its finished fields with an older state, never the reverse.
  const state = await queue.getJobState(id);
  const job = await Job.fromId(queue, id);
  if (job === undefined || state === 'unknown') return undefined;
  const iso = (ms: number | undefined): string | undefined => (ms === undefined || ms === 0 ? undefined : new Date(ms).toISOString());
  const data = job.data as { source?: unknown } | undefined;
  const view: QueuedJobView = {
    id,
    status: STATUS_OF[state] ?? 'queued',
    state,
    task: job.name,
    source: typeof data?.source === 'string' ? data.source : undefined,
    attemptsMade: job.attemptsMade,
    maxAttempts: job.opts.attempts ?? 1,
    priority: job.priority,
    delayMs: job.delay,
    createdAt: iso(job.timestamp) ?? '',
  };
  const started = iso(job.processedOn);
  const finished = iso(job.finishedOn);
  if (started !== undefined) view.startedAt = started;
  if (finished !== undefined) view.finishedAt = finished;
  if (job.processedBy !== undefined) view.processedBy = job.processedBy;
  if (state === 'failed') view.error = decodeFailure(job.failedReason).toJSON();
  if (state === 'completed') view.result = job.returnvalue;
  return view;
}
