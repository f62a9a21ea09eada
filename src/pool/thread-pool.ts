/**
 * Runs protocol requests on worker threads (a piscina pool from
 * early-threads.ts) and turns every way a task can fail into a WordmillError.
 */
import type { Piscina } from 'piscina';
import { InputError, WorkerCrashedError, WorkerLogError, WordmillError } from '../errors.ts';
import type { PartialCounts, TaskRequest, TaskResponse, TaskStats } from '../protocol.ts';
import { DEFAULT_IDLE_TIMEOUT_MS, newPiscina, takeEarlyThreads } from './early-threads.ts';

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
  private readonly piscina: Piscina<TaskRequest, TaskResponse>;

  constructor(options: { threads: number; idleTimeoutMs?: number }) {
    const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    this.piscina = takeEarlyThreads(options.threads, idleTimeoutMs) ?? newPiscina(options.threads, idleTimeoutMs);
  }

  get threads(): number {
    return this.piscina.maxThreads;
  }

  async run(request: TaskRequest, signal?: AbortSignal): Promise<TaskSuccess> {
    let response: TaskResponse;
    try {
      response = await this.piscina.run(request, { signal: signal ?? null });
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

  stats(): PoolStats {
    const h = this.piscina.histogram;
    return {
      threads: this.piscina.threads.length,
      queueSize: this.piscina.queueSize,
      completed: this.piscina.completed,
      utilization: this.utilization(h.runTime.mean),
      runTimeMs: { p50: h.runTime.p50, p99: h.runTime.p99, mean: h.runTime.mean },
      waitTimeMs: { p50: h.waitTime.p50, p99: h.waitTime.p99, mean: h.waitTime.mean },
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
