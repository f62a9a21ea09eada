/**
 * The log of `wordmill process` runs, `<out>/logs/process.log`, beside the
 * worker threads' logs and in their format: one line when a run starts and
 * ends, and one per input that never reached a thread (a broken symlink, a
 * symlink loop, an unreadable folder), which the thread logs cannot record.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { loggerOptions } from '../log/logger-options.ts';

export function openRunLog(logDir: string, runId: string): Logger {
  mkdirSync(logDir, { recursive: true });
  return pino(loggerOptions({ runId }), pino.destination({ dest: join(logDir, 'process.log'), sync: true }));
}
