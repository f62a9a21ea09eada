/** A test-side MQTT client that records what arrives on a filter, with JSON payloads parsed. */
import { connectAsync } from 'mqtt';
import type { IClientOptions, IClientPublishOptions, MqttClient } from 'mqtt';

export interface Received {
  topic: string;
  json: Record<string, unknown>;
  correlationData: Buffer | undefined;
}

export interface Recorder {
  client: MqttClient;
  received: Received[];
  /** Resolves with the received messages once `predicate` holds, or rejects after `timeoutMs`. */
  until(predicate: (received: Received[]) => boolean, timeoutMs?: number): Promise<Received[]>;
  publish(topic: string, payload: string | Buffer, options?: IClientPublishOptions): Promise<void>;
  close(): Promise<void>;
}

export async function recorder(url: string, filters: string[], options: IClientOptions = {}): Promise<Recorder> {
  const client = await connectAsync(url, { reconnectPeriod: 100, ...options });
  const received: Received[] = [];
  const listeners = new Set<() => void>();
  client.on('message', (topic, payload, packet) => {
    received.push({ topic, json: JSON.parse(payload.toString('utf8')) as Record<string, unknown>, correlationData: packet.properties?.correlationData });
    for (const listener of listeners) listener();
  });
  if (filters.length > 0) await client.subscribeAsync(filters, { qos: 1 });
  return {
    client,
    received,
    until(predicate, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (!predicate(received)) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve(received);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out after ${timeoutMs} ms with ${received.length} messages: ${JSON.stringify(received.map((r) => r.topic))}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    async publish(topic, payload, publishOptions = { qos: 1 }) {
      await client.publishAsync(topic, payload, publishOptions);
    },
    close: () => client.endAsync(true),
  };
}
