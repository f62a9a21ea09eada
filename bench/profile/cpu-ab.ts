/**
 * CPU time of `wordmill serve` per job, two builds interleaved:
 * `node --import tsx bench/profile/cpu-ab.ts <case> [count] [rounds]` with
 * WORDMILL_CLI_BASE=<other checkout>/dist/src/cli.js (the build to compare
 * with; without it, this build alone). Cases: http, http-none, http-big, http-big-none, mqtt, mqtt-big.
 * On a shared machine wall-clock rates swing with the neighbours' load; the
 * process's own CPU time (user+sys from /proc, main thread and all threads) per
 * job does not, so it is the figure to compare. Linux only.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runHttpLoad } from '../lib/http-load.ts';
import { runMqttLoad } from '../lib/mqtt-load.ts';
import { textBodies } from '../lib/service.ts';
import { startServeProcess } from '../lib/server-process.ts';
import type { ServerProcess } from '../lib/server-process.ts';
import { CLI } from '../lib/wordmill-cli.ts';

const CASES = {
  http: { bytes: 1024, count: 5000, out: true, mqtt: false },
  'http-none': { bytes: 1024, count: 5000, out: false, mqtt: false },
  'http-big': { bytes: 256 * 1024, count: 300, out: true, mqtt: false },
  'http-big-none': { bytes: 256 * 1024, count: 300, out: false, mqtt: false },
  mqtt: { bytes: 1024, count: 3000, out: true, mqtt: true },
  'mqtt-big': { bytes: 256 * 1024, count: 300, out: true, mqtt: true },
} as const;

const TICK_MS = 10; // USER_HZ 100

/** CPU ms of the process's main thread, of all its threads, and by thread name, from /proc. */
function cpuMs(pid: number): { main: number; all: number; byName: Map<string, number> } {
  const ticks = (stat: string): number => {
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime, stime
  };
  let all = 0;
  let main = 0;
  const byName = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const t = ticks(stat);
    all += t;
    if (Number(tid) === pid) main = t;
    const name = Number(tid) === pid ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
    byName.set(name, (byName.get(name) ?? 0) + t * TICK_MS);
  }
  // Threads that exited are counted in the process's own figure.
  all = Math.max(all, ticks(readFileSync(`/proc/${pid}/stat`, 'utf8')));
  return { main: main * TICK_MS, all: all * TICK_MS, byName };
}

async function load(name: keyof typeof CASES, server: ServerProcess, count: number, round: number): Promise<number> {
  const spec = CASES[name];
  const { bodies } = textBodies(count, spec.bytes);
  if (!spec.mqtt) return (await runHttpLoad({ url: `${server.url}/v1/jobs?wait=true`, bodies, connections: 32 })).requestsPerSec;
  const payloads = bodies.map((body, i) => JSON.stringify({ id: `ab-${round}-${i}`, text: body.toString() }));
  const run = await runMqttLoad({ url: server.mqttUrl!, topic: 'wordmill/jobs/wordcount', replyFilter: ['wordmill/results/#', 'wordmill/errors/#'], payloads, onReply: () => true });
  return run.perSec;
}

async function measure(name: keyof typeof CASES, cli: string, count: number, round: number): Promise<string> {
  const spec = CASES[name];
  const dir = mkdtempSync(join(tmpdir(), 'wordmill-cpu-ab-'));
  const server = await startServeProcess(
    ['--mqtt', spec.mqtt ? 'embedded' : 'off', ...(spec.mqtt ? ['--mqtt-port', '0'] : []), '--threads', '2', '--out', spec.out ? join(dir, 'out') : 'none'],
    [], cli,
  );
  try {
    await load(name, server, Math.min(count, 300), -round - 1);
    const before = cpuMs(server.pid);
    const rate = await load(name, server, count, round);
    const after = cpuMs(server.pid);
    const per = (ms: number): string => `${Math.round((ms * 1000) / count)}`;
    const threads = [...after.byName].map(([thread, ms]) => [thread, ms - (before.byName.get(thread) ?? 0)] as const)
      .filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]).map(([thread, ms]) => `${thread} ${per(ms)}`).join(', ');
    return `${rate}/s  cpu µs/job: main ${per(after.main - before.main)}  all threads ${per(after.all - before.all)} (${threads})`;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const name = (process.argv[2] ?? 'http') as keyof typeof CASES;
  if (CASES[name] === undefined) throw new Error(`unknown case ${name} (known: ${Object.keys(CASES).join(', ')})`);
  const count = Number(process.argv[3] ?? CASES[name].count);
  const rounds = Number(process.argv[4] ?? 3);
  const sides = [['this', CLI], ...(process.env['WORDMILL_CLI_BASE'] === undefined ? [] : [['base', process.env['WORDMILL_CLI_BASE']]])];
  for (let round = 0; round < rounds; round++) {
    for (const [side, cli] of round % 2 === 0 ? sides : [...sides].reverse()) {
      const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
      process.stdout.write(`${name} ${side} round ${round + 1} (load ${load}): ${await measure(name, cli!, count, round)}\n`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
