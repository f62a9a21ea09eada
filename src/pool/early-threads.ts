/**
 * The one file that makes piscina pools (thread-pool.ts wraps them), and
 * worker threads started before a command has loaded its own modules: a
 * thread spends ~0.1 s loading the worker code and the main thread ~0.2 s
 * loading the CLI's (zod, commander, pino, ours), so starting them together
 * overlaps the two. The next `ThreadPool` of the same size takes these
 * threads over (`takeEarlyThreads`); threads nobody takes are stopped.
 */
import { Piscina } from 'piscina';
import type { TaskBatch, TaskBatchResponse, TaskRequest, TaskResponse } from '../protocol.ts';
import { resolveWorkerEntry } from './worker-entry.ts';

export const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

type Pool = Piscina<TaskRequest | TaskBatch, TaskResponse | TaskBatchResponse>;

let early: { piscina: Pool; threads: number } | undefined;

export function newPiscina(threads: number, idleTimeoutMs: number): Pool {
  const entry = resolveWorkerEntry();
  const piscina = new Piscina<TaskRequest | TaskBatch, TaskResponse | TaskBatchResponse>({
    filename: entry.filename,
    execArgv: entry.execArgv,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: idleTimeoutMs,
  });
  // A worker that dies is replaced by piscina; the task's own promise carries the error.
  piscina.on('error', () => {});
  return piscina;
}

/** Starts a pool of `threads` threads now (one per process: a second call does nothing). */
export function startEarlyThreads(threads: number): void {
  if (early !== undefined) return;
  early = { piscina: newPiscina(threads, DEFAULT_IDLE_TIMEOUT_MS), threads };
}

/** The early pool if it is the one asked for; any other is stopped (it would only compete for the cores). */
export function takeEarlyThreads(threads: number, idleTimeoutMs: number): Pool | undefined {
  const found = early;
  if (found === undefined) return undefined;
  early = undefined;
  if (found.threads === threads && idleTimeoutMs === DEFAULT_IDLE_TIMEOUT_MS) return found.piscina;
  void found.piscina.destroy().catch(() => {});
  return undefined;
}

/** Stops threads started early that no pool took (nothing to count, or the command ended before). */
export async function stopEarlyThreads(): Promise<void> {
  const found = early;
  early = undefined;
  await found?.piscina.destroy().catch(() => {});
}
