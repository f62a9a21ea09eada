/**
 * MQTT input defaults, apart from their zod schema (options.ts): `serve --help`
 * shows them without loading the schemas of a command that is not running.
 */
export const MQTT_DEFAULTS = Object.freeze({
  broker: 'auto',
  host: '127.0.0.1',
  port: 1883,
  clientId: 'wordmill',
  topicPrefix: 'wordmill',
  qos: 1 as const,
  /**
   * Messages taken from the broker but not yet acknowledged. Kept well below
   * Mosquitto's default max_queued_messages (1000) and sent as MQTT 5 receive maximum.
   */
  window: 64,
  sessionExpirySeconds: 24 * 3600,
  duplicateWindowMs: 10 * 60_000,
  maxPayloadBytes: 16 * 1024 * 1024,
  resultQos: 1 as const,
  reconnectMinMs: 250,
  reconnectMaxMs: 30_000,
  connectTimeoutMs: 10_000,
});
