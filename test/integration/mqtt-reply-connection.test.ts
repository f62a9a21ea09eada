/**
 * forgetInFlightPublishesOnClose leans on mqtt.js's `outgoing` map,
 * `removeOutgoingMessage` and `packetsend`/`packetreceive` events. If mqtt.js
 * changes them, this fails: a publish in flight when the connection drops must
 * reject, and must not be re-sent on the next connection by mqtt.js itself.
 */
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { Aedes } from 'aedes';
import { connectAsync } from 'mqtt';
import type { MqttClient } from 'mqtt';
import { afterEach, expect, it } from 'vitest';
import { forgetInFlightPublishesOnClose } from '../../src/input/mqtt/reply-connection.ts';
import { uniqueName } from '../helpers/mqtt-brokers.ts';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of cleanup.reverse()) await close();
  cleanup = [];
});

it('rejects a publish that was in flight when the connection dropped, and mqtt.js does not re-send it', async () => {
  const seen: string[] = [];
  // The broker never answers a publish on `stuck`, so it stays in flight until the connection drops.
  const aedes = await Aedes.createBroker({
    authorizePublish(_client, packet, callback) {
      seen.push(packet.topic);
      if (packet.topic !== 'stuck') callback(null);
    },
  });
  const server: Server = createServer(aedes.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(async () => {
    await new Promise<void>((resolve) => aedes.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const { port } = server.address() as AddressInfo;
  const client: MqttClient = await connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: uniqueName('guard'), clean: false, reconnectPeriod: 50 });
  cleanup.push(() => client.endAsync(true));
  forgetInFlightPublishesOnClose(client);

  const stuck = client.publishAsync('stuck', 'x', { qos: 1 });
  await expect.poll(() => seen).toEqual(['stuck']);
  expect(Object.keys(client.outgoing)).toHaveLength(1);
  const reconnected = new Promise((resolve) => client.once('connect', resolve));
  client.stream.destroy();
  await expect(stuck).rejects.toThrow('Message removed');
  await reconnected;
  await client.publishAsync('fine', 'y', { qos: 1 });
  expect(seen).toEqual(['stuck', 'fine']);
  expect(Object.keys(client.outgoing)).toHaveLength(0);
});

it('keeps a publish queued while offline and sends it on the next connection', async () => {
  const aedes = await Aedes.createBroker();
  const server: Server = createServer(aedes.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(async () => {
    await new Promise<void>((resolve) => aedes.close(() => resolve()));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const { port } = server.address() as AddressInfo;
  const client = await connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: uniqueName('guard'), clean: false, reconnectPeriod: 50 });
  cleanup.push(() => client.endAsync(true));
  forgetInFlightPublishesOnClose(client);
  const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
  client.stream.destroy();
  await closed;
  const fromClients: string[] = [];
  aedes.on('publish', (packet, from) => void (from === null ? undefined : fromClients.push(packet.topic)));
  await client.publishAsync('queued', 'z', { qos: 1 });
  expect(fromClients).toEqual(['queued']);
});
