/**
 * Jobs and bytes finished over the last minute, kept in one-second buckets as
 * jobs finish: reading the figure costs 60 additions, however many job
 * records a service keeps (it used to scan all of them on every request).
 */
const SECONDS = 60;

export class RecentRate {
  private readonly second = new Float64Array(SECONDS).fill(-1);
  private readonly jobs = new Float64Array(SECONDS);
  private readonly bytes = new Float64Array(SECONDS);

  readonly windowMs = SECONDS * 1000;

  record(now: number, bytes: number): void {
    const second = Math.floor(now / 1000);
    const slot = second % SECONDS;
    if (this.second[slot] !== second) {
      this.second[slot] = second;
      this.jobs[slot] = 0;
      this.bytes[slot] = 0;
    }
    this.jobs[slot]! += 1;
    this.bytes[slot]! += bytes;
  }

  /** Totals of the jobs finished in this second and the 59 before it. */
  totals(now: number): { jobs: number; bytes: number } {
    const current = Math.floor(now / 1000);
    let jobs = 0;
    let bytes = 0;
    for (let slot = 0; slot < SECONDS; slot++) {
      if (current - this.second[slot]! >= SECONDS) continue;
      jobs += this.jobs[slot]!;
      bytes += this.bytes[slot]!;
    }
    return { jobs, bytes };
  }
}
