/**
 * The bench harness: `npm run bench -- --scope corpus|pool|memory|tasks|http|mqtt|queue|all [--size 64MB]
 * [--runs 3] [--threads 1,2] [--json] [--skip name,…]`. Builds dist/ (the
 * cases run the compiled CLI and engine), runs the named scopes, prints a table
 * per input (or the JSON report with --json), and writes
 * bench/results/<scope>-<date>.json, latest.json and throughput.svg. That
 * folder is git-ignored: bench/RESULTS.md is the record of runs worth keeping.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseBenchArgs } from './lib/options.ts';
import { formatTables, makeReport } from './lib/report.ts';
import { throughputSvg } from './lib/svg-chart.ts';
import type { CaseResult } from './lib/types.ts';
import { DEFAULT_ALL, SCOPES } from './scopes/index.ts';

const RESULTS = fileURLToPath(new URL('./results/', import.meta.url));

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const { scopes, options, help } = parseBenchArgs(argv);
  if (help) {
    process.stdout.write(`usage: npm run bench -- --scope ${[...SCOPES.map((s) => s.name), 'all'].join('|')} [--size 256MB] [--runs 3] [--threads 1,2] [--json] [--skip name,…]\n`);
    for (const s of SCOPES) process.stdout.write(`  ${s.name.padEnd(8)} ${s.description}\n`);
    return;
  }
  const names = scopes.flatMap((s) => (s === 'all' ? DEFAULT_ALL : [s]));
  const unknown = names.filter((n) => !SCOPES.some((s) => s.name === n));
  if (unknown.length > 0) throw new Error(`--scope: unknown scope "${unknown.join(',')}" (known: ${SCOPES.map((s) => s.name).join(', ')}, all)`);
  build();
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  const results: CaseResult[] = [];
  for (const scope of SCOPES.filter((s) => names.includes(s.name))) {
    log(`scope ${scope.name}: ${scope.description}`);
    results.push(...(await scope.run(options, log)));
  }
  const report = makeReport(argv, results);
  mkdirSync(RESULTS, { recursive: true });
  const stamp = report.date.replace(/[:.]/g, '-');
  writeFileSync(`${RESULTS}${names.join('+')}-${stamp}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${RESULTS}latest.json`, `${JSON.stringify(report, null, 2)}\n`);
  const corpus = results.filter((r) => r.scope === 'corpus' && r.input !== 'data');
  if (corpus.length > 0) {
    writeFileSync(`${RESULTS}throughput.svg`, throughputSvg(corpus, `wordmill vs baselines, MB/s (median, min–max), ${report.machine.nproc} cores`));
  }
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`${formatTables(results)}\n\nresults: ${RESULTS}latest.json\n`);
}

/** `npm run build`, its output on stderr so that stdout stays the report alone (`--json | jq`). */
function build(): void {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const run = spawnSync(npm, ['run', '--silent', 'build'], { stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
  if (run.status !== 0) throw new Error(`npm run build exited with ${run.status ?? run.signal}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
