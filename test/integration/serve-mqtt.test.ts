/** `serve` with its embedded broker: a job published over MQTT is answered on MQTT and visible over HTTP. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startService } from '../../src/service/service.ts';
import type { Service } from '../../src/service/service.ts';
import { recorder } from '../helpers/mqtt-client.ts';
import type { Received, Recorder } from '../helpers/mqtt-client.ts';

let out: string;
let service: Service | undefined;
let client: Recorder | undefined;

beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'wordmill-serve-mqtt-'));
});
afterEach(async () => {
  await client?.close();
  await service?.shutdown();
  client = undefined;
  service = undefined;
  await rm(out, { recursive: true, force: true });
});

describe('serve with MQTT', () => {
  it('counts a message from the embedded broker, replies on MQTT, and shows the job over HTTP', async () => {
    service = await startService({ host: '127.0.0.1', port: 0, threads: 1, out, mqtt: 'embedded', mqttPort: 0 });
    expect(service.mqtt?.kind).toBe('embedded');
    client = await recorder(service.mqtt!.url, ['wordmill/results/#']);
    await client.publish('wordmill/jobs/wordcount', JSON.stringify({ id: 'mqtt-1', text: 'One fish two fish red fish', options: { top: 2, stopwords: 'none' } }), { qos: 1 });
    const [reply] = await client.until((r) => r.length === 1);
    expect(reply?.topic).toBe('wordmill/results/mqtt-1');
    expect(reply?.json).toMatchObject({ id: 'mqtt-1', source: 'mqtt:wordmill/jobs/wordcount', totalWords: 6, uniqueWords: 4, top: [{ word: 'fish', count: 3 }, { word: 'one', count: 1 }] });

    const job = (await (await fetch(`${service.http.url}/v1/jobs/mqtt-1`)).json()) as { status: string; result: { totalWords: number } };
    expect(job).toMatchObject({ status: 'done', result: { totalWords: 6 } });
    const stats = (await (await fetch(`${service.http.url}/v1/stats`)).json()) as { mqtt: { connected: boolean; subscriptions: Array<{ messages: number }> } };
    expect(stats.mqtt.connected).toBe(true);
    expect(stats.mqtt.subscriptions[0]?.messages).toBe(1);
    expect((await readdir(out)).filter((f) => f.endsWith('.json'))).toHaveLength(1);
  });

  /**
   * 400 messages of ~256 KiB published at once to the embedded broker: it fills its socket to the
   * input while the window holds reading back, and Aedes then stops delivering to every client until
   * that socket drains. When a window place waited for a reply's ack, nothing drained, and Aedes
   * dropped the input after its 60 s drain timeout. Returns every reply, once all 400 are in.
   */
  async function burst(task: string): Promise<Received[]> {
    service = await startService({ host: '127.0.0.1', port: 0, threads: 2, out: 'none', mqtt: 'embedded', mqttPort: 0 });
    client = await recorder(service.mqtt!.url, ['wordmill/results/#', 'wordmill/errors/#']);
    const text = Array.from({ length: 40_000 }, (_, i) => `w${i % 50}`).join(' ');
    const total = 400;
    await Promise.all(Array.from({ length: total }, (_, i) => client!.publish(`wordmill/jobs/${task}`, JSON.stringify({ id: `burst-${i}`, text }))));
    const all = await client.until((r) => r.length === total, 30_000);
    // One connection throughout (Aedes speaks 3.1.1: one reconnect is the refused MQTT 5 attempt).
    expect(service.mqtt!.stats().connects).toBe(1);
    return all;
  }

  it('takes a burst bigger than the sockets can buffer from the embedded broker on one connection', async () => {
    const all = await burst('wordcount');
    expect(all.every((r) => r.topic.startsWith('wordmill/results/') && r.json['totalWords'] === 40_000)).toBe(true);
  }, 60_000);

  it('takes a burst of failing messages the same way: errors and acks, one connection', async () => {
    // Failures give their window place back before their error's round trip to the broker, as results do.
    const all = await burst('no-such-task');
    expect(all.every((r) => r.topic.startsWith('wordmill/errors/') && (r.json['error'] as { code: string }).code === 'E_UNKNOWN_TASK')).toBe(true);
  }, 60_000);

  it('with --token, the embedded broker requires the token as MQTT password, and wordmill sends it', async () => {
    service = await startService({ host: '127.0.0.1', port: 0, threads: 1, out, mqtt: 'embedded', mqttPort: 0, token: 's3cret-token' });
    const url = service.mqtt!.url;
    for (const options of [{}, { username: 'someone', password: 'wrong' }]) {
      const refused = await connectAsync(url, { reconnectPeriod: 0, connectTimeout: 2000, ...options }).then(
        async (c) => { await c.endAsync(true); return 'connected'; },
        (error: unknown) => (error as { code?: unknown }).code,
      );
      expect(refused).toBe(4); // CONNACK "bad user name or password"
    }
    client = await recorder(url, ['wordmill/results/#'], { username: 'anyone', password: 's3cret-token' });
    await client.publish('wordmill/jobs/wordcount', JSON.stringify({ id: 'auth-1', text: 'red fish blue fish' }), { qos: 1 });
    const [reply] = await client.until((r) => r.length === 1);
    expect(reply?.json).toMatchObject({ id: 'auth-1', totalWords: 4 });
    expect(service.mqtt!.stats()).toMatchObject({ connected: true, lastError: null });
  });

  it('runs without MQTT when it is off', async () => {
    service = await startService({ host: '127.0.0.1', port: 0, threads: 1, out, mqtt: 'off' });
    expect(service.mqtt).toBeNull();
    const stats = (await (await fetch(`${service.http.url}/v1/stats`)).json()) as Record<string, unknown>;
    expect(stats).not.toHaveProperty('mqtt');
  });
});
