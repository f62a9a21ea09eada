/**
 * CPU time per queued small job in each process of a queue-mode setup:
 * `node --import tsx bench/profile/queue-cpu.ts [count] [rounds] [-- worker args]`
 * starts `wordmill serve --queue` (1 thread) and two `wordmill worker`
 * processes (1 thread, the bench's --concurrency unless worker args say otherwise),
 * POSTs `count` 1 KiB texts (`?wait=true`, 32 connections) per round, and
 * prints, per round, jobs/s and CPU µs per job of serve, each worker and
 * redis-server (user+sys from /proc), and Redis commands per job (INFO
 * commandstats; other clients of the same Redis add to it). With
 * WORDMILL_CLI_BASE=<other checkout>/dist/src/cli.js the rounds alternate
 * between that build and this one (QUEUE_CPU_CLI=<cli.js> replaces this one);
 * QUEUE_CPU_NODE_ARGS='--flag …' starts this build's processes (not the base's) with those
 * node flags. With QUEUE_CPU_PROF=<dir> each process writes a --cpu-prof profile there, and
 * each main thread's is summarized for the load's time window only (QUEUE_CPU_KEEP=1 keeps
 * the files and prints the window). The result files go to the temporary folder: on this
 * machine's ext4 (no journal) creating a file soon after many were deleted cost up to ~1 ms of
 * kernel CPU (it skips inodes freed in the last ~30 s one by one), so TMPDIR=/dev/shm keeps that
 * cost, the same in both modes, out of the queue's figures. Threads are named by their id's offset from the process's
 * (node names them all "node"). Also per job: voluntary context switches and read/write syscalls of each
 * process, reads Redis served: counts that, unlike CPU time on a shared
 * machine, do not move with the neighbours' load. Linux only.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { runHttpLoad } from '../lib/http-load.ts';
import { REDIS_URL, removeQueue, startWorker, stopWorker } from '../lib/queue-workers.ts';
import type { QueueWorkerProcess } from '../lib/queue-workers.ts';
import { startServeProcess } from '../lib/server-process.ts';
import { SMALL_JOB_CONCURRENCY } from '../scopes/queue-small.ts';
import { textBodies } from '../lib/service.ts';
import { CLI } from '../lib/wordmill-cli.ts';
import { formatCpuSummary, summarizeCpuProfile } from './cpu-summary.ts';

const TICK_MS = 10; // USER_HZ 100
/** QUEUE_CPU_PROF=<dir>: every process writes a --cpu-prof profile there. */
const PROFILE_DIR = process.env['QUEUE_CPU_PROF'];
const PROFILE = PROFILE_DIR === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`];

/** Each main thread's profile (thread id 0 in the name), during the load only; the files are then removed. */
function summarizeProfiles(dir: string, window: { fromUs: number; toUs: number }, count: number): void {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
    const path = join(dir, file);
    if (/^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(file)) process.stdout.write(`${file}\n${formatCpuSummary(summarizeCpuProfile(path, window), count)}\n`);
    if (process.env['QUEUE_CPU_KEEP'] === undefined) rmSync(path);
  }
  process.stdout.write(`load window (µs, monotonic): ${Math.round(window.fromUs)} ${Math.round(window.toUs)}\n`);
}

interface Cpu {
  all: number;
  /** By thread name ('main' for the main thread); threads that ended are missing. */
  byName: Map<string, number>;
}

/** CPU ms of a process (all its threads) and by thread name, from /proc. */
function cpuMs(pid: number): Cpu {
  const ticks = (stat: string): number => {
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  };
  let all = 0;
  const byName = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // thread gone
    }
    const t = ticks(stat);
    all += t;
    // Node names every thread "node": the main thread by its id, the others by their order of start.
    const name = Number(tid) === pid ? 'main' : `t${Number(tid) - pid}`;
    byName.set(name, (byName.get(name) ?? 0) + t * TICK_MS);
  }
  // Threads that exited are counted in the process's own figure.
  return { all: Math.max(all, ticks(readFileSync(`/proc/${pid}/stat`, 'utf8'))) * TICK_MS, byName };
}

/** Context switches of a process's threads (voluntary: it slept, waiting for a message or a reply). */
function switches(pid: number): number {
  let n = 0;
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const status = readFileSync(`/proc/${pid}/task/${tid}/status`, 'utf8');
      n += Number(/^voluntary_ctxt_switches:\s+(\d+)/m.exec(status)?.[1] ?? 0);
    } catch {
      // thread gone
    }
  }
  return n;
}

/** Read and write system calls of a process (all threads), from /proc/<pid>/io. */
function syscalls(pid: number): number {
  const io = readFileSync(`/proc/${pid}/io`, 'utf8');
  return Number(/^syscr: (\d+)/m.exec(io)?.[1]) + Number(/^syscw: (\d+)/m.exec(io)?.[1]);
}

/** Reads (requests in) and writes (replies out) Redis served, all clients together. */
async function redisIo(client: Redis): Promise<{ reads: number; writes: number }> {
  const text = await client.info('stats');
  return { reads: Number(/total_reads_processed:(\d+)/.exec(text)?.[1]), writes: Number(/total_writes_processed:(\d+)/.exec(text)?.[1]) };
}

function threadsPerJob(before: Cpu, after: Cpu, count: number): string {
  return [...after.byName].map(([name, ms]) => [name, ms - (before.byName.get(name) ?? 0)] as const)
    .filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => `${name} ${Math.round((ms * 1000) / count)}`).join(', ');
}

/** Calls and µs per Redis command (commands run by Lua scripts count on their own too). */
async function commandCounts(client: Redis): Promise<Map<string, { calls: number; usec: number }>> {
  const text = await client.info('commandstats');
  const counts = new Map<string, { calls: number; usec: number }>();
  for (const m of text.matchAll(/^cmdstat_([^:]+):calls=(\d+),usec=(\d+)/gm)) counts.set(m[1]!, { calls: Number(m[2]), usec: Number(m[3]) });
  return counts;
}

async function round(cli: string, count: number, workerArgs: string[], serveArgs: string[], nodeArgs: string[] = []): Promise<string> {
  const queueName = `wm-qcpu-${randomBytes(4).toString('hex')}`;
  const out = mkdtempSync(join(tmpdir(), 'wordmill-qcpu-'));
  const workers: QueueWorkerProcess[] = [];
  const client = new Redis(REDIS_URL);
  const redisPid = Number(execFileSync('pgrep', ['-o', 'redis-server'], { encoding: 'utf8' }).trim());
  const { bodies } = textBodies(count, 1024);
  let window: { fromUs: number; toUs: number } | undefined;
  try {
    for (let i = 0; i < 2; i++) await startWorker(queueName, out, workers, workerArgs, { cli, nodeArgs: [...PROFILE, ...nodeArgs] });
    const server = await startServeProcess(['--mqtt', 'off', '--out', out, '--threads', '1', '--queue', REDIS_URL, '--queue-name', queueName, ...serveArgs], [...PROFILE, ...nodeArgs], cli);
    try {
      const url = `${server.url}/v1/jobs?wait=true`;
      await runHttpLoad({ url, bodies: bodies.slice(0, 500), connections: 32 });
      const pids = [server.pid, ...workers.map((w) => w.child.pid!), redisPid];
      const before = pids.map(cpuMs);
      const switchesBefore = pids.map(switches);
      const syscallsBefore = pids.map(syscalls);
      const ioBefore = await redisIo(client);
      const cmdsBefore = await commandCounts(client);
      const originUs = Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000;
      const load = await runHttpLoad({ url, bodies, connections: 32 });
      window = { fromUs: originUs + load.firstSentAt * 1000, toUs: originUs + load.lastAnsweredAt * 1000 };
      const after = pids.map(cpuMs);
      const switchesAfter = pids.map(switches);
      const sys = pids.map((pid, i) => ((syscalls(pid) - syscallsBefore[i]!) / count).toFixed(1)).join('/');
      const ioAfter = await redisIo(client);
      const cmdsAfter = await commandCounts(client);
      const sw = pids.map((_, i) => ((switchesAfter[i]! - switchesBefore[i]!) / count).toFixed(1)).join('/');
      const io = `redis reads ${((ioAfter.reads - ioBefore.reads) / count).toFixed(1)} writes ${((ioAfter.writes - ioBefore.writes) / count).toFixed(1)}`;
      const per = (i: number): number => Math.round(((after[i]!.all - before[i]!.all) * 1000) / count);
      let total = 0;
      const cmds: string[] = [];
      const rows = [...cmdsAfter].map(([name, n]) => {
        const was = cmdsBefore.get(name) ?? { calls: 0, usec: 0 };
        return { name, calls: n.calls - was.calls, usec: n.usec - was.usec };
      }).filter((r) => r.calls > 0 && r.name !== 'info').sort((a, b) => b.usec - a.usec);
      for (const r of rows) {
        total += r.calls;
        cmds.push(`${r.name} ${(r.calls / count).toFixed(2)}×${Math.round(r.usec / r.calls)}µs`);
      }
      const sum = per(0) + per(1) + per(2) + per(3);
      return `${Math.round(count / (load.wallMs / 1000))} jobs/s  cpu µs/job: serve ${per(0)}  workers ${per(1)}+${per(2)}  redis ${per(3)}  sum ${sum}  redis cmds/job ${(total / count).toFixed(1)} (${cmds.slice(0, 12).join(', ')})
    per job, serve/w1/w2/redis: sleeps ${sw}, read+write syscalls ${sys}; ${io}
    serve threads: ${threadsPerJob(before[0]!, after[0]!, count)}
    worker threads: ${threadsPerJob(before[1]!, after[1]!, count)}`;
    } finally {
      await server.stop();
    }
  } finally {
    await Promise.all(workers.map(stopWorker));
    if (PROFILE_DIR !== undefined && window !== undefined) summarizeProfiles(PROFILE_DIR, window, count);
    await removeQueue(queueName).catch(() => {});
    client.disconnect();
    rmSync(out, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const dash = process.argv.indexOf('--');
  const rest = dash < 0 ? [] : process.argv.slice(dash + 1);
  const positional = dash < 0 ? process.argv.slice(2) : process.argv.slice(2, dash);
  const count = Number(positional[0] ?? 5000);
  const rounds = Number(positional[1] ?? 3);
  const workerArgs = rest.length > 0 ? rest : ['--threads', '1', '--concurrency', String(SMALL_JOB_CONCURRENCY)];
  const base = process.env['WORDMILL_CLI_BASE'];
  const sides = [['this', process.env['QUEUE_CPU_CLI'] ?? CLI], ...(base === undefined ? [] : [['base', base]])];
  for (let r = 0; r < rounds; r++) {
    for (const [side, cli] of r % 2 === 0 ? sides : [...sides].reverse()) {
      const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
      process.stdout.write(`${side} round ${r + 1} (load ${load}): ${await round(cli!, count, workerArgs, [], side === 'this' ? (process.env['QUEUE_CPU_NODE_ARGS'] ?? '').split(' ').filter(Boolean) : [])}\n`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
