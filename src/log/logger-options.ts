/**
 * The one log format of wordmill: pino's own NDJSON (numeric `level`, `time`
 * in epoch milliseconds, `pid`, `hostname`, `msg`), for the service, the queue
 * worker and every worker thread alike, so one tool (pino-pretty, jq, a log
 * shipper) reads all of them. The fields are listed in docs/monitoring.md.
 */
import { hostname } from 'node:os';
import type { LoggerOptions } from 'pino';
import { logLevelFromEnv } from './log-level.ts';

export function loggerOptions(extraBase: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = process.env): LoggerOptions {
  // pino's default base is { pid, hostname }; keep it and add ours, so every line says which process wrote it.
  return { level: logLevelFromEnv(env), base: { pid: process.pid, hostname: hostname(), ...extraBase } };
}
