/**
 * Busy share per worker thread over a sliding window, estimated from finished
 * jobs: piscina reports utilization for the pool as a whole, not per thread.
 * A thread runs one task at a time, so a job that finished on thread T at `end`
 * cannot have started there before T's previous job ended: its busy interval is
 * [max(job started, T's previous end), end]. That removes the time a job waited
 * in the pool behind another one. A chunked job counts for each thread it used,
 * which overstates those threads a little; the figure is an estimate.
 */
import type { ThreadBusy } from './live-types.ts';

interface Interval { start: number; end: number }

export class ThreadBusyTracker {
  private readonly intervals = new Map<number, Interval[]>();
  private readonly lastEnd = new Map<number, number>();

  constructor(private readonly windowMs: number, private readonly now: () => number = Date.now) {}

  /** Records a finished job: when it was admitted, when it ended (epoch ms), and the threads it ran on. */
  record(startedAt: number, endedAt: number, workers: number | number[]): void {
    for (const id of Array.isArray(workers) ? workers : [workers]) {
      const start = Math.max(startedAt, this.lastEnd.get(id) ?? startedAt);
      this.lastEnd.set(id, Math.max(endedAt, this.lastEnd.get(id) ?? 0));
      if (endedAt <= start) continue;
      const list = this.intervals.get(id) ?? [];
      list.push({ start, end: endedAt });
      this.intervals.set(id, list);
    }
  }

  /**
   * One entry per thread of the pool, ascending id: the `threads` most recently
   * seen ids (a crashed thread's replacement gets a new id), padded with
   * unnamed idle threads that have not finished a job yet.
   */
  snapshot(threads: number): ThreadBusy[] {
    const now = this.now();
    const from = now - this.windowMs;
    const ids = [...this.lastEnd.entries()].sort((a, b) => b[1] - a[1]).slice(0, threads).map(([id]) => id).sort((a, b) => a - b);
    const out: ThreadBusy[] = ids.map((id) => {
      const kept = (this.intervals.get(id) ?? []).filter((i) => i.end > from);
      this.intervals.set(id, kept);
      const busyMs = kept.reduce((sum, i) => sum + (Math.min(i.end, now) - Math.max(i.start, from)), 0);
      return { id, busy: Math.min(1, Math.max(0, busyMs / this.windowMs)) };
    });
    while (out.length < threads) out.push({ id: null, busy: 0 });
    return out;
  }
}
