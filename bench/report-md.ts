/**
 * Prints a bench report (bench/results/*.json) as Markdown tables, for
 * RESULTS.md:  node --import tsx bench/report-md.ts [bench/results/latest.json]
 */
import { readFileSync } from 'node:fs';
import type { Report } from './lib/report.ts';
import type { CaseResult } from './lib/types.ts';

const path = process.argv[2] ?? new URL('./results/latest.json', import.meta.url).pathname;
const report = JSON.parse(readFileSync(path, 'utf8')) as Report;

const f1 = (n: number): string => n.toFixed(1);
const cell = (text: string): string => text.replaceAll('|', '\\|');
const lines: string[] = [
  `Run ${report.date} · ${report.machine.nproc} cores (${report.machine.cpu}) · Node ${report.machine.node} · load average at the end ${report.machine.loadAverage.map(f1).join(' / ')} · \`${['npm run bench --', ...report.argv].join(' ')}\``,
];
const groups = new Map<string, CaseResult[]>();
for (const r of report.results) groups.set(`${r.scope} · ${r.input}`, [...(groups.get(`${r.scope} · ${r.input}`) ?? []), r]);
for (const [group, cases] of groups) {
  const best = cases.filter((c) => c.kind === 'wordmill').sort((a, b) => b.mbPerSec.median - a.mbPerSec.median)[0];
  lines.push('', `**${group}** (${f1((cases[0]?.bytes ?? 0) / 1e6)} MB)`, '');
  lines.push('| case | MB/s median | min–max | MB/cpu-s | wall median | peak RSS | best wordmill ÷ this |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const c of cases) {
    const ratio = best && c !== best ? `${(best.mbPerSec.median / c.mbPerSec.median).toFixed(1)}×` : '';
    const rss = c.peakRssBytes === undefined ? '' : `${Math.round(c.peakRssBytes / 2 ** 20)} MiB`;
    const cpu = c.mbPerCpuSec ? f1(c.mbPerCpuSec.median) : '';
    const note = c.note ? ` (${c.note})` : '';
    lines.push(`| ${cell(c.name + note)} | ${f1(c.mbPerSec.median)} | ${f1(c.mbPerSec.min)}–${f1(c.mbPerSec.max)} | ${cpu} | ${(c.wallMs.median / 1000).toFixed(2)} s | ${rss} | ${ratio} |`);
  }
}
process.stdout.write(`${lines.join('\n')}\n`);
