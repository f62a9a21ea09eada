/** Broker choice: auto prefers a broker already answering, else starts the embedded one; a taken port is a clear error. */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/create-engine.ts';
import type { Engine } from '../../src/engine.ts';
import { startMqttBroker } from '../../src/input/mqtt/embedded-broker.ts';
import { startMqttInput } from '../../src/input/mqtt/input.ts';
import type { MqttInput } from '../../src/input/mqtt/input.ts';
import { brokerAnswers } from '../../src/input/mqtt/probe.ts';
import { BROKER_TARGETS, uniqueName } from '../helpers/mqtt-brokers.ts';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let engine: Engine | undefined;
let input: MqttInput | null = null;
afterEach(async () => {
  await input?.stop({ timeoutMs: 2000 });
  await engine?.close();
  input = null;
  engine = undefined;
});

describe('MQTT broker choice', () => {
  it('auto starts the embedded broker when nothing answers, and stop() closes it', async () => {
    const port = await freePort();
    engine = createEngine({ threads: 1, outDir: null });
    input = await startMqttInput(engine, { broker: 'auto', port, clientId: uniqueName('wordmill') });
    expect(input).toMatchObject({ kind: 'embedded', url: `mqtt://127.0.0.1:${port}` });
    expect(input!.stats()).toMatchObject({ connected: true, protocolVersion: 4, brokerKind: 'embedded' });
    await input!.stop();
    expect(await brokerAnswers(`mqtt://127.0.0.1:${port}`, 500)).toBe(false);
  });

  it('off starts nothing', async () => {
    engine = createEngine({ threads: 1, outDir: null });
    expect(await startMqttInput(engine, { broker: 'off' })).toBeNull();
  });

  it('embedded on a taken port fails with E_MQTT_BROKER and says what to do', async () => {
    const first = await startMqttBroker({ port: 0 });
    try {
      await expect(startMqttBroker({ port: first.port })).rejects.toMatchObject({
        code: 'E_MQTT_BROKER',
        message: expect.stringMatching(/another broker.*--mqtt mqtt:\/\/127\.0\.0\.1:1883.*--mqtt-port/),
      });
    } finally {
      await first.close();
    }
  });

  it.skipIf(BROKER_TARGETS[1]!.skip !== undefined)('auto uses the Mosquitto already on 127.0.0.1:1883 (MQTT 5)', async () => {
    engine = createEngine({ threads: 1, outDir: null });
    input = await startMqttInput(engine, { broker: 'auto', clientId: uniqueName('wordmill'), topicPrefix: uniqueName('wmt'), sessionExpirySeconds: 60 });
    expect(input).toMatchObject({ kind: 'detected', url: 'mqtt://127.0.0.1:1883', broker: undefined });
    expect(input!.stats()).toMatchObject({ connected: true, protocolVersion: 5 });
  });
});
