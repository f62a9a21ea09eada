/**
 * `createEngine`, the public way to build an engine: user options in, the
 * executor and sinks that go with them chosen here. Without `queue`, jobs run
 * on this process's thread pool and results go to `outDir`; with it, they go
 * through Redis to `wordmill worker` processes, which write the result files
 * themselves. The engine (src/engine.ts) never learns which.
 */
import { resolveEngineOptions } from './config.ts';
import type { EngineOptions } from './config.ts';
import { createPoolExecutor } from './dispatch/pool-executor.ts';
import type { JobJournal } from './dispatch/intake.ts';
import { assembleEngine } from './engine.ts';
import type { Engine } from './engine.ts';
import { DeferredQueueExecutor } from './queue/deferred-executor.ts';
import { resolveQueueOptions } from './queue/options.ts';
import type { QueueOptionsInput } from './queue/options.ts';
import type { QueueStatus } from './queue/status.ts';
import { OutputDirSink } from './sinks/output-dir.ts';
import type { ResultSink } from './sinks/result-sink.ts';

export interface CreateEngineOptions extends EngineOptions {
  /** Extra sinks; an output-folder sink is added when `outDir` is set (pool mode). */
  sinks?: ResultSink[];
  /** Run jobs through this Redis queue instead of a local pool (the workers write the result files). */
  queue?: QueueOptionsInput;
  /** Where `durable` jobs are recorded before they are accepted (the service's; see docs/durability.md). */
  journal?: JobJournal;
}

export interface WordmillEngine extends Engine {
  /** Queue mode: job counts per state and live workers; undefined in pool mode. */
  queueStatus(): Promise<QueueStatus | undefined>;
}

export function createEngine(options: CreateEngineOptions = {}): WordmillEngine {
  const { sinks: extraSinks = [], queue, journal, ...engineOptions } = options;
  const withJournal = journal === undefined ? {} : { journal };
  if (queue === undefined) {
    const resolved = resolveEngineOptions(engineOptions);
    const sinks = [...(resolved.outDir === null ? [] : [new OutputDirSink(resolved.outDir)]), ...extraSinks];
    const engine = assembleEngine({ options: resolved, executor: createPoolExecutor, sinks, ...withJournal });
    return { ...engine, queueStatus: async () => undefined };
  }
  const queueOptions = resolveQueueOptions(queue);
  // In queue mode "running" means "in Redis": keep many there so every worker stays fed.
  const resolved = resolveEngineOptions(
    engineOptions.concurrency !== undefined ? engineOptions : { ...engineOptions, concurrency: queueOptions.inFlight },
  );
  const executor = new DeferredQueueExecutor(queueOptions);
  const engine = assembleEngine({ options: resolved, executor: () => executor, sinks: extraSinks, ...withJournal });
  return { ...engine, queueStatus: () => executor.status() };
}
