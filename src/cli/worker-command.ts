/**
 * `wordmill worker --queue redis://…`: consumes the queue on this machine's
 * threads until SIGINT/SIGTERM, then finishes its active jobs and exits
 * (a second signal exits at once; the queue hands those jobs to another worker).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ENGINE_DEFAULTS } from '../config.ts';
import { InvalidOptionsError } from '../errors.ts';
import { WORKER_DEFAULTS } from '../queue/worker-options.ts';
import type { WorkerOptionsInput } from '../queue/worker-options.ts';
import { exitGracefullyOnSignals } from '../service/signals.ts';
import { queueNameOption, queueUrlOption } from './queue-flags.ts';
import { envOption as opt } from './env-option.ts';
import { withOptionLabels } from './option-names.ts';
import { UsageError } from './usage-error.ts';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('take jobs from a Redis queue and run them on this machine\'s threads (see docs/cluster.md)')
    .addOption(queueUrlOption('Redis URL of the queue, e.g. redis://127.0.0.1:6379 (required)'))
    .addOption(queueNameOption())
    .addOption(opt('-t, --threads <n>', 'worker threads', 'WORDMILL_THREADS', String(ENGINE_DEFAULTS.threads)))
    .addOption(opt('--concurrency <n>', 'jobs taken at once (default: the thread count)', 'WORDMILL_CONCURRENCY'))
    .addOption(opt('-o, --out <dir>', 'folder for result files and logs (share it between workers)', 'WORDMILL_OUT', WORKER_DEFAULTS.out))
    .addOption(opt('--timeout <duration>', 'per-job time limit; a timed-out job is retried', 'WORDMILL_JOB_TIMEOUT', '10m'))
    .addOption(opt('--lock-duration <duration>', 'a dead worker\'s job is taken over after this', 'WORDMILL_LOCK_DURATION', '30s'))
    .addOption(opt('--stalled-interval <duration>', 'how often to look for jobs of dead workers', 'WORDMILL_STALLED_INTERVAL', '30s'))
    .addOption(opt('--heartbeat <duration>', 'how often to report to `wordmill workers status`', 'WORDMILL_HEARTBEAT', '5s'))
    .action(async (raw: Record<string, string | undefined>, command: Command) => {
      if (raw.queue === undefined) throw new UsageError('option --queue <url> (or WORDMILL_QUEUE) is required, e.g. --queue redis://127.0.0.1:6379');
      await runWorker({
        url: raw.queue,
        name: raw.queueName,
        threads: raw.threads,
        concurrency: raw.concurrency,
        out: raw.out,
        timeoutMs: raw.timeout,
        lockDurationMs: raw.lockDuration,
        stalledIntervalMs: raw.stalledInterval,
        heartbeatMs: raw.heartbeat,
      } as WorkerOptionsInput, (message) => withOptionLabels(command, message, 'worker option', ATTRIBUTE_OF));
    });
}

/** Worker option keys whose flag is named otherwise (`lockDurationMs` is `--lock-duration`). */
const ATTRIBUTE_OF: Readonly<Record<string, string>> = {
  url: 'queue', name: 'queueName', timeoutMs: 'timeout', lockDurationMs: 'lockDuration', stalledIntervalMs: 'stalledInterval', heartbeatMs: 'heartbeat',
};

async function runWorker(input: WorkerOptionsInput, labelOptions: (message: string) => string): Promise<void> {
  const out = typeof input.out === 'string' ? input.out : WORKER_DEFAULTS.out;
  // Loaded here, not at the top: BullMQ and ioredis are for this command only.
  const { pino } = await import('pino');
  const { workerId } = await import('../queue/heartbeat.ts');
  const { startQueueWorker } = await import('../queue/queue-worker.ts');
  const { loggerOptions } = await import('../log/logger-options.ts');
  const { stderrLogStream } = await import('../log/stderr-stream.ts');
  const logDir = join(out, 'logs', workerId().replace(/[^A-Za-z0-9._-]/g, '-'));
  mkdirSync(logDir, { recursive: true });
  // The process log goes to stderr and, as NDJSON, beside the thread logs of this worker.
  const options = loggerOptions({ worker: workerId() });
  const level = options.level ?? 'info';
  const log = pino(options, pino.multistream([
    { level, stream: await stderrLogStream() },
    { level, stream: pino.destination({ dest: join(logDir, 'worker.log'), sync: true }) },
  ]));
  let worker;
  try {
    worker = await startQueueWorker(input, { log });
  } catch (error) {
    if (error instanceof InvalidOptionsError) throw new UsageError(labelOptions(error.message));
    throw error;
  }
  const running = worker;
  await new Promise<void>((resolve) => {
    exitGracefullyOnSignals(() => running.close(), {
      onFirst: (signal) => log.info({ signal }, 'signal received: finishing active jobs (send it again to exit at once)'),
      onSecond: (signal) => log.warn({ signal }, 'second signal: exiting now; the queue gives unfinished jobs to another worker'),
      onFailed: (error) => log.error({ err: error }, 'shutdown failed'),
      exit: (code) => {
        process.exitCode = code;
        resolve();
        if (code !== 0) process.exit(code);
      },
    });
  });
}
