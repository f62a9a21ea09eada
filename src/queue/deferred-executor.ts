/**
 * Queue mode without the cost of it elsewhere: BullMQ is loaded only when the
 * engine is built with `queue` options, so a plain `wordmill process` never
 * imports it (nor needs Redis).
 */
import type { ExecuteContext, Executor, ExecutorStats } from '../dispatch/executor.ts';
import type { Job, JobResult } from '../dispatch/job.ts';
import type { QueueOptions } from './options.ts';
import type { QueueExecutor } from './queue-executor.ts';
import type { QueueStatus } from './status.ts';

export class DeferredQueueExecutor implements Executor {
  readonly mode = 'queue';
  private loading: Promise<QueueExecutor> | undefined;

  constructor(readonly options: QueueOptions) {}

  async ready(): Promise<void> {
    await (await this.load()).ready();
  }

  async run(job: Job, ctx: ExecuteContext): Promise<JobResult> {
    return (await this.load()).run(job, ctx);
  }

  stats(): ExecutorStats {
    return { mode: 'queue' };
  }

  async status(): Promise<QueueStatus> {
    return (await this.load()).status();
  }

  async close(): Promise<void> {
    if (this.loading) await (await this.loading).close();
  }

  private load(): Promise<QueueExecutor> {
    this.loading ??= import('./queue-executor.ts').then((m) => new m.QueueExecutor(this.options));
    return this.loading;
  }
}
