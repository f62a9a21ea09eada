/**
 * At-least-once across a broker restart: the embedded Aedes broker is closed
 * and started again on the same port (keeping its persistence) in the middle
 * of a stream of QoS 1 jobs. Every job gets a result, none runs twice.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/create-engine.ts';
import { startMqttBroker } from '../../src/input/mqtt/embedded-broker.ts';
import type { MqttBroker } from '../../src/input/mqtt/embedded-broker.ts';
import { startMqttInput } from '../../src/input/mqtt/input.ts';
import { uniqueName } from '../helpers/mqtt-brokers.ts';
import { recorder } from '../helpers/mqtt-client.ts';

const closers: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close().catch(() => {});
});

describe('MQTT input across a broker restart', () => {
  it('loses no QoS 1 message and processes none twice', async () => {
    let broker: MqttBroker = await startMqttBroker({ port: 0 });
    closers.push(() => broker.close());
    const { port, url } = broker;
    const outDir = await mkdtemp(join(tmpdir(), 'wordmill-mqtt-restart-'));
    closers.push(() => rm(outDir, { recursive: true, force: true }));
    const engine = createEngine({ threads: 1, outDir });
    closers.push(() => engine.close({ cancel: true }));
    const prefix = uniqueName('wmt');
    const input = await startMqttInput(engine, {
      broker: url, clientId: uniqueName('wordmill'), topicPrefix: prefix, reconnectMinMs: 50, reconnectMaxMs: 300, window: 8,
    });
    closers.push(() => input!.stop({ timeoutMs: 5000 }));
    const results = await recorder(url, [`${prefix}/results/#`], { clientId: uniqueName('collector'), clean: false, reconnectPeriod: 100 });
    closers.push(results.close);
    const publisher = await connectAsync(url, { clientId: uniqueName('publisher'), clean: false, reconnectPeriod: 100 });
    closers.push(() => publisher.endAsync(true));

    const total = 40;
    const sent: Array<Promise<unknown>> = [];
    for (let i = 0; i < total; i++) {
      const text = `message ${'word '.repeat(i + 1)}end`;
      sent.push(publisher.publishAsync(`${prefix}/jobs/wordcount`, JSON.stringify({ id: `s-${i}`, text }), { qos: 1 }));
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (i === 15) {
        // Mid-stream: stop the broker with jobs in flight, then start it again where it was.
        const persistence = broker.persistence;
        await broker.close();
        await new Promise((resolve) => setTimeout(resolve, 200));
        broker = await startMqttBroker({ port, persistence });
      }
    }
    await Promise.all(sent);
    const received = await results.until((r) => new Set(r.map((m) => m.json['id'])).size === total, 30_000);

    const ids = new Set(received.map((m) => String(m.json['id'])));
    expect([...ids].sort()).toEqual(Array.from({ length: total }, (_, i) => `s-${i}`).sort());
    for (const m of received) {
      const i = Number(String(m.json['id']).slice(2));
      expect(m.json['totalWords']).toBe(i + 3);
    }
    await expect.poll(() => input!.stats().inFlight, { timeout: 10_000 }).toBe(0);
    expect(engine.stats()).toMatchObject({ done: total, failed: 0 });
    expect((await readdir(outDir)).filter((f) => f.endsWith('.json'))).toHaveLength(total);
    expect(input!.stats().reconnects).toBeGreaterThanOrEqual(1);
    expect(input!.stats().connected).toBe(true);
  });
});
