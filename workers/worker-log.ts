/**
 * Each worker thread logs to its own file, `<logDir>/worker-<threadId>.log`,
 * through pino in the same format as the service's log
 * (src/log/logger-options.ts), one line per job step. Writes are synchronous:
 * the pool terminates idle threads without an exit hook a buffered logger
 * could flush in, and a synchronous write of one short line per job costs the
 * same as a buffered one (measured: ~5 µs either way).
 */
import { mkdirSync } from 'node:fs';
import { devNull } from 'node:os';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { loggerOptions } from '../src/log/logger-options.ts';

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

/** One logger per log folder (a thread serves every job of its pool, and they share one folder). */
const loggers = new Map<string, Logger>();

function loggerFor(logDir: string): Logger {
  let log = loggers.get(logDir);
  if (log === undefined) {
    mkdirSync(logDir, { recursive: true });
    log = pino(loggerOptions({ threadId }), pino.destination({ dest: join(logDir, `worker-${threadId}.log`), sync: true }));
    loggers.set(logDir, log);
  }
  return log;
}

/**
 * A logger of the same options writes one line of the same shape to the null device when the
 * thread starts: the first logger and line ran pino's code cold, ~2–3 ms of the first job's time.
 */
export function warmUpWorkerLog(): void {
  try {
    const destination = pino.destination({ dest: devNull, sync: true });
    try {
      const line: WorkerLogLine = { level: 'info', msg: 'warm-up', jobId: 'warm-up', source: 'warm-up', task: 'wordcount', step: 'count', range: [0, 1], durationMs: 0, outcome: 'done', bytes: 1 };
      const { level, msg, ...fields } = line;
      pino(loggerOptions({ threadId }), destination)[level](fields, msg);
    } finally {
      destination.destroy();
    }
  } catch {
    // A bad LOG_LEVEL (or no null device): the first job's log line meets it and reports it, as before.
  }
}

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
  const { level, msg, ...fields } = line;
  try {
    loggerFor(logDir)[level](fields, msg);
  } catch (error) {
    // A destination that failed once may be left mid-write: the next line opens a fresh one.
    loggers.delete(logDir);
    throw new LogWriteError(path, error);
  }
}
