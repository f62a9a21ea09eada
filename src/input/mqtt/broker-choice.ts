/**
 * Which broker to use: a given URL, the embedded one, or (`auto`, the
 * default) a broker already answering on host:port — machines with a
 * Mosquitto service hold 1883, where an embedded broker would meet
 * EADDRINUSE — else the embedded one there. The choice is logged.
 */
import type { Logger } from 'pino';
import { startMqttBroker } from './embedded-broker.ts';
import type { MqttBroker } from './embedded-broker.ts';
import type { ResolvedMqttOptions } from './options.ts';
import { brokerAnswers } from './probe.ts';

export interface BrokerChoice {
  url: string;
  kind: 'external' | 'detected' | 'embedded';
  /** Set when wordmill started the broker (and so must close it). */
  embedded: MqttBroker | undefined;
}

type BrokerSettings = Pick<ResolvedMqttOptions, 'broker' | 'host' | 'port' | 'embeddedPassword'>;

export async function chooseBroker(options: BrokerSettings, logger: Logger): Promise<BrokerChoice | undefined> {
  const { broker, host, port, embeddedPassword } = options;
  if (broker === 'off') return undefined;
  if (broker !== 'auto' && broker !== 'embedded') {
    logger.info({ broker: redact(broker) }, 'mqtt: using the broker at the given URL');
    return { url: broker, kind: 'external', embedded: undefined };
  }
  if (broker === 'auto' && port !== 0) {
    const url = `mqtt://${host.includes(':') ? `[${host}]` : host}:${port}`;
    if (await brokerAnswers(url)) {
      logger.info({ broker: url }, 'mqtt: a broker already answers here; using it instead of starting the embedded one');
      return { url, kind: 'detected', embedded: undefined };
    }
  }
  const embedded = await startMqttBroker({ host, port, ...(embeddedPassword === undefined ? {} : { password: embeddedPassword }) });
  logger.info({ broker: embedded.url, authentication: embeddedPassword !== undefined }, 'mqtt: started the embedded Aedes broker');
  return { url: embedded.url, kind: 'embedded', embedded };
}

/** Logs and stats never show a password in a URL. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
