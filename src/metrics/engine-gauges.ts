/**
 * Queue and pool figures read from `engine.stats()` when Prometheus scrapes,
 * so they cost nothing between scrapes. Pool figures come from piscina's own
 * utilization and run/wait histograms, not from our timers.
 */
import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { Engine } from '../engine.ts';

const QUANTILES = [['0.5', 'p50'], ['0.99', 'p99']] as const;

export function registerEngineGauges(registry: Registry, engine: Engine): void {
  const on = { registers: [registry] };
  // One stats() call per scrape feeds every gauge below: a scrape collects them all within one
  // turn of the event loop, so the snapshot is dropped at the next one (a time-based cache served
  // the previous scrape's figures to a scrape that came within its window).
  let cached: ReturnType<Engine['stats']> | undefined;
  const stats = () => {
    if (cached === undefined) {
      cached = engine.stats();
      setImmediate(() => {
        cached = undefined;
      });
    }
    return cached;
  };
  const gauge = (name: string, help: string, read: () => number): void => {
    new Gauge({ name, help, ...on, collect() { this.set(read()); } });
  };

  gauge('wordmill_jobs_queued', 'Jobs admitted and waiting for a free slot', () => stats().queued);
  gauge('wordmill_jobs_in_flight', 'Jobs running now (on threads, or in Redis in queue mode)', () => stats().running);
  gauge('wordmill_pool_threads', 'Worker threads in this process\'s pool', () => stats().pool.threads);
  gauge('wordmill_pool_queue_size', 'Tasks waiting inside the thread pool for a free thread', () => stats().pool.queueSize);
  gauge('wordmill_pool_utilization_ratio', 'Share of the pool\'s capacity spent running tasks since it started (piscina)', () => stats().pool.utilization);

  const timing = (name: string, help: string, pick: (s: ReturnType<Engine['stats']>) => { p50: number; p99: number }): void => {
    new Gauge({
      name, help, labelNames: ['quantile'], ...on,
      collect() {
        const summary = pick(stats());
        for (const [quantile, key] of QUANTILES) this.set({ quantile }, (summary[key] || 0) / 1000);
      },
    });
  };
  timing('wordmill_pool_task_run_seconds', 'Task run time percentiles from piscina\'s histogram', (s) => s.pool.runTimeMs);
  timing('wordmill_pool_task_wait_seconds', 'Task wait time (queued in the pool) percentiles from piscina\'s histogram', (s) => s.pool.waitTimeMs);

  new Counter({
    name: 'wordmill_pool_tasks_completed_total', help: 'Tasks the thread pool finished (a chunked job is several)', ...on,
    collect() {
      // piscina keeps the running total; mirror it rather than count twice.
      this.reset();
      this.inc(stats().pool.completed);
    },
  });
}
