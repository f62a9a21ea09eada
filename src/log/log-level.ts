/**
 * `LOG_LEVEL`: the one setting shared by the service's log and the worker
 * threads' logs. Checked here, once, when a command starts, so a bad value is
 * one clear error that names the variable; worker threads inherit the same
 * environment.
 */
import { InvalidOptionsError } from '../errors.ts';
import { readLogLevel } from './logger-options.ts';
import type { LogLevel } from './logger-options.ts';

export type { LogLevel };

export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const read = readLogLevel(env);
  if ('problem' in read) throw new InvalidOptionsError(read.problem);
  return read.level;
}
