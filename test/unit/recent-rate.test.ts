/** The last minute's finished jobs, in one-second buckets. */
import { describe, expect, it } from 'vitest';
import { RecentRate } from '../../src/metrics/recent-rate.ts';

describe('RecentRate', () => {
  it('adds up the jobs and bytes of the last 60 seconds and forgets older ones', () => {
    const rate = new RecentRate();
    const t0 = 1_000_000_000_000;
    rate.record(t0, 100);
    rate.record(t0 + 400, 50);
    rate.record(t0 + 30_000, 7);
    expect(rate.totals(t0 + 30_500)).toEqual({ jobs: 3, bytes: 157 });
    // 60 s later the first second's bucket is out of the window; its slot is reused on the next lap.
    expect(rate.totals(t0 + 60_000)).toEqual({ jobs: 1, bytes: 7 });
    rate.record(t0 + 60_100, 1);
    expect(rate.totals(t0 + 60_200)).toEqual({ jobs: 2, bytes: 8 });
    expect(rate.totals(t0 + 200_000)).toEqual({ jobs: 0, bytes: 0 });
  });
});
