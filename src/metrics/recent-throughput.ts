/** Jobs done (and their bytes) over the last minute, from an engine's events, whether or not their records are still kept. */
import type { EventEmitter } from 'node:events';
import type { Job, JobResult } from '../dispatch/job.ts';
import type { EngineEvents } from '../events.ts';
import { RecentRate } from './recent-rate.ts';

export class RecentThroughput {
  private readonly finishedRecently = new RecentRate();

  constructor(private readonly now: () => number = Date.now) {}

  /** Follows an engine's events; returns the function that stops following. */
  attach(events: EventEmitter<EngineEvents>): () => void {
    const done = (_job: Job, result: JobResult): void => this.finishedRecently.record(this.now(), result.bytes);
    events.on('job:done', done);
    return () => void events.off('job:done', done);
  }

  recentlyDone(): { jobs: number; bytes: number; windowMs: number } {
    return { ...this.finishedRecently.totals(this.now()), windowMs: this.finishedRecently.windowMs };
  }
}
