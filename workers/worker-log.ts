/**
 * Each worker thread logs to its own file, `<logDir>/worker-<threadId>.log`,
 * one line per job step, in the format of the service's log: pino's NDJSON
 * with the fields of src/log/logger-options.ts. The line is written here
 * rather than through pino: loading pino cost every thread ~15 ms of its
 * start-up, more than counting a book, for a fixed flat line of JSON. Writes
 * are synchronous: the pool terminates idle threads without an exit hook a
 * buffered logger could flush in, and one short line per job costs ~5 µs.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
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

/** pino's numeric levels. */
const LEVELS: Readonly<Record<string, number>> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60, silent: Infinity };

interface LogFile {
  fd: number;
  /** The lowest level written (LOG_LEVEL). */
  min: number;
  /** `"pid":…,"hostname":…,"threadId":…` as pino's `base` gives them. */
  base: string;
}

/** One open log per log folder (a thread serves every job of its pool, and they share one folder). */
const files = new Map<string, LogFile>();

function logFileFor(logDir: string): LogFile {
  let file = files.get(logDir);
  if (file === undefined) {
    const options = loggerOptions({ threadId });
    mkdirSync(logDir, { recursive: true });
    const fd = openSync(join(logDir, `worker-${threadId}.log`), 'a');
    file = { fd, min: LEVELS[options.level ?? 'info'] ?? 30, base: JSON.stringify(options.base).slice(1, -1) };
    files.set(logDir, file);
  }
  return file;
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
  let file: LogFile | undefined;
  try {
    file = logFileFor(logDir);
    const value = LEVELS[level]!;
    if (value < file.min) return;
    const rest = JSON.stringify({ ...fields, msg }).slice(1);
    writeSync(file.fd, `{"level":${value},"time":${Date.now()},${file.base},${rest}\n`);
  } catch (error) {
    // A file that failed once may be left mid-write: the next line opens a fresh one.
    files.delete(logDir);
    if (file !== undefined) closeQuietly(file.fd);
    throw new LogWriteError(path, error);
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Already unusable: the write error is the one to report.
  }
}
