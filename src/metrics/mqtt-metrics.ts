/**
 * MQTT figures read from the input's own statistics on scrape. Labelled by the
 * configured subscription filter (a handful, fixed at start), never by the
 * topic a message came on (unbounded).
 */
import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { MqttInputStats, MqttSubscriptionStats } from '../input/mqtt/index.ts';

export type MqttStatsSource = () => MqttInputStats | undefined;

export function registerMqttMetrics(registry: Registry, read: MqttStatsSource): void {
  const on = { registers: [registry] };
  let cached: { at: number; stats: MqttInputStats | undefined } | undefined;
  const stats = (): MqttInputStats | undefined => {
    const now = Date.now();
    if (cached === undefined || now - cached.at > 50) cached = { at: now, stats: read() };
    return cached.stats;
  };

  new Gauge({
    name: 'wordmill_mqtt_connected', help: '1 while the MQTT client is connected to its broker, else 0', ...on,
    collect() { const s = stats(); if (s) this.set(s.connected ? 1 : 0); },
  });
  new Gauge({
    name: 'wordmill_mqtt_in_flight_messages', help: 'MQTT messages taken from the broker and not yet acknowledged', ...on,
    collect() { const s = stats(); if (s) this.set(s.inFlight); },
  });
  const total = (name: string, help: string, pick: (s: MqttInputStats) => number): void => {
    new Counter({
      name, help, ...on,
      collect() { const s = stats(); this.reset(); if (s) this.inc(pick(s)); },
    });
  };
  total('wordmill_mqtt_reconnects_total', 'Reconnections to the MQTT broker (job and reply connections)', (s) => s.reconnects);
  total('wordmill_mqtt_reply_failures_total', 'MQTT replies refused by the broker or lost with the reply connection twice', (s) => s.replies.failures);
  total('wordmill_mqtt_unmatched_messages_total', 'MQTT messages that matched no configured subscription', (s) => s.unmatched);

  const perSubscription = (name: string, help: string, pick: (s: MqttSubscriptionStats) => number): void => {
    new Counter({
      name, help, labelNames: ['subscription'], ...on,
      collect() {
        this.reset();
        for (const sub of stats()?.subscriptions ?? []) this.inc({ subscription: sub.topic }, pick(sub));
      },
    });
  };
  perSubscription('wordmill_mqtt_messages_total', 'MQTT job messages received, by configured subscription filter', (s) => s.messages);
  perSubscription('wordmill_mqtt_errors_total', 'MQTT job messages that failed, by configured subscription filter', (s) => s.errors);
  perSubscription('wordmill_mqtt_duplicates_total', 'Redelivered MQTT messages skipped as duplicates, by subscription filter', (s) => s.duplicates);
}
