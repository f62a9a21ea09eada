/**
 * Job counters and histograms, fed only by engine events: the
 * same events the job-status index and logs follow, so every input is counted alike.
 */
import type { EventEmitter } from 'node:events';
import { Counter, Histogram } from 'prom-client';
import type { Registry } from 'prom-client';
import type { Job, JobResult } from '../dispatch/job.ts';
import type { WordmillError } from '../errors.ts';
import type { EngineEvents } from '../events.ts';
import { sourceKind } from './source-kind.ts';
import type { SourceKind } from './live-types.ts';

/** 5 ms … ~80 s: a short HTTP text up to a whole corpus file on a busy pool. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 80];
/** 1 KiB … 1 GiB in steps of ×4. */
const SIZE_BUCKETS = Array.from({ length: 11 }, (_, i) => 1024 * 4 ** i);

export function registerJobMetrics(
  registry: Registry,
  events: EventEmitter<EngineEvents>,
  fallbackSource: SourceKind = 'cli',
): () => void {
  const labelNames = ['task', 'source'] as const;
  const on = { registers: [registry] };
  const submitted = new Counter({ name: 'wordmill_jobs_submitted_total', help: 'Jobs admitted to the engine queue', labelNames, ...on });
  const completed = new Counter({ name: 'wordmill_jobs_completed_total', help: 'Jobs finished with a result', labelNames, ...on });
  const failed = new Counter({
    name: 'wordmill_jobs_failed_total', help: 'Jobs that failed or were cancelled, by error code', labelNames: [...labelNames, 'code'], ...on,
  });
  const retries = new Counter({ name: 'wordmill_job_retries_total', help: 'Task attempts retried after a retryable failure', labelNames, ...on });
  const bytes = new Counter({ name: 'wordmill_processed_bytes_total', help: 'Input bytes of finished jobs', labelNames, ...on });
  const duration = new Histogram({
    name: 'wordmill_job_duration_seconds', help: 'Submit-to-result time of finished jobs (queue wait included)', labelNames, buckets: DURATION_BUCKETS, ...on,
  });
  const size = new Histogram({ name: 'wordmill_job_size_bytes', help: 'Input size of finished jobs', labelNames, buckets: SIZE_BUCKETS, ...on });

  const labels = (job: Job) => ({ task: job.task, source: sourceKind(job.source, fallbackSource) });
  const onQueued = (job: Job): void => submitted.inc(labels(job));
  const onRetry = (job: Job): void => retries.inc(labels(job));
  const onDone = (job: Job, result: JobResult): void => {
    const l = labels(job);
    completed.inc(l);
    bytes.inc(l, result.bytes);
    duration.observe(l, result.durationMs / 1000);
    size.observe(l, result.bytes);
  };
  const onFailed = (job: Job, error: WordmillError): void => failed.inc({ ...labels(job), code: error.code });

  events.on('job:queued', onQueued).on('job:retry', onRetry).on('job:done', onDone).on('job:failed', onFailed);
  return () => {
    events.off('job:queued', onQueued).off('job:retry', onRetry).off('job:done', onDone).off('job:failed', onFailed);
  };
}
