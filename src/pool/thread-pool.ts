/**
 * Runs protocol requests on worker threads (a piscina pool from
 * early-threads.ts) and turns every way a task can fail into a WordmillError.
 */
import type { Piscina } from 'piscina';
import { InputError, WorkerCrashedError, WorkerLogError, WordmillError } from '../errors.ts';
import { SMALL_TASK_BYTES } from '../protocol.ts';
import type { PartialCounts, TaskBatch, TaskBatchResponse, TaskRequest, TaskResponse, TaskStats } from '../protocol.ts';
import { DEFAULT_IDLE_TIMEOUT_MS, newPiscina, takeEarlyThreads } from './early-threads.ts';
import { TaskBatcher } from './task-batcher.ts';

export type TaskSuccess =
  | { kind: 'final'; stats: TaskStats; threadId: number }
  | { kind: 'partial'; partial: PartialCounts; threadId: number };

export interface PoolStats {
  threads: number;
  queueSize: number;
  completed: number;
  /** Share of the pool's capacity spent running tasks since it started (0–1). */
  utilization: number;
  runTimeMs: { p50: number; p99: number; mean: number };
  waitTimeMs: { p50: number; p99: number; mean: number };
}

export class ThreadPool {
  private readonly piscina: Piscina<TaskRequest | TaskBatch, TaskResponse | TaskBatchResponse>;
  private readonly batcher: TaskBatcher;

  constructor(options: { threads: number; idleTimeoutMs?: number }) {
    const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    this.piscina = takeEarlyThreads(options.threads, idleTimeoutMs) ?? newPiscina(options.threads, idleTimeoutMs);
    this.batcher = new TaskBatcher({
      runBatch: async (requests, signal) => {
        const answer = await this.piscina.run({ type: 'batch', requests }, { signal });
        return (answer as TaskBatchResponse).responses;
      },
      runOne: (request, signal) => this.runAlone(request, signal),
    }, { inFlight: options.threads, maxTasks: 64, maxBytes: 1024 * 1024 });
  }

  get threads(): number {
    return this.piscina.maxThreads;
  }

  async run(request: TaskRequest, signal?: AbortSignal): Promise<TaskSuccess> {
    let response: TaskResponse;
    try {
      const small = smallTaskBytes(request);
      response = small === undefined ? await this.runAlone(request, signal) : await this.batcher.run(request, small, signal);
    } catch (error) {
      if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new WorkerCrashedError(error);
      if (error instanceof WordmillError) throw error;
      throw new WorkerCrashedError(error);
    }
    if (!response.ok) {
      throw response.code === 'E_OUTPUT_FAILED' ? new WorkerLogError(response.message) : new InputError(response.code, response.message);
    }
    return response;
  }

  private async runAlone(request: TaskRequest, signal: AbortSignal | undefined): Promise<TaskResponse> {
    return (await this.piscina.run(request, { signal: signal ?? null })) as TaskResponse;
  }

  /** Histograms and utilization are piscina's, per task it ran (a batch is one); counts are per request. */
  stats(): PoolStats {
    // Each read of piscina's `runTime`/`waitTime` computes a whole summary (stddev and 19
    // percentiles over the histogram's buckets): read each once.
    const h = this.piscina.histogram;
    const run = h.runTime;
    const wait = h.waitTime;
    return {
      threads: this.piscina.threads.length,
      queueSize: this.piscina.queueSize + this.batcher.queued,
      completed: this.piscina.completed + this.batcher.extraCompleted,
      utilization: this.utilization(run.mean),
      runTimeMs: { p50: run.p50, p99: run.p99, mean: run.mean },
      waitTimeMs: { p50: wait.p50, p99: wait.p99, mean: wait.mean },
    };
  }

  /**
   * piscina's `utilization` divides its run-time mean (milliseconds) by 1000 but
   * not its duration (also milliseconds), so it reads 1000× too low (piscina 5.3).
   * Same figures, consistent units: run time spent ÷ (time alive × threads).
   */
  private utilization(meanRunTimeMs: number): number {
    const capacityMs = this.piscina.duration * this.piscina.maxThreads;
    if (capacityMs <= 0 || !Number.isFinite(meanRunTimeMs)) return 0;
    return Math.min(1, (meanRunTimeMs * this.piscina.completed) / capacityMs);
  }


  async close(): Promise<void> {
    await this.piscina.close();
  }

  async destroy(): Promise<void> {
    await this.piscina.destroy();
  }
}

/** The size of a count small enough to share a message with others; undefined for the rest. */
function smallTaskBytes(request: TaskRequest): number | undefined {
  if (request.type !== 'count' || request.input.kind !== 'bytes' || request.keepCounts !== undefined) return undefined;
  const bytes = request.input.bytes.byteLength;
  return bytes <= SMALL_TASK_BYTES ? bytes : undefined;
}
