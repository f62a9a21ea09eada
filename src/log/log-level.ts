/**
 * `LOG_LEVEL`: the one setting shared by the service's log and the worker
 * threads' logs. Read here (and only here) so a bad value is one clear error
 * that names the variable; worker threads inherit the same environment.
 */
import { InvalidOptionsError } from '../errors.ts';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_LOG_LEVEL: LogLevel = 'info';

export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const raw = env.LOG_LEVEL;
  if (raw === undefined || raw.trim() === '') return DEFAULT_LOG_LEVEL;
  const level = raw.trim().toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  throw new InvalidOptionsError(`LOG_LEVEL: expected one of ${LOG_LEVELS.join(', ')} (got ${JSON.stringify(raw)})`);
}
