/**
 * The queue half of `wordmill process --queue`: says on stderr when no
 * `wordmill worker` consumes the queue (and how to start one), and on Ctrl-C
 * (SIGINT, or SIGTERM) takes back the jobs of this run that no worker has
 * started, instead of leaving them queued for a worker that may come later.
 * Imported only in queue mode: it loads BullMQ.
 */
import type { Engine } from '../engine.ts';
import { redactUrl } from '../queue/connection.ts';
import { openQueueAdmin } from '../queue/admin.ts';
import { withdrawJobs } from '../queue/withdraw-jobs.ts';
import type { WithdrawReport } from '../queue/withdraw-jobs.ts';
import { QUEUE_DEFAULTS } from '../queue/options.ts';
import { watchWorkers } from '../queue/worker-watch.ts';
import { noWorkerMessage, workersBackMessage } from './worker-hint.ts';
import type { QueueTarget } from './worker-hint.ts';

const SIGNAL_NUMBERS = { SIGINT: 2, SIGTERM: 15 } as const;
type StopSignal = keyof typeof SIGNAL_NUMBERS;

export interface QueueRunIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  json: boolean;
}

export interface QueueRunSupervisor {
  /** True once a signal stopped the run: its cancelled jobs are not failures to report one by one. */
  readonly interrupted: boolean;
  /** After the run: stops watching; if a signal stopped it, takes back the waiting jobs, reports, and returns 128 + the signal number. */
  finish(): Promise<number | undefined>;
}

export function superviseQueueRun(
  engine: Engine,
  target: QueueTarget,
  io: QueueRunIo,
): QueueRunSupervisor {
  const say = (line: string): void => void io.stderr.write(`${line}\n`);
  const watching = watchWorkers(target.url, { prefix: QUEUE_DEFAULTS.prefix, name: target.name }, {
    onNone: (forMs) => say(`warning: ${noWorkerMessage(target, forMs)}`),
    onBack: (workers) => say(workersBackMessage(target, workers)),
  });

  // Jobs of this run handed to the queue and not finished: what an interrupt has to take back.
  const pending = new Set<string>();
  const onStarted = (job: { id: string }): void => void pending.add(job.id);
  const onFinished = (job: { id: string }): void => void pending.delete(job.id);
  engine.events.on('job:started', onStarted).on('job:done', onFinished).on('job:failed', onFinished);

  let stopped: { signal: StopSignal; ids: string[]; closed: Promise<void> } | undefined;
  const drainHint = `npx wordmill jobs drain --queue ${redactUrl(target.url)} --queue-name ${target.name}`;
  const onSignal = (signal: StopSignal): void => {
    if (stopped !== undefined) {
      say(`second ${signal}: exiting now; up to ${stopped.ids.length} jobs of this run may still wait in queue "${target.name}". Remove every waiting job of the queue with: ${drainHint}`);
      process.exit(128 + SIGNAL_NUMBERS[signal]);
    }
    const ids = [...pending];
    say(`${signal}: taking back the jobs of this run no worker has started (${ids.length} are in the queue; press Ctrl-C again to exit at once)`);
    // Cancelling makes each queued job remove itself from Redis; finish() then checks every one.
    stopped = { signal, ids, closed: engine.close({ cancel: true }) };
  };
  for (const signal of Object.keys(SIGNAL_NUMBERS) as StopSignal[]) process.on(signal, onSignal);

  return {
    get interrupted() {
      return stopped !== undefined;
    },
    async finish() {
      for (const signal of Object.keys(SIGNAL_NUMBERS) as StopSignal[]) process.off(signal, onSignal);
      engine.events.off('job:started', onStarted).off('job:done', onFinished).off('job:failed', onFinished);
      if (stopped === undefined && watching.watch.warning) await watching.watch.check();
      watching.stop();
      if (stopped === undefined) return undefined;
      await stopped.closed;
      const code = 128 + SIGNAL_NUMBERS[stopped.signal];
      let report: WithdrawReport;
      try {
        report = await withdraw(target, stopped.ids);
      } catch (error) {
        say(`error: could not take back the ${stopped.ids.length} jobs of this run (${(error as Error).message}). Remove every waiting job of the queue with: ${drainHint}`);
        return code;
      }
      say(withdrawMessage(target, report));
      if (io.json) io.stdout.write(`${JSON.stringify({ interrupted: stopped.signal, queue: target.name, removed: report.removed.length, running: report.running, finished: report.finished.length }, null, 2)}\n`);
      return code;
    },
  };
}

async function withdraw(target: QueueTarget, ids: readonly string[]): Promise<WithdrawReport> {
  const admin = await openQueueAdmin(target.url, target.name);
  try {
    return await withdrawJobs(admin.queue, ids);
  } finally {
    await admin.close();
  }
}

function withdrawMessage(target: QueueTarget, r: WithdrawReport): string {
  const running = r.running.length === 0
    ? 'none was running'
    : `${r.running.length} already running on workers finish there and write their files (${r.running.join(', ')})`;
  return `interrupted: removed ${r.removed.length} waiting jobs of this run from queue "${target.name}"; ${running}; ${r.finished.length} had finished`;
}
