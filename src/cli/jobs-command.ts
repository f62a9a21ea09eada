/**
 * `wordmill jobs status [ID]` (counts per state, or one job), `jobs retry ID`
 * (a failed job back into the queue), `jobs drain` (every job not started
 * yet) and `jobs clean` (by state and age), queue mode.
 */
import { Command, Option } from 'commander';
import { formatIssues } from '../validation.ts';
import { NotFoundError } from '../errors.ts';
import { duration } from '../units/duration.ts';
import type { QueueAdmin } from '../queue/admin.ts';
import { CLEANABLE_STATES } from '../queue/clean-jobs.ts';
import type { CleanableState } from '../queue/clean-jobs.ts';
import { formatCleaned, formatCounts, formatJob } from './jobs-format.ts';
import { jsonOption, queueNameOption, queueUrlOption } from './queue-flags.ts';
import { UsageError } from './usage-error.ts';

interface QueueFlags {
  queue?: string;
  queueName: string;
  json: boolean;
}

export async function withAdmin<T>(flags: QueueFlags, use: (admin: QueueAdmin) => Promise<T>): Promise<T> {
  if (flags.queue === undefined) throw new UsageError('option --queue <url> (or WORDMILL_QUEUE) is required, e.g. --queue redis://127.0.0.1:6379');
  // BullMQ is loaded on use, so commands that never touch Redis start fast.
  const { openQueueAdmin } = await import('../queue/admin.ts');
  const admin = await openQueueAdmin(flags.queue, flags.queueName);
  try {
    return await use(admin);
  } finally {
    await admin.close();
  }
}

export function registerJobsCommand(program: Command): void {
  const jobs = program.command('jobs').description('inspect, retry and remove jobs in the Redis queue');
  jobs
    .command('status')
    .description('job counts per state, or one job\'s record')
    .argument('[id]', 'job id')
    .addOption(queueUrlOption('Redis URL of the queue'))
    .addOption(queueNameOption())
    .addOption(jsonOption())
    .action(async (id: string | undefined, flags: QueueFlags) => {
      await withAdmin(flags, async (admin) => {
        if (id === undefined) {
          const { queueStatus } = await import('../queue/status.ts');
          const status = await queueStatus(admin.queue, admin.client, admin);
          process.stdout.write(flags.json ? `${JSON.stringify(status, null, 2)}\n` : formatCounts(status));
          return;
        }
        const { jobView } = await import('../queue/status.ts');
        const view = await jobView(admin.queue, id);
        if (view === undefined) throw new NotFoundError(`job ${id} in queue "${admin.name}"`);
        process.stdout.write(flags.json ? `${JSON.stringify(view, null, 2)}\n` : formatJob(view));
      });
    });
  jobs
    .command('retry')
    .description('put a failed job back in the queue with a fresh set of attempts')
    .argument('<id>', 'job id')
    .addOption(queueUrlOption('Redis URL of the queue'))
    .addOption(queueNameOption())
    .addOption(jsonOption())
    .action(async (id: string, flags: QueueFlags) => {
      await withAdmin(flags, async (admin) => {
        const { retryFailedJob } = await import('../queue/retry-job.ts');
        await retryFailedJob(admin.queue, id);
        process.stdout.write(flags.json ? `${JSON.stringify({ id, status: 'queued' })}\n` : `job ${id} is queued again\n`);
      });
    });
  jobs
    .command('drain')
    .description('remove every job no worker has started yet (waiting, prioritized, delayed); running jobs finish')
    .addOption(queueUrlOption('Redis URL of the queue'))
    .addOption(queueNameOption())
    .addOption(jsonOption())
    .action(async (flags: QueueFlags) => {
      await withAdmin(flags, async (admin) => {
        const { drainJobs } = await import('../queue/clean-jobs.ts');
        const report = await drainJobs(admin.queue);
        process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatCleaned(report));
      });
    });
  jobs
    .command('clean')
    .description('remove jobs in one state, optionally only those older than a duration')
    .addOption(new Option('--state <state>', 'waiting (not started yet), failed or completed').choices(CLEANABLE_STATES).default('completed'))
    .addOption(new Option('--older-than <duration>', 'only jobs added (waiting) or finished (failed, completed) longer ago than this, like 1h or 7d').default('0'))
    .addOption(queueUrlOption('Redis URL of the queue'))
    .addOption(queueNameOption())
    .addOption(jsonOption())
    .action(async (flags: QueueFlags & { state: CleanableState; olderThan: string }) => {
      const olderThan = olderThanSchema.safeParse(flags.olderThan, { reportInput: true });
      if (!olderThan.success) throw new UsageError(formatIssues(olderThan.error, 'option --older-than'));
      await withAdmin(flags, async (admin) => {
        const { cleanJobs } = await import('../queue/clean-jobs.ts');
        const report = await cleanJobs(admin.queue, flags.state, olderThan.data);
        process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatCleaned(report));
      });
    });
}

const olderThanSchema = duration(0, 3650 * 86_400_000);
