/**
 * Busy time per worker thread, read from the worker logs a wordmill run
 * writes (`<out>/logs/worker-<threadId>.log`, one line per job step with its
 * `durationMs`): how long each thread spent inside jobs, and so the in-task
 * throughput, apart from start-up and the main thread's share.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface ThreadBusy {
  thread: string;
  jobs: number;
  /** Input bytes of the thread's count steps (a merge step reads no input). */
  bytes: number;
  busyMs: number;
}

interface LogLine {
  step?: string;
  bytes?: number;
  durationMs?: number;
}

export function readThreadBusy(outDir: string): ThreadBusy[] {
  const logs = join(outDir, 'logs');
  if (!existsSync(logs)) return [];
  return readdirSync(logs)
    .filter((f) => /^worker-\d+\.log$/.test(f))
    .sort()
    .map((file) => {
      const lines = readFileSync(join(logs, file), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogLine);
      return {
        thread: file.replace(/\.log$/, ''),
        jobs: lines.length,
        bytes: lines.reduce((n, l) => n + (l.step === 'count' ? (l.bytes ?? 0) : 0), 0),
        busyMs: lines.reduce((n, l) => n + (l.durationMs ?? 0), 0),
      };
    });
}
