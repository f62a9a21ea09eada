/** Counters behind `MqttInput.stats()` (served at GET /v1/stats), like flowerpower-mqtt's get_statistics(). */
import type { ResolvedSubscription } from './options.ts';

export interface MqttSubscriptionStats {
  topic: string;
  qos: 0 | 1 | 2;
  mode: 'sync' | 'async';
  task: string | null;
  messages: number;
  errors: number;
  duplicates: number;
  lastMessageAt: string | null;
}

export interface MqttInputStats {
  connected: boolean;
  /** Broker URL (password hidden) and how it was chosen. */
  broker: string;
  brokerKind: 'external' | 'detected' | 'embedded';
  clientId: string;
  protocolVersion: 4 | 5;
  connects: number;
  /** Reconnections of both connections (jobs and replies). */
  reconnects: number;
  lastError: string | null;
  /** Messages being worked on (taken from the broker, reply not yet sent), and the window size. */
  inFlight: number;
  window: number;
  /** QoS 1/2 messages taken and not yet acknowledged (work or reply still under way). */
  unacknowledged: number;
  /** The reply connection (`<clientId>-replies`) and the replies it could not deliver (refused by the broker, or lost with the connection twice). */
  replies: { connected: boolean; reconnects: number; failures: number };
  /** Messages that matched none of the configured subscriptions (left over in a persistent session). */
  unmatched: number;
  lastMessageAt: string | null;
  subscriptions: MqttSubscriptionStats[];
}

export class SubscriptionCounters {
  readonly entries: MqttSubscriptionStats[];
  unmatched = 0;
  /** Replies refused by the broker or lost with the reply connection twice. */
  replyFailures = 0;

  constructor(subscriptions: readonly ResolvedSubscription[]) {
    this.entries = subscriptions.map((s) => ({
      topic: s.topic, qos: s.qos, mode: s.mode, task: s.task ?? null, messages: 0, errors: 0, duplicates: 0, lastMessageAt: null,
    }));
  }

  get lastMessageAt(): string | null {
    const times = this.entries.map((e) => e.lastMessageAt).filter((t): t is string => t !== null);
    return times.length === 0 ? null : times.reduce((a, b) => (a > b ? a : b));
  }

  message(index: number): void {
    const entry = this.entries[index];
    if (entry === undefined) return;
    entry.messages++;
    entry.lastMessageAt = new Date().toISOString();
  }

  error(index: number): void {
    const entry = this.entries[index];
    if (entry) entry.errors++;
  }

  duplicate(index: number): void {
    const entry = this.entries[index];
    if (entry) entry.duplicates++;
  }
}
