/**
 * `wordmill jobs status [ID]` (counts per state, or one job) and
 * `wordmill jobs retry ID` (a failed job back into the queue), queue mode.
 */
import { Command } from 'commander';
import { NotFoundError } from '../errors.ts';
import type { QueueAdmin } from '../queue/admin.ts';
import type { QueuedJobView, QueueStatus } from '../queue/status.ts';
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
  const jobs = program.command('jobs').description('inspect and retry jobs in the Redis queue');
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
}

function formatCounts(s: QueueStatus): string {
  const c = s.counts;
  return [
    `queue ${s.queue}: ${c.queued} queued (${c.delayed} delayed, ${c.prioritized} prioritized), ${c.running} running, ${c.done} done, ${c.failed} failed`,
    `workers: ${s.totals.workers} live, ${s.totals.threads} threads, ${s.totals.active} jobs active`,
    '',
  ].join('\n');
}

function formatJob(v: QueuedJobView): string {
  const lines = [
    `id:        ${v.id}`,
    `status:    ${v.status} (${v.state})`,
    `task:      ${v.task}`,
    `source:    ${v.source ?? '-'}`,
    `attempts:  ${v.attemptsMade} of ${v.maxAttempts}`,
    `priority:  ${v.priority}`,
    `created:   ${v.createdAt}`,
  ];
  if (v.startedAt) lines.push(`started:   ${v.startedAt}`);
  if (v.finishedAt) lines.push(`finished:  ${v.finishedAt}`);
  if (v.processedBy) lines.push(`worker:    ${v.processedBy}`);
  if (v.error) lines.push(`error:     ${v.error.code} ${v.error.message}`);
  if (v.result !== undefined) {
    const r = v.result as { totalWords?: number; uniqueWords?: number };
    lines.push(`result:    ${r.totalWords ?? '?'} words, ${r.uniqueWords ?? '?'} unique`);
  }
  return `${lines.join('\n')}\n`;
}
