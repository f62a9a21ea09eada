/** Plain-text output of the `jobs` commands (`--json` prints the objects as they are). */
import type { CleanReport } from '../queue/clean-jobs.ts';
import type { QueuedJobView, QueueStatus } from '../queue/status.ts';

export function formatCounts(s: QueueStatus): string {
  const c = s.counts;
  return [
    `queue ${s.queue}: ${c.queued} queued (${c.delayed} delayed, ${c.prioritized} prioritized), ${c.running} running, ${c.done} done, ${c.failed} failed`,
    `workers: ${s.totals.workers} live, ${s.totals.threads} threads, ${s.totals.active} jobs running on them`,
    '',
  ].join('\n');
}

export function formatJob(v: QueuedJobView): string {
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
    const r = v.result as { totalWords?: number; uniqueWords?: number; writtenTo?: string };
    lines.push(`result:    ${r.totalWords ?? '?'} words, ${r.uniqueWords ?? '?'} unique`);
    if (r.writtenTo !== undefined) lines.push(`file:      ${r.writtenTo} (on the worker)`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatCleaned(r: CleanReport): string {
  const age = r.olderThanMs > 0 ? ` older than ${formatAge(r.olderThanMs)}` : '';
  return `queue ${r.queue}: removed ${r.removed} ${r.state} job${r.removed === 1 ? '' : 's'}${age}\n`;
}

function formatAge(ms: number): string {
  for (const [unit, size] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms} ms`;
}
