/**
 * Redelivered messages (after a reconnect or broker restart) must not run
 * twice. A message is keyed by its envelope id, else by a hash of topic and
 * payload; a key seen within the window joins the first delivery's outcome.
 */
import { createHash } from 'node:crypto';

export interface Delivery {
  /** The job id the first delivery used. */
  jobId: string;
  /** Resolves with whether the message may be acknowledged once handled. */
  settled: Promise<boolean>;
}

interface Entry extends Delivery {
  expiresAt: number;
}

const MAX_ENTRIES = 50_000;

export class DuplicateFilter {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly windowMs: number, private readonly now: () => number = Date.now) {}

  static keyOf(id: string | undefined, topic: string, payload: Uint8Array): string {
    if (id !== undefined) return `id:${id}`;
    return `hash:${createHash('sha256').update(topic).update('\0').update(payload).digest('base64url')}`;
  }

  get size(): number {
    return this.#entries.size;
  }

  find(key: string): Delivery | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > this.now()) return entry;
    this.#entries.delete(key);
    return undefined;
  }

  /** Records a first delivery; an outcome that must not be acked forgets it, so a redelivery runs again. */
  remember(key: string, delivery: Delivery): void {
    if (this.windowMs === 0) return;
    this.#evict();
    // Deleted first so the key moves to the newest end: map order must stay expiry order.
    this.#entries.delete(key);
    this.#entries.set(key, { ...delivery, expiresAt: this.now() + this.windowMs });
    // Only this delivery's entry: a newer one under the same key keeps its own outcome.
    const forget = (): void => {
      if (this.#entries.get(key)?.settled === delivery.settled) this.#entries.delete(key);
    };
    delivery.settled.then((ack) => (ack ? undefined : forget()), forget);
  }

  #evict(): void {
    const now = this.now();
    // Map order is insertion order, so expired entries sit at the front.
    for (const [key, entry] of this.#entries) {
      if (entry.expiresAt > now && this.#entries.size < MAX_ENTRIES) break;
      this.#entries.delete(key);
    }
  }
}
