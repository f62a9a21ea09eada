/** One screen of `wordmill monitor`: the dashboard's figures as plain text (like `rq info`). */
import type { LiveSnapshot } from '../metrics/live-types.ts';

const SPARK = '▁▂▃▄▅▆▇█';
const mb = (bytes: number): string => (bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 1);
const pct = (share: number): string => `${(share * 100).toFixed(1)}%`;
const ms = (n: number | null): string => (n === null ? '' : n < 1000 ? `${Math.round(n)} ms` : `${(n / 1000).toFixed(2)} s`);
const size = (bytes: number | null): string => (bytes === null ? '' : bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${mb(bytes)} MB`);

export function renderSnapshot(s: LiveSnapshot, url: string, width = 80): string {
  const lines: string[] = [];
  lines.push(`wordmill ${url} · ${s.mode === 'queue' ? 'queue mode' : 'local pool'} · up ${Math.floor(s.uptimeSeconds)} s · ${s.at}`);
  lines.push(`throughput  ${mb(s.throughput.bytesPerSecond)} MB/s  ${s.throughput.jobsPerSecond.toFixed(1)} jobs/s  (last ${s.throughput.windowSeconds.toFixed(0)} s)`);
  lines.push(`MB/s        ${sparkline(s.history.map((p) => p.bytesPerSecond), Math.max(10, width - 12))}`);
  lines.push(`jobs        queued ${s.queue.queued}  running ${s.queue.running}  submitted ${s.totals.submitted}  done ${s.totals.done}  failed ${s.totals.failed}  processed ${mb(s.totals.bytes)} MB`);
  if (s.mode === 'pool') {
    const { runTimeMs: run, waitTimeMs: wait } = s.pool;
    lines.push(`pool        ${s.pool.threads} threads  utilization ${pct(s.pool.utilization)}  run p50 ${ms(run.p50)} p99 ${ms(run.p99)}  wait p50 ${ms(wait.p50)} p99 ${ms(wait.p99)}`);
    lines.push(`threads     busy share over the last ${s.busyWindowSeconds} s`);
    for (const t of s.threads) lines.push(`  ${(t.id === null ? '–' : String(t.id)).padStart(4)} ${bar(t.busy, 30)} ${pct(t.busy).padStart(6)}`);
  }
  if (s.mqtt !== null) {
    const m = s.mqtt;
    lines.push(`mqtt        ${m.connected ? 'connected' : 'DISCONNECTED'} ${m.broker} · in flight ${m.inFlight} · reconnects ${m.reconnects}${m.lastError === null ? '' : ` · last error: ${m.lastError}`}`);
    for (const sub of m.subscriptions) lines.push(`  ${sub.topic}  messages ${sub.messages}  errors ${sub.errors}`);
  }
  lines.push('recent jobs');
  for (const j of s.recentJobs.slice(0, 8)) lines.push(`  ${j.id.padEnd(24)} ${j.task.padEnd(10)} ${j.source.padEnd(5)} ${j.status.padEnd(8)} ${size(j.bytes).padStart(9)} ${ms(j.durationMs).padStart(9)}`);
  if (s.recentErrors.length > 0) {
    lines.push('recent errors');
    for (const e of s.recentErrors.slice(0, 5)) lines.push(`  ${e.code} ${e.id}: ${e.message}`.slice(0, width));
  }
  return `${lines.join('\n')}\n`;
}

function bar(share: number, width: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, share)) * width);
  return `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
}

function sparkline(values: readonly number[], width: number): string {
  const shown = values.slice(-width);
  const max = Math.max(...shown, 0);
  if (shown.length === 0) return '(collecting)';
  const marks = shown.map((v) => SPARK[max === 0 ? 0 : Math.min(SPARK.length - 1, Math.floor((v / max) * (SPARK.length - 1)))]);
  return `${marks.join('')}  max ${mb(max)}`;
}
