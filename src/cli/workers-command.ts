/** `wordmill workers status`: the live `wordmill worker` processes of a queue (from their heartbeats). */
import { Command } from 'commander';
import type { WorkerInfo } from '../queue/heartbeat.ts';
import { withAdmin } from './jobs-command.ts';
import { jsonOption, queueNameOption, queueUrlOption } from './queue-flags.ts';

export function registerWorkersCommand(program: Command): void {
  program
    .command('workers')
    .description('live queue workers')
    .command('status')
    .description('live workers: host, pid, threads, output folder, jobs active, done and failed')
    .addOption(queueUrlOption('Redis URL of the queue'))
    .addOption(queueNameOption())
    .addOption(jsonOption())
    .action(async (flags: { queue?: string; queueName: string; json: boolean }) => {
      await withAdmin(flags, async (admin) => {
        const { listWorkers, workerKeyPrefix } = await import('../queue/heartbeat.ts');
        const workers = await listWorkers(admin.client, workerKeyPrefix(admin.prefix, admin.name));
        process.stdout.write(flags.json ? `${JSON.stringify({ queue: admin.name, workers }, null, 2)}\n` : formatWorkers(admin.name, workers));
      });
    });
}

function formatWorkers(queue: string, workers: WorkerInfo[]): string {
  if (workers.length === 0) return `no live workers on queue ${queue}\n`;
  const rows = [['WORKER', 'HOST', 'PID', 'THREADS', 'ACTIVE', 'DONE', 'FAILED', 'LAST SEEN', 'OUT']];
  for (const w of workers) rows.push([w.id, w.host, String(w.pid), String(w.threads), String(w.active), String(w.done), String(w.failed), w.lastSeen, w.out]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return `${rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n')}\n`;
}
