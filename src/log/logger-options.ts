/**
 * The one log format of wordmill: pino's own NDJSON (numeric `level`, `time`
 * in epoch milliseconds, `pid`, `hostname`, `msg`), for the service, the queue
 * worker and every worker thread alike, so one tool (pino-pretty, jq, a log
 * shipper) reads all of them. The fields are listed in docs/monitoring.md.
 * The worker threads import this file too: it imports nothing of wordmill's.
 */
import { hostname } from 'node:os';
import type { LoggerOptions } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_LOG_LEVEL: LogLevel = 'info';

/** `LOG_LEVEL`'s level, or a message naming the variable and the bad value. */
export function readLogLevel(env: NodeJS.ProcessEnv): { level: LogLevel } | { problem: string } {
  const raw = env.LOG_LEVEL;
  if (raw === undefined || raw.trim() === '') return { level: DEFAULT_LOG_LEVEL };
  const level = raw.trim().toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(level)) return { level: level as LogLevel };
  return { problem: `LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')} (got ${JSON.stringify(raw)})` };
}

export function loggerOptions(extraBase: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = process.env): LoggerOptions {
  const read = readLogLevel(env);
  // The command line refuses a bad LOG_LEVEL before anything logs (src/log/log-level.ts).
  if ('problem' in read) throw new Error(read.problem);
  // pino's default base is { pid, hostname }; keep it and add ours, so every line says which process wrote it.
  return { level: read.level, base: { pid: process.pid, hostname: hostname(), ...extraBase } };
}
