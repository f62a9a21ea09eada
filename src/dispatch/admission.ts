import { QueueFullError } from '../errors.ts';

/**
 * A job's place in the engine's bounded queue, from admission until it
 * leaves. `turn` resolves when the job may run (rejects with the signal's
 * reason if aborted before that); `leave()` gives the place back, whether
 * the job ran or not, and is idempotent.
 */
export interface Place {
  readonly turn: Promise<void>;
  leave(): void;
}

interface Waiting {
  start: () => void;
}

interface RoomWaiter {
  grant: () => void;
  refuse: (reason: Error) => void;
}

/**
 * The engine's bounded queue: up to `concurrency` jobs run, up to `maxQueue`
 * more wait in FIFO order, and anything past that is refused at once
 * (E_QUEUE_FULL) or, for callers that would rather wait, waits for room in
 * FIFO order too. Admission is decided synchronously: a caller knows whether
 * its job got a place before it does anything else (answers a client, acks a
 * message).
 */
export class Admission {
  private running = 0;
  private readonly waiting: Waiting[] = [];
  private roomWaiters: RoomWaiter[] = [];

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

  /** Callers waiting for room (not yet admitted). */
  get waitingForRoom(): number {
    return this.roomWaiters.length;
  }

  hasRoom(): boolean {
    return this.running < this.concurrency || this.waiting.length < this.maxQueue;
  }

  /** A place now, or QueueFullError. Callers already waiting for room go first. */
  tryTake(signal?: AbortSignal): Place {
    if (this.roomWaiters.length > 0 || !this.hasRoom()) throw new QueueFullError(this.maxQueue);
    return this.place(signal);
  }

  /**
   * Waits (FIFO) until there is room, then takes a place. `signal` aborts the
   * place (before its turn); `waitSignal` (default: `signal`) aborts the wait
   * for room, rejecting with its reason.
   */
  take(signal?: AbortSignal, waitSignal: AbortSignal | undefined = signal): Promise<Place> {
    if (waitSignal?.aborted) return Promise.reject(waitSignal.reason);
    if (this.roomWaiters.length === 0 && this.hasRoom()) return Promise.resolve(this.place(signal));
    return new Promise<Place>((resolve, reject) => {
      const waiter: RoomWaiter = {
        grant: () => {
          waitSignal?.removeEventListener('abort', onAbort);
          resolve(this.place(signal));
        },
        refuse: (reason) => {
          waitSignal?.removeEventListener('abort', onAbort);
          reject(reason);
        },
      };
      const onAbort = (): void => {
        const at = this.roomWaiters.indexOf(waiter);
        if (at >= 0) this.roomWaiters.splice(at, 1);
        reject(waitSignal?.reason);
      };
      waitSignal?.addEventListener('abort', onAbort, { once: true });
      this.roomWaiters.push(waiter);
    });
  }

  /** Refuses every caller still waiting for room (the engine is closing). */
  refuseWaiters(reason: Error): void {
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const waiter of waiters) waiter.refuse(reason);
  }

  private place(signal?: AbortSignal): Place {
    let state: 'waiting' | 'running' | 'left' = 'waiting';
    let turn: Promise<void>;
    let entry: Waiting | undefined;
    let onAbort: (() => void) | undefined;
    if (this.running < this.concurrency && this.waiting.length === 0) {
      this.running++;
      state = 'running';
      turn = Promise.resolve();
    } else {
      turn = new Promise<void>((resolve, reject) => {
        entry = {
          start: () => {
            if (onAbort) signal?.removeEventListener('abort', onAbort);
            this.running++;
            state = 'running';
            resolve();
          },
        };
        onAbort = (): void => {
          if (state !== 'waiting') return;
          this.dropWaiting(entry!);
          state = 'left';
          reject(signal?.reason);
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        this.waiting.push(entry);
      });
      // A place abandoned before its turn must not surface as an unhandled rejection.
      turn.catch(() => {});
    }
    return {
      turn,
      leave: () => {
        if (state === 'left') return;
        if (state === 'running') {
          this.running--;
          const next = this.waiting.shift();
          if (next) next.start();
        } else {
          if (onAbort) signal?.removeEventListener('abort', onAbort);
          this.dropWaiting(entry!);
        }
        state = 'left';
        this.grantRoom();
      },
    };
  }

  private dropWaiting(entry: Waiting): void {
    const at = this.waiting.indexOf(entry);
    if (at >= 0) this.waiting.splice(at, 1);
    this.grantRoom();
  }

  /** Admits waiting callers in order while there is room (no thundering herd: one place each). */
  private grantRoom(): void {
    while (this.roomWaiters.length > 0 && this.hasRoom()) this.roomWaiters.shift()!.grant();
  }
}
