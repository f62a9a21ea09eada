/**
 * Adds jobs to the queue in groups: the jobs submitted in one turn of the
 * event loop (the requests a busy server read together) go to Redis in one
 * `addBulk`, a pipeline of their add scripts: one socket write and one read
 * for the group instead of a round trip each. On a loopback socket each write
 * costs both processes a wake-up, more than the add itself. Each job is still
 * its own BullMQ job under its own id, with its own options.
 *
 * A group that fails as a whole is added again job by job, so each caller gets
 * its own outcome (an add under an id Redis already holds is not a second job).
 */
import type { JobsOptions, Queue } from 'bullmq';

interface PendingAdd {
  name: string;
  data: unknown;
  opts: JobsOptions;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class JobAdder {
  private pending: PendingAdd[] = [];
  private scheduled = false;

  constructor(private readonly queue: Queue) {}

  /** Resolves once Redis holds the job (or already held one under its id). */
  add(name: string, data: unknown, opts: JobsOptions): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ name, data, opts, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // After this turn's I/O callbacks: every request read in it has added its job by then.
      setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const group = this.pending;
    this.pending = [];
    if (group.length === 1) return this.addAlone(group[0]!);
    try {
      await this.queue.addBulk(group.map(({ name, data, opts }) => ({ name, data, opts })));
      for (const add of group) add.resolve();
    } catch {
      await Promise.all(group.map((add) => this.addAlone(add)));
    }
  }

  private async addAlone(add: PendingAdd): Promise<void> {
    try {
      await this.queue.add(add.name, add.data, add.opts);
      add.resolve();
    } catch (error) {
      add.reject(error);
    }
  }
}
