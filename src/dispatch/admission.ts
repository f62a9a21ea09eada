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
  units: number;
  start: () => void;
}

interface RoomWaiter {
  units: number;
  grant: () => void;
  refuse: (reason: Error) => void;
}

/** A job's size for admission: `small` ones (see `smallPerPlace`) take a share of a place. */
export interface PlaceSize {
  small?: boolean;
}

/**
 * The engine's bounded queue: up to `concurrency` jobs run, up to `maxQueue`
 * more wait in FIFO order, and anything past that is refused at once
 * (E_QUEUE_FULL) or, for callers that would rather wait, waits for room in
 * FIFO order too. Admission is decided synchronously: a caller knows whether
 * its job got a place before it does anything else (answers a client, acks a
 * message).
 *
 * With `smallPerPlace` above 1, a small job takes that share of a place (so
 * `concurrency × smallPerPlace` small jobs run at once): the pool hands small
 * jobs to its threads in batches, and a batch needs several jobs running.
 */
export class Admission {
  /** Jobs running, and the places they fill in units (a place is `smallPerPlace` units). */
  private running = 0;
  private units = 0;
  private readonly capacity: number;
  private readonly waiting: Waiting[] = [];
  private roomWaiters: RoomWaiter[] = [];

  constructor(
    concurrency: number,
    private readonly maxQueue: number,
    private readonly smallPerPlace = 1,
  ) {
    this.capacity = concurrency * smallPerPlace;
  }

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

  hasRoom(size: PlaceSize = {}): boolean {
    return this.roomFor(this.unitsOf(size));
  }

  /** Whether `tryTake` would succeed now (there is room and nobody waits for it). */
  canTakeNow(size: PlaceSize = {}): boolean {
    return this.roomWaiters.length === 0 && this.hasRoom(size);
  }

  /** A place now, or QueueFullError. Callers already waiting for room go first. */
  tryTake(signal?: AbortSignal, size: PlaceSize = {}): Place {
    if (!this.canTakeNow(size)) throw new QueueFullError(this.maxQueue);
    return this.place(signal, this.unitsOf(size));
  }

  /**
   * Waits (FIFO) until there is room, then takes a place. `signal` aborts the
   * place (before its turn); `waitSignal` (default: `signal`) aborts the wait
   * for room, rejecting with its reason.
   */
  take(signal?: AbortSignal, waitSignal: AbortSignal | undefined = signal, size: PlaceSize = {}): Promise<Place> {
    if (waitSignal?.aborted) return Promise.reject(waitSignal.reason);
    const units = this.unitsOf(size);
    if (this.roomWaiters.length === 0 && this.roomFor(units)) return Promise.resolve(this.place(signal, units));
    return new Promise<Place>((resolve, reject) => {
      const waiter: RoomWaiter = {
        units,
        grant: () => {
          waitSignal?.removeEventListener('abort', onAbort);
          resolve(this.place(signal, units));
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

  private unitsOf(size: PlaceSize): number {
    return size.small === true ? 1 : this.smallPerPlace;
  }

  private roomFor(units: number): boolean {
    return this.runsNow(units) || this.waiting.length < this.maxQueue;
  }

  /** Whether a job of `units` would run at once (nobody waits before it, and it fits). */
  private runsNow(units: number): boolean {
    return this.waiting.length === 0 && this.units + units <= this.capacity;
  }

  private place(signal: AbortSignal | undefined, units: number): Place {
    let state: 'waiting' | 'running' | 'left' = 'waiting';
    let turn: Promise<void>;
    let entry: Waiting | undefined;
    let onAbort: (() => void) | undefined;
    if (this.runsNow(units)) {
      this.running++;
      this.units += units;
      state = 'running';
      turn = Promise.resolve();
    } else {
      turn = new Promise<void>((resolve, reject) => {
        entry = {
          units,
          start: () => {
            if (onAbort) signal?.removeEventListener('abort', onAbort);
            this.running++;
            this.units += units;
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
          this.units -= units;
          // In order, as many as now fit: a full job at the head waits for enough small ones to leave.
          while (this.waiting.length > 0 && this.units + this.waiting[0]!.units <= this.capacity) this.waiting.shift()!.start();
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
    while (this.roomWaiters.length > 0 && this.roomFor(this.roomWaiters[0]!.units)) this.roomWaiters.shift()!.grant();
  }
}
