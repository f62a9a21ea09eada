/**
 * Entry point of every worker thread (the file Piscina loads). It runs one
 * request, logs it to the thread's own log file, and reports expected input
 * failures as data so their codes survive the thread boundary.
 */
import { performance } from 'node:perf_hooks';
import { threadId } from 'node:worker_threads';
import type { BatchItemResponse, TaskBatch, TaskBatchResponse, TaskRequest, TaskResponse, WorkerErrorCode } from '../src/protocol.ts';
import { DamagedInputError } from './io/damaged-input.ts';
import { BinaryInputError } from './text/binary-input.ts';
import { TooManyWordsError } from './text/too-many-words.ts';
import { WordTooLongError } from './text/word-too-long.ts';
import { WORKER_TASKS } from './tasks/registry.ts';
import type { WorkerTask } from './tasks/registry.ts';
import { LogWriteError, warmUpWorkerLog, writeWorkerLog } from './worker-log.ts';

// While the thread waits for its first job: see worker-log.ts.
warmUpWorkerLog();

// Every task module loads with the thread: loading them on first use saved ~7 ms a thread, but a
// dynamic import of a .ts module is not resolved in a thread running the source under tsx.
export default function handle(message: TaskRequest | TaskBatch): TaskResponse | TaskBatchResponse {
  if (message.type !== 'batch') return run(WORKER_TASKS[message.task], message);
  // Each request of a batch runs and logs as if it came alone; what would have failed its
  // task (a crash) is reported for that request only, so its neighbours' results stand.
  return { type: 'batch', responses: message.requests.map((request) => runOne(request)) };
}

function runOne(request: TaskRequest): BatchItemResponse {
  try {
    return run(WORKER_TASKS[request.task], request);
  } catch (error) {
    return { ok: false, crash: error instanceof Error ? error.message : String(error), threadId };
  }
}

function run(task: WorkerTask, request: TaskRequest): TaskResponse {
  const started = performance.now();
  const range: [number, number] | undefined =
    request.type === 'count' && request.input.kind === 'file' ? [request.input.start, request.input.end] : undefined;
  const base = { jobId: request.jobId, source: request.source, task: request.task, step: request.type, range };
  try {
    let response: TaskResponse;
    if (request.type === 'merge') {
      if (!task.runMerge) throw new Error(`task ${request.task} does not merge chunks`);
      response = { ok: true, kind: 'final', stats: task.runMerge(request), threadId };
    } else {
      const out = task.runCount(request);
      response = 'stats' in out
        ? { ok: true, kind: 'final', stats: out.stats, threadId }
        : { ok: true, kind: 'partial', partial: out.partial, threadId };
    }
    const stats = response.kind === 'final' ? response.stats : response.partial;
    const durationMs = performance.now() - started;
    if (stats.invalidUtf8) {
      writeWorkerLog(request.logDir, { ...base, level: 'warn', msg: 'invalid UTF-8 replaced by U+FFFD', durationMs, outcome: 'done', bytes: stats.bytes });
    }
    writeWorkerLog(request.logDir, { ...base, level: 'info', msg: `${request.type} done`, durationMs, outcome: 'done', bytes: stats.bytes });
    return response;
  } catch (error) {
    const code = workerErrorCode(error);
    const message = error instanceof Error ? error.message : String(error);
    try {
      writeWorkerLog(request.logDir, {
        ...base, level: 'error', msg: message, durationMs: performance.now() - started, outcome: 'failed', code: code ?? 'E_TASK_FAILED',
      });
    } catch {
      // The failure being reported matters more than the log line that could not be written.
    }
    if (code === undefined) throw error;
    return { ok: false, code, message, threadId };
  }
}

function workerErrorCode(error: unknown): WorkerErrorCode | undefined {
  // Before the errno checks: EACCES on the log is an output failure, not an unreadable input.
  if (error instanceof LogWriteError) return 'E_OUTPUT_FAILED';
  if (error instanceof BinaryInputError) return 'E_BINARY_INPUT';
  if (error instanceof DamagedInputError) return 'E_INPUT_DAMAGED';
  if (error instanceof WordTooLongError) return 'E_WORD_TOO_LONG';
  if (error instanceof TooManyWordsError) return 'E_TOO_MANY_WORDS';
  const errno = (error as NodeJS.ErrnoException | null)?.code;
  if (errno === 'ENOENT') return 'E_INPUT_NOT_FOUND';
  if (errno === 'EACCES' || errno === 'EISDIR' || errno === 'ELOOP' || errno === 'EPERM' || errno === 'EIO') {
    return 'E_INPUT_UNREADABLE';
  }
  return undefined;
}
