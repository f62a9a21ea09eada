/** The MQTT input's public API: what `wordmill serve` wires in. */
export { startMqttInput } from './input.ts';
export type { MqttInput, MqttInputDeps } from './input.ts';
export { startMqttBroker } from './embedded-broker.ts';
export type { MqttBroker, MqttBrokerOptions } from './embedded-broker.ts';
export { loadMqttConfigFile, mergeMqttOptions, parseMqttConfig } from './config-file.ts';
export { MQTT_DEFAULTS, mqttOptionsSchema, resolveMqttOptions } from './options.ts';
export type { MqttOptions, ResolvedMqttOptions, ResolvedSubscription, SubscriptionOptions } from './options.ts';
export type { MqttInputStats, MqttSubscriptionStats } from './stats.ts';
