import type { Job, JobResult } from './dispatch/job.ts';
import type { WordmillError } from './errors.ts';

/** Typed engine events: logs, progress bars, metrics and job stores hang off these. */
export interface EngineEvents {
  'job:queued': [job: Job];
  'job:started': [job: Job];
  'job:retry': [job: Job, error: Error, attempt: number];
  /**
   * The executor's result, before the sinks write it: not durable yet, and the job may still fail
   * (its result file cannot be written). For work that needs what the job computed and nothing
   * the sinks do (`process` starts its corpus merge from the counts files the jobs kept).
   */
  'job:computed': [job: Job, result: JobResult];
  'job:done': [job: Job, result: JobResult];
  'job:failed': [job: Job, error: WordmillError];
}
