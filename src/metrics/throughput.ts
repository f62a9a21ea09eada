/**
 * Throughput from periodic samples of the engine's running totals: one point
 * per tick for the moving chart, and a rate over the last few seconds for the
 * headline figure (steadier than one tick, still live).
 */
import type { ThroughputPoint } from './live-types.ts';

interface Sample { t: number; done: number; bytes: number }

export interface Totals { done: number; bytes: number; queued: number; running: number }

export class ThroughputSampler {
  private readonly points: ThroughputPoint[] = [];
  private readonly samples: Sample[] = [];

  constructor(private readonly historyLength: number, private readonly rateWindowMs: number) {}

  /** Adds a point: the rates since the previous sample. */
  sample(t: number, totals: Totals): void {
    const previous = this.samples.at(-1);
    this.samples.push({ t, done: totals.done, bytes: totals.bytes });
    // Keep enough raw samples to cover the rate window (plus one to measure from).
    while (this.samples.length > 2 && t - this.samples[1]!.t >= this.rateWindowMs) this.samples.shift();
    if (previous === undefined) return;
    const seconds = Math.max((t - previous.t) / 1000, 0.001);
    this.points.push({
      t,
      jobsPerSecond: round((totals.done - previous.done) / seconds),
      bytesPerSecond: round((totals.bytes - previous.bytes) / seconds),
      queued: totals.queued,
      running: totals.running,
    });
    if (this.points.length > this.historyLength) this.points.shift();
  }

  history(): ThroughputPoint[] {
    return this.points.map((p) => ({ ...p }));
  }

  /** Rates from the oldest kept sample to `now` with the current totals. */
  rate(now: number, totals: Pick<Totals, 'done' | 'bytes'>): { windowSeconds: number; jobsPerSecond: number; bytesPerSecond: number } {
    const from = this.samples[0];
    if (from === undefined || now <= from.t) return { windowSeconds: 0, jobsPerSecond: 0, bytesPerSecond: 0 };
    const seconds = (now - from.t) / 1000;
    return {
      windowSeconds: round(seconds),
      jobsPerSecond: round((totals.done - from.done) / seconds),
      bytesPerSecond: round((totals.bytes - from.bytes) / seconds),
    };
  }
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
