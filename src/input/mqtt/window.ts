/**
 * The in-flight window: how many messages wordmill is working on (taken from
 * the broker, reply not yet sent). When it is full the input stops reading (mqtt.js
 * handles the next packet only after the previous one's callback), so the
 * broker keeps the rest: nothing is buffered here without bound.
 */
export class InFlightWindow {
  #used = 0;
  #waiter: (() => void) | undefined;

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
          this.#waiter = undefined;
          resolve();
        };
        this.#waiter = wake;
        signal.addEventListener('abort', wake, { once: true });
      });
    }
    if (signal.aborted) return false;
    this.#used++;
    return true;
  }

  release(): void {
    this.#used--;
    this.#waiter?.();
  }
}
