/**
 * Profiles the service's main thread under load from this process:
 * `node --import tsx bench/profile/run.ts http|http-none|http-big [count]`.
 * Starts the compiled `wordmill serve` with `--cpu-prof`, warms it up, loads
 * it (32 keep-alive connections, `?wait=true`), stops it, and prints the
 * main thread's self time (by area, by function, per job) during the load only.
 * Run `npm run build` first; WORDMILL_CLI=<other checkout>/dist/src/cli.js profiles another build
 * (before/after, back to back).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { textBodies } from '../lib/service.ts';
import { runHttpLoad } from '../lib/http-load.ts';
import { startServeProcess } from '../lib/server-process.ts';
import { formatCpuSummary, summarizeCpuProfile } from './cpu-summary.ts';

const CASES = {
  http: { bytes: 1024, count: 10_000, out: true },
  'http-none': { bytes: 1024, count: 10_000, out: false },
  'http-big': { bytes: 256 * 1024, count: 400, out: true },
} as const;

async function main(): Promise<void> {
  const name = (process.argv[2] ?? 'http') as keyof typeof CASES;
  const spec = CASES[name];
  if (spec === undefined) throw new Error(`unknown case ${name} (known: ${Object.keys(CASES).join(', ')})`);
  const count = Number(process.argv[3] ?? spec.count);
  const dir = mkdtempSync(join(tmpdir(), 'wordmill-prof-'));
  const profDir = join(dir, 'prof');
  const server = await startServeProcess(
    ['--mqtt', 'off', '--threads', '2', '--out', spec.out ? join(dir, 'out') : 'none'],
    ['--cpu-prof', '--cpu-prof-dir', profDir],
    ...(process.env['WORDMILL_CLI'] === undefined ? [] : [process.env['WORDMILL_CLI']]),
  );
  const { bodies } = textBodies(count, spec.bytes);
  const url = `${server.url}/v1/jobs?wait=true`;
  try {
    await runHttpLoad({ url, bodies: bodies.slice(0, Math.min(count, 500)), connections: 32 });
    // performance.now() and the profile's timestamps differ by this process's time origin.
    const originUs = Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000;
    const run = await runHttpLoad({ url, bodies, connections: 32 });
    const fromUs = originUs + run.firstSentAt * 1000;
    const toUs = originUs + run.lastAnsweredAt * 1000;
    process.stdout.write(`${name}: ${run.requests} requests, ${run.requestsPerSec} req/s, p50 ${run.latencyP50Ms} ms, p99 ${run.latencyP99Ms} ms\n`);
    await server.stop();
    // The main thread's profile: thread id 0 in the file name (CPU.<date>.<pid>.<tid>.<seq>.cpuprofile).
    const file = readdirSync(profDir).find((f) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(f));
    if (file === undefined) throw new Error(`no main-thread profile in ${profDir}: ${readdirSync(profDir).join(', ')}`);
    process.stdout.write(`${formatCpuSummary(summarizeCpuProfile(join(profDir, file), { fromUs, toUs }), run.requests)}\n`);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
