/**
 * The MQTT load client of the bench: one mqtt.js connection publishes every
 * payload at QoS 1, another takes what comes back on `replyFilter`, and the
 * clock runs from the first publish to the last reply. The same client
 * measures wordmill (jobs → results) and a bare broker (topic → itself).
 */
import { connectAsync } from 'mqtt';

export interface MqttLoad {
  url: string;
  topic: string;
  replyFilter: string | string[];
  payloads: readonly string[];
  /** Called with every reply; returns whether it counts toward the total (throw to fail the run). */
  onReply: (topic: string, payload: Buffer) => boolean;
}

export async function runMqttLoad(load: MqttLoad): Promise<{ wallMs: number; perSec: number }> {
  const tag = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const subscriber = await connectAsync(load.url, { clientId: `bench-sub-${tag}`, clean: true });
  const publisher = await connectAsync(load.url, { clientId: `bench-pub-${tag}`, clean: true });
  try {
    await subscriber.subscribeAsync(load.replyFilter, { qos: 1 });
    let left = load.payloads.length;
    let timer: NodeJS.Timeout | undefined;
    const done = new Promise<void>((resolve, reject) => {
      subscriber.on('message', (topic, payload) => {
        try {
          if (load.onReply(topic, payload) && --left === 0) resolve();
        } catch (error) {
          reject(error);
        }
      });
      timer = setTimeout(() => reject(new Error(`${left} of ${load.payloads.length} replies missing after 180 s`)), 180_000);
    });
    const t0 = performance.now();
    await Promise.all(load.payloads.map((payload) => publisher.publishAsync(load.topic, payload, { qos: 1 })));
    await done.finally(() => clearTimeout(timer));
    const wallMs = performance.now() - t0;
    return { wallMs, perSec: Math.round(load.payloads.length / (wallMs / 1000)) };
  } finally {
    await Promise.all([publisher.endAsync(), subscriber.endAsync()]);
  }
}
