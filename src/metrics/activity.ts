/**
 * The recent jobs and recent errors lists of the live view: small rings fed by
 * engine events. They keep ids, sizes, timings and error codes, never job text.
 */
import type { Job, JobResult } from '../dispatch/job.ts';
import type { WordmillError } from '../errors.ts';
import type { RecentError, RecentJob, SourceKind } from './live-types.ts';
import { sourceKind } from './source-kind.ts';

/** Error messages are short by design; the cap guards against one that quotes its input. */
const MESSAGE_LIMIT = 200;

export class RecentActivity {
  private readonly jobs: RecentJob[] = [];
  private readonly errors: RecentError[] = [];

  constructor(private readonly limit: number, private readonly fallback: SourceKind = 'cli') {}

  started(job: Job): void {
    this.upsert({ id: job.id, task: job.task, source: sourceKind(job.source, this.fallback), status: 'running', bytes: null, durationMs: null, at: new Date().toISOString() });
  }

  done(job: Job, result: JobResult): void {
    this.upsert({
      id: job.id, task: job.task, source: sourceKind(job.source, this.fallback), status: 'done',
      bytes: result.bytes, durationMs: result.durationMs, at: result.finishedAt,
    });
  }

  failed(job: Job, error: WordmillError, durationMs: number | null): void {
    const at = new Date().toISOString();
    const source = sourceKind(job.source, this.fallback);
    this.upsert({ id: job.id, task: job.task, source, status: 'failed', bytes: null, durationMs, at });
    const message = error.message.length > MESSAGE_LIMIT ? `${error.message.slice(0, MESSAGE_LIMIT - 1)}…` : error.message;
    this.errors.unshift({ id: job.id, task: job.task, source, code: error.code, message, at });
    this.errors.length = Math.min(this.errors.length, this.limit);
  }

  recentJobs(): RecentJob[] {
    return this.jobs.map((j) => ({ ...j }));
  }

  recentErrors(): RecentError[] {
    return this.errors.map((e) => ({ ...e }));
  }

  /** Newest first; a job that moves on (running → done) moves to the top. */
  private upsert(entry: RecentJob): void {
    const index = this.jobs.findIndex((j) => j.id === entry.id);
    if (index >= 0) this.jobs.splice(index, 1);
    this.jobs.unshift(entry);
    this.jobs.length = Math.min(this.jobs.length, this.limit);
  }
}
