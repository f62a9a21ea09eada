/**
 * The in-flight window: how many messages wordmill is working on (taken from
 * the broker, reply not yet sent). When it is full the input stops reading (mqtt.js
 * handles the next packet only after the previous one's callback), so the
 * broker keeps the rest: nothing is buffered here without bound.
 * Usually one caller waits at a time, but a reconnect can deliver a message
 * while one from the old connection still waits: waiters queue in order.
 */
export class InFlightWindow {
  #used = 0;
  readonly #waiters: Array<() => void> = [];

  constructor(readonly size: number) {}

  get used(): number {
    return this.#used;
  }

  /** Resolves true once a place is free, false if `signal` aborts first. */
  async acquire(signal: AbortSignal): Promise<boolean> {
    while (this.#used >= this.size) {
      if (signal.aborted) return false;
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          signal.removeEventListener('abort', wake);
          const at = this.#waiters.indexOf(wake);
          if (at >= 0) this.#waiters.splice(at, 1);
          resolve();
        };
        this.#waiters.push(wake);
        signal.addEventListener('abort', wake, { once: true });
      });
    }
    if (signal.aborted) return false;
    this.#used++;
    return true;
  }

  /** Gives a place back; a release with no place taken is ignored (it must not widen the window). */
  release(): void {
    if (this.#used === 0) return;
    this.#used--;
    this.#waiters[0]?.();
  }
}
