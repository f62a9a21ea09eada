/**
 * Each worker thread appends NDJSON lines to its own file,
 * `<logDir>/worker-<threadId>.log`. Lines are written synchronously: one
 * small append per task, and nothing is lost when the pool terminates a thread.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';

export interface WorkerLogLine {
  level: 'info' | 'warn' | 'error';
  msg: string;
  jobId: string;
  source: string;
  task: string;
  step: 'count' | 'merge';
  bytes?: number;
  range?: [number, number];
  durationMs: number;
  outcome: 'done' | 'failed';
  code?: string;
}

const created = new Set<string>();

/** The thread's log could not be written (EACCES, ENOSPC, a file where the folder should be…). */
export class LogWriteError extends Error {
  constructor(path: string, cause: unknown) {
    super(`could not write ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'LogWriteError';
  }
}

export function writeWorkerLog(logDir: string | null, line: WorkerLogLine): void {
  if (logDir === null) return;
  const path = join(logDir, `worker-${threadId}.log`);
  try {
    if (!created.has(logDir)) {
      mkdirSync(logDir, { recursive: true });
      created.add(logDir);
    }
    const record = { time: new Date().toISOString(), threadId, pid: process.pid, ...line };
    appendFileSync(path, `${JSON.stringify(record)}\n`);
  } catch (error) {
    throw new LogWriteError(path, error);
  }
}
