/** MQTT figures in GET /metrics and the live snapshot, labelled by subscription filter, never by topic. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveSnapshot } from '../../src/metrics/live-types.ts';
import { startService } from '../../src/service/service.ts';
import type { Service } from '../../src/service/service.ts';
import { recorder } from '../helpers/mqtt-client.ts';
import type { Recorder } from '../helpers/mqtt-client.ts';
import { scrape, valueOf } from '../helpers/prometheus.ts';

describe('MQTT metrics', () => {
  let out: string;
  let service: Service;
  let client: Recorder;
  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'wordmill-metrics-mqtt-'));
    service = await startService({ host: '127.0.0.1', port: 0, threads: 1, out, mqtt: 'embedded', mqttPort: 0 });
    client = await recorder(service.mqtt!.url, ['wordmill/results/#', 'wordmill/errors/#']);
  });
  afterAll(async () => {
    await client.close();
    await service.shutdown();
    await rm(out, { recursive: true, force: true });
  });

  it('counts messages and errors per subscription filter and shows the connection', async () => {
    const url = service.http.url;
    const before = await scrape(url);
    expect(valueOf(before, 'wordmill_mqtt_connected')).toBe(1);
    await client.publish('wordmill/jobs/wordcount/sensor-17', 'alpha beta gamma');
    await client.publish('wordmill/jobs/wordcount/sensor-18', 'delta epsilon');
    await client.publish('wordmill/jobs/wordcount', '{"text": 5}');
    await client.until((r) => r.length === 3);
    const after = await scrape(url);

    const sub = { subscription: 'wordmill/jobs/#' };
    expect(valueOf(after, 'wordmill_mqtt_messages_total', sub) - valueOf(before, 'wordmill_mqtt_messages_total', sub)).toBe(3);
    expect(valueOf(after, 'wordmill_mqtt_errors_total', sub) - valueOf(before, 'wordmill_mqtt_errors_total', sub)).toBe(1);
    expect(valueOf(after, 'wordmill_jobs_completed_total', { task: 'wordcount', source: 'mqtt' })).toBe(2);
    expect(valueOf(after, 'wordmill_processed_bytes_total', { task: 'wordcount', source: 'mqtt' })).toBe(Buffer.byteLength('alpha beta gammadelta epsilon'));
    const labels = [...after.values()].flatMap((f) => f.samples.flatMap((s) => Object.values(s.labels)));
    expect(labels.filter((value) => value.includes('sensor'))).toEqual([]);

    const live = (await (await fetch(`${url}/v1/live`)).json()) as LiveSnapshot;
    expect(live.mqtt).toMatchObject({ connected: true, subscriptions: [{ topic: 'wordmill/jobs/#', messages: 3, errors: 1 }] });
  });
});
