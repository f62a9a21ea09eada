/**
 * Group commit: many callers add items, one flush makes a whole batch
 * durable, and each caller's promise resolves when its batch is. While one
 * flush runs (an fsync, ~1-2 ms), new items gather for the next, so the
 * number of syncs follows the disk's pace, not the number of items (as
 * PostgreSQL's WAL writer or Redis's appendfsync do).
 */
interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class GroupCommit<T> {
  private pending: Array<Pending<T>> = [];
  private running: Promise<void> | undefined;
  private scheduled = false;
  private flushes = 0;

  /** `flush` gets each batch in the order items were added; batches never overlap. */
  constructor(private readonly flush: (items: T[]) => Promise<void>) {}

  /** Resolves once `item`'s batch has been flushed; rejects with the flush's error. */
  add(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Flushes run so far (each one a batch): far fewer than items under load. */
  get batches(): number {
    return this.flushes;
  }

  /** Resolves once everything added so far has been flushed (or failed). */
  async idle(): Promise<void> {
    while (this.running !== undefined || this.scheduled) {
      if (this.running) await this.running;
      else await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private schedule(): void {
    if (this.running !== undefined || this.scheduled) return;
    // One turn of the event loop first: the items added in this turn go out together.
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.running = this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      this.flushes++;
      try {
        await this.flush(batch.map((p) => p.item));
        for (const p of batch) p.resolve();
      } catch (error) {
        for (const p of batch) p.reject(error);
      }
    }
    this.running = undefined;
  }
}
