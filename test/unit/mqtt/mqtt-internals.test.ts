/**
 * What src/input/mqtt/mqtt-internals.ts relies on in mqtt.js, checked on the
 * real client against a real broker (Aedes on port 0). If an mqtt.js release
 * moves or changes one of these members, a test here fails, naming it; bump
 * the pinned range in package.json only once this file passes.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import { MqttClient, connect, connectAsync } from 'mqtt';
import type { IClientOptions, Packet } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { MqttClientIncompatibleError } from '../../../src/errors.ts';
import { startMqttBroker } from '../../../src/input/mqtt/embedded-broker.ts';
import {
  TESTED_MQTT_VERSION,
  assertClientInternals,
  assertMqttInternals,
  downgradeToMqtt311,
  forgetOutgoingPublish,
  inFlightPublishCount,
  installedMqttVersion,
  interceptSendPacket,
  protocolVersionOf,
  setMessageHandler,
  setReconnectDelay,
  setReconnectOnConnackError,
} from '../../../src/input/mqtt/mqtt-internals.ts';
import { uniqueName } from '../../helpers/mqtt-brokers.ts';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup.reverse()) await close();
  cleanup = [];
});

async function embeddedBroker(): Promise<string> {
  const broker = await startMqttBroker({ port: 0 });
  cleanup.push(() => broker.close());
  return broker.url;
}

async function client(url: string, options: IClientOptions): Promise<MqttClient> {
  const c = await connectAsync(url, { clientId: uniqueName('internals'), ...options });
  cleanup.push(() => c.endAsync(true));
  return c;
}

const nextEvent = (c: MqttClient, event: 'connect' | 'close'): Promise<void> => new Promise((resolve) => c.once(event, () => resolve()));

function label(packet: Packet): string {
  return `${packet.cmd}:${'messageId' in packet ? String(packet.messageId) : '-'}`;
}

describe('the mqtt.js version', () => {
  it('is the one package.json pins, to the minor version these tests cover', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
    expect(manifest.dependencies['mqtt']).toBe(`~${TESTED_MQTT_VERSION}.0`);
    const installed = JSON.parse(readFileSync(new URL('../../../node_modules/mqtt/package.json', import.meta.url), 'utf8')) as { version: string };
    expect(installedMqttVersion()).toBe(installed.version);
    expect(installed.version.startsWith(`${TESTED_MQTT_VERSION}.`)).toBe(true);
  });
});

describe('the start-up check', () => {
  it('passes on the installed mqtt.js', () => {
    expect(() => assertMqttInternals()).not.toThrow();
  });

  it('names the mqtt.js version and every member that is missing or of another shape', () => {
    const probe = new MqttClient(() => {
      throw new Error('this test has no network');
    }, { manualConnect: true });
    // What a release that renamed or reshaped these members would look like.
    Reflect.set(probe, '_sendPacket', undefined);
    Reflect.set(probe, 'outgoing', null);
    Reflect.set(probe.options, 'reconnectPeriod', '1000');
    const error = (() => {
      try {
        assertClientInternals(probe);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(MqttClientIncompatibleError);
    expect((error as MqttClientIncompatibleError).code).toBe('E_MQTT_CLIENT_INCOMPATIBLE');
    expect((error as MqttClientIncompatibleError).message).toBe(
      `mqtt.js ${installedMqttVersion()} is not compatible with wordmill's MQTT input (tested with mqtt.js ${TESTED_MQTT_VERSION}.x): ` +
        'client._sendPacket is missing, expected a function; client.outgoing is null, expected an object; ' +
        'client.options.reconnectPeriod is a string, expected a number; install the mqtt version package.json pins',
    );
  });
});

describe('acknowledgements', () => {
  it('go out through _sendPacket, synchronously from the handleMessage callback; held, the broker redelivers', async () => {
    const url = await embeddedBroker();
    const prefix = uniqueName('acks');
    const receiver = await client(url, { clean: false, reconnectPeriod: 20 });
    const received: string[] = [];
    const sent: string[] = [];
    let holding = true;
    let insideDone = false;
    setMessageHandler(receiver, (packet, done) => {
      received.push(`${packet.topic}:${packet.qos}`);
      insideDone = true;
      try {
        done();
      } finally {
        insideDone = false;
      }
    });
    interceptSendPacket(receiver, (original) => (packet, cb, ...rest) => {
      if (packet.cmd === 'puback' || packet.cmd === 'pubrec' || packet.cmd === 'pubcomp') {
        sent.push(`${label(packet)}${insideDone ? ' (in done)' : ''}`);
        if (holding && packet.cmd === 'puback') {
          cb?.();
          return;
        }
      }
      original(packet, cb, ...rest);
    });
    await receiver.subscribeAsync(`${prefix}/#`, { qos: 2 });
    const sender = await client(url, { clean: true });

    await sender.publishAsync(`${prefix}/one`, 'x', { qos: 1 });
    await expect.poll(() => received).toEqual([`${prefix}/one:1`]);
    expect(sent).toEqual([expect.stringMatching(/^puback:\d+ \(in done\)$/)]);

    // The PUBACK never reached the broker: after a reconnect it delivers the message again.
    holding = false;
    const reconnected = nextEvent(receiver, 'connect');
    receiver.stream.destroy();
    await reconnected;
    await expect.poll(() => received).toEqual([`${prefix}/one:1`, `${prefix}/one:1`]);
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatch(/^puback:\d+ \(in done\)$/);

    // QoS 2: PUBREC straight away, handleMessage at PUBREL, PUBCOMP from its callback.
    sent.length = 0;
    await sender.publishAsync(`${prefix}/two`, 'y', { qos: 2 });
    await expect.poll(() => received).toHaveLength(3);
    expect(received[2]).toBe(`${prefix}/two:2`);
    await expect.poll(() => sent).toHaveLength(2);
    const id = /^pubrec:(\d+)$/.exec(sent[0] ?? '')?.[1];
    expect(id).toBeDefined();
    expect(sent).toEqual([`pubrec:${id}`, `pubcomp:${id} (in done)`]);
  });
});

describe('the outgoing store', () => {
  it('counts a publish the broker has not acknowledged, and forgets it on request (its promise rejects)', async () => {
    const aedes = await Aedes.createBroker({
      authorizePublish(_client, packet, callback) {
        // Never answered: the publish stays in flight.
        if (!packet.topic.endsWith('/stuck')) callback(null);
      },
    });
    const server = createServer(aedes.handle);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanup.push(async () => {
      await new Promise<void>((resolve) => aedes.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    const { port } = server.address() as AddressInfo;
    const publisher = await client(`mqtt://127.0.0.1:${port}`, { clean: true });
    const prefix = uniqueName('outgoing');
    let messageId: number | undefined;
    publisher.on('packetsend', (packet: Packet) => {
      if (packet.cmd === 'publish') messageId = packet.messageId;
    });

    expect(inFlightPublishCount(publisher)).toBe(0);
    const stuck = publisher.publishAsync(`${prefix}/stuck`, 'x', { qos: 1 });
    await expect.poll(() => messageId).toBeTypeOf('number');
    expect(inFlightPublishCount(publisher)).toBe(1);
    forgetOutgoingPublish(publisher, messageId! + 1);
    expect(inFlightPublishCount(publisher)).toBe(1);
    forgetOutgoingPublish(publisher, messageId!);
    await expect(stuck).rejects.toThrow('Message removed');
    expect(inFlightPublishCount(publisher)).toBe(0);
    await publisher.publishAsync(`${prefix}/fine`, 'y', { qos: 1 });
    expect(inFlightPublishCount(publisher)).toBe(0);
  });
});

describe('options changed on a running client', () => {
  it('a reconnect delay set while connected is the one mqtt.js waits for after the next close', async () => {
    const url = await embeddedBroker();
    // Left at 60 s, the reconnect would come long after this test times out.
    const c = await client(url, { clean: true, reconnectPeriod: 60_000 });
    setReconnectDelay(c, 10);
    const reconnected = nextEvent(c, 'connect');
    c.stream.destroy();
    await reconnected;
    expect(c.connected).toBe(true);
  });

  it('after a refused MQTT 5 CONNECT, a downgrade and reconnectOnConnackError reconnect with MQTT 3.1.1', async () => {
    const url = await embeddedBroker();
    const connects: Array<{ protocolVersion: number | undefined; properties: boolean }> = [];
    const c = connect(url, {
      clientId: uniqueName('fallback'),
      clean: false,
      protocolVersion: 5,
      properties: { sessionExpiryInterval: 60, receiveMaximum: 8 },
      reconnectPeriod: 10,
      reconnectOnConnackError: false,
      manualConnect: true,
    });
    cleanup.push(() => c.endAsync(true));
    c.on('packetsend', (packet: Packet) => {
      if (packet.cmd === 'connect') connects.push({ protocolVersion: packet.protocolVersion, properties: packet.properties !== undefined });
    });
    const codes: unknown[] = [];
    c.on('error', (error) => {
      codes.push((error as { code?: unknown }).code);
      downgradeToMqtt311(c);
      setReconnectOnConnackError(c, true);
    });
    expect(protocolVersionOf(c)).toBe(5);
    const connected = nextEvent(c, 'connect');
    c.connect();
    await connected;
    // Aedes speaks MQTT 3.1.1 only: CONNACK 1, unacceptable protocol version.
    expect(codes).toEqual([1]);
    expect(connects).toEqual([
      { protocolVersion: 5, properties: true },
      { protocolVersion: 4, properties: false },
    ]);
    expect(protocolVersionOf(c)).toBe(4);
  });
});
