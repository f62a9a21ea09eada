import { QueueFullError } from '../errors.ts';

/**
 * The engine's bounded queue: up to `concurrency` jobs run, up to `maxQueue`
 * more wait in FIFO order, and anything past that is refused at once
 * (E_QUEUE_FULL) instead of buffered without bound.
 */
export class Admission {
  private running = 0;
  private readonly waiting: Array<{ start: () => void }> = [];
  private roomWaiters: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxQueue: number,
  ) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  hasRoom(): boolean {
    return this.running < this.concurrency || this.waiting.length < this.maxQueue;
  }

  /** Resolves when the job may run; rejects with QueueFullError when there is no room, or the signal's reason. */
  enter(signal?: AbortSignal): Promise<void> {
    if (this.running < this.concurrency && this.waiting.length === 0) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxQueue) return Promise.reject(new QueueFullError(this.maxQueue));
    return new Promise<void>((resolve, reject) => {
      const entry = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          this.running++;
          resolve();
        },
      };
      const onAbort = (): void => {
        const at = this.waiting.indexOf(entry);
        if (at >= 0) this.waiting.splice(at, 1);
        this.notifyRoom();
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  leave(): void {
    this.running--;
    const next = this.waiting.shift();
    if (next) next.start();
    this.notifyRoom();
  }

  /** Resolves once a new job would be admitted (for batch callers that wait instead of failing). */
  whenRoom(): Promise<void> {
    if (this.hasRoom()) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push(resolve));
  }

  private notifyRoom(): void {
    if (!this.hasRoom() || this.roomWaiters.length === 0) return;
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const wake of waiters) wake();
  }
}
