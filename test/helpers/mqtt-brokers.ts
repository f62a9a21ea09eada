/**
 * Real brokers for MQTT tests: the embedded Aedes on port 0 always, and the
 * machine's Mosquitto on 127.0.0.1:1883 when it answers. Under CI=true a
 * missing Mosquitto is a failure (its tests run and cannot connect), outside
 * CI they are skipped with a one-line reason.
 */
import { randomBytes } from 'node:crypto';
import { startMqttBroker } from '../../src/input/mqtt/embedded-broker.ts';
import type { MqttBroker } from '../../src/input/mqtt/embedded-broker.ts';
import { brokerAnswers } from '../../src/input/mqtt/probe.ts';

export const MOSQUITTO_URL = 'mqtt://127.0.0.1:1883';
export const IN_CI = process.env['CI'] === 'true';

export interface BrokerTarget {
  name: 'aedes' | 'mosquitto';
  /** MQTT 5 features (response topic, $share) need Mosquitto. */
  v5: boolean;
  /** Skip reason, or undefined when the target runs. */
  skip: string | undefined;
  start(): Promise<{ url: string; close(): Promise<void>; broker?: MqttBroker }>;
}

const mosquittoUp = await brokerAnswers(MOSQUITTO_URL, 1000);
const mosquittoSkip = mosquittoUp || IN_CI
  ? undefined
  : `Mosquitto does not answer on ${MOSQUITTO_URL} (start it: mosquitto -d -c /etc/mosquitto/mosquitto.conf); with CI=true this fails`;
if (mosquittoSkip) console.warn(`skipping Mosquitto tests: ${mosquittoSkip}`);

export const BROKER_TARGETS: readonly BrokerTarget[] = [
  {
    name: 'aedes',
    v5: false,
    skip: undefined,
    async start() {
      const broker = await startMqttBroker({ port: 0 });
      return { url: broker.url, close: () => broker.close(), broker };
    },
  },
  {
    name: 'mosquitto',
    v5: true,
    skip: mosquittoSkip,
    async start() {
      return { url: MOSQUITTO_URL, close: async () => {} };
    },
  },
];

/** Topic prefix and client ids unique to one test, so runs against the shared Mosquitto never meet. */
export function uniqueName(label = 'wm'): string {
  return `${label}-${process.pid}-${randomBytes(4).toString('hex')}`;
}
