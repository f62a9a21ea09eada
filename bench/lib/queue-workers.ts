/**
 * `wordmill worker` processes for the queue scope: started and ready (they log
 * that they consume the queue) before any clock runs, stopped gracefully at
 * the end; the queue's keys removed afterwards.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { CLI } from './wordmill-cli.ts';

export const REDIS_URL = process.env.WORDMILL_BENCH_REDIS ?? 'redis://127.0.0.1:6379';
const WORKER_READY_MS = 30_000;
const WORKER_STOP_MS = 10_000;

export interface QueueWorkerProcess {
  child: ChildProcess;
  stderr(): string;
}

/**
 * A `wordmill worker` of the built CLI, resolved once it logs that it consumes the queue (as the tests wait for it).
 * Its stderr (a log line per job) goes to a file, as a service manager would keep it: through a pipe, this
 * process (the load client) was woken for every line and took CPU from the run it measures.
 */
export async function startWorker(queueName: string, out: string, workers: QueueWorkerProcess[], args: readonly string[], run: { cli?: string; nodeArgs?: readonly string[] } = {}): Promise<void> {
  const logDir = mkdtempSync(join(tmpdir(), 'wordmill-bench-worker-'));
  const logFile = join(logDir, 'stderr.log');
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, [...(run.nodeArgs ?? []), run.cli ?? CLI, 'worker', '--queue', REDIS_URL, '--queue-name', queueName, '--out', out, ...args], {
    stdio: ['ignore', 'ignore', fd],
  });
  closeSync(fd);
  const text = (): string => {
    try {
      return readFileSync(logFile, 'utf8');
    } catch {
      return ''; // removed once the worker exited
    }
  };
  // Registered before readiness so the finally block stops it even if it never gets ready.
  workers.push({ child, stderr: text });
  child.once('exit', () => rmSync(logDir, { recursive: true, force: true }));
  await new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      if (text().includes('consuming queue')) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - started > WORKER_READY_MS) {
        clearInterval(poll);
        reject(new Error(`worker not ready within ${WORKER_READY_MS} ms: ${text().slice(-1000)}`));
      }
    }, 20);
    child.once('exit', (code) => {
      clearInterval(poll);
      reject(new Error(`worker exited early (${code}): ${text().slice(-1000)}`));
    });
  });
}

/** SIGTERM (graceful: finish active jobs), SIGKILL if it takes too long. */
export async function stopWorker(worker: QueueWorkerProcess): Promise<void> {
  const { child } = worker;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), WORKER_STOP_MS);
  await exited;
  clearTimeout(timer);
}

/** The queue's jobs, events and worker heartbeats, as test/helpers/redis-queue.ts removes them. */
export async function removeQueue(name: string): Promise<void> {
  const queue = new Queue(name, { connection: { url: REDIS_URL, maxRetriesPerRequest: null } });
  queue.on('error', () => {});
  const client = new Redis(REDIS_URL);
  try {
    await queue.obliterate({ force: true });
    const rest = await client.keys(`bull:${name}:*`);
    if (rest.length > 0) await client.del(...rest);
  } finally {
    await queue.close();
    client.disconnect();
  }
}

