import type { Job, JobResult } from './dispatch/job.ts';
import type { WordmillError } from './errors.ts';

/** Typed engine events: logs, progress bars, metrics and job stores hang off these. */
export interface EngineEvents {
  'job:queued': [job: Job];
  'job:started': [job: Job];
  'job:retry': [job: Job, error: Error, attempt: number];
  'job:done': [job: Job, result: JobResult];
  'job:failed': [job: Job, error: WordmillError];
}
