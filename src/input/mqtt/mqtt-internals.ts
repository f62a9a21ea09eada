/**
 * The one place wordmill reaches into mqtt.js beyond connect/publish/subscribe.
 *
 * The MQTT input needs four things mqtt.js has no option for: hold an
 * acknowledgement until a job's result is safe (its private `_sendPacket`,
 * the only path PUBACK/PUBCOMP take), take each incoming publish
 * (`handleMessage`), forget a publish lost with its connection (`outgoing`,
 * `removeOutgoingMessage`), and change the reconnect delay and the protocol
 * version of a running client (`options`, read anew on every attempt).
 * `assertMqttInternals` checks at start-up that these members exist with the
 * expected shape, so a changed mqtt.js fails with `E_MQTT_CLIENT_INCOMPATIBLE`
 * naming its version instead of misbehaving later;
 * test/unit/mqtt/mqtt-internals.test.ts checks what they do, on a real client
 * and broker. The mqtt version range in package.json is pinned to the minor
 * version tested: docs/mqtt.md says how to move it.
 */
import { MqttClient } from 'mqtt';
import type { IPublishPacket, Packet } from 'mqtt';
import { MqttClientIncompatibleError } from '../../errors.ts';

/** The mqtt.js minor version these internals were checked against (package.json pins `~5.16.0`). */
export const TESTED_MQTT_VERSION = '5.16';

export type SendPacket = (packet: Packet, cb?: (error?: Error) => void, ...rest: unknown[]) => void;
/** `done` tells mqtt.js to acknowledge the message and read the next packet. */
export type PublishHandler = (packet: IPublishPacket, done: (error?: Error) => void) => void;

/** The members relied on, as mqtt.js 5.16 has them (`_sendPacket` is not in its typings). */
interface ClientInternals {
  _sendPacket: SendPacket;
}

/** Throws `MqttClientIncompatibleError` if `client` lacks a member this module relies on. */
export function assertClientInternals(client: MqttClient): void {
  const problems: string[] = [];
  const expectFunction = (name: string): void => {
    const member: unknown = Reflect.get(client, name);
    if (typeof member !== 'function') problems.push(`client.${name} is ${describe(member)}, expected a function`);
  };
  expectFunction('_sendPacket');
  expectFunction('handleMessage');
  expectFunction('removeOutgoingMessage');
  const outgoing: unknown = Reflect.get(client, 'outgoing');
  if (typeof outgoing !== 'object' || outgoing === null) problems.push(`client.outgoing is ${describe(outgoing)}, expected an object`);
  const options: unknown = Reflect.get(client, 'options');
  if (typeof options !== 'object' || options === null) {
    problems.push(`client.options is ${describe(options)}, expected an object`);
  } else {
    for (const name of ['reconnectPeriod', 'protocolVersion']) {
      const value: unknown = Reflect.get(options, name);
      if (typeof value !== 'number') problems.push(`client.options.${name} is ${describe(value)}, expected a number`);
    }
  }
  if (problems.length > 0) throw new MqttClientIncompatibleError(installedMqttVersion(), `${TESTED_MQTT_VERSION}.x`, problems);
}

let checked = false;

/** Checks the installed mqtt.js once per process, on a client that never connects. */
export function assertMqttInternals(): void {
  if (checked) return;
  const probe = new MqttClient(() => {
    throw new Error('the mqtt.js compatibility probe never connects');
  }, { manualConnect: true });
  assertClientInternals(probe);
  checked = true;
}

export function installedMqttVersion(): string {
  const version: unknown = MqttClient.VERSION;
  return typeof version === 'string' ? version : 'of unknown version';
}

/** Routes every packet the client sends through `wrap(original)`; `original` is the client's own sender. */
export function interceptSendPacket(client: MqttClient, wrap: (original: SendPacket) => SendPacket): void {
  const target = client as unknown as ClientInternals;
  target._sendPacket = wrap(target._sendPacket.bind(client));
}

/** Replaces mqtt.js's handler of incoming publishes (by default it emits `message` and calls `done`). */
export function setMessageHandler(client: MqttClient, handler: PublishHandler): void {
  client.handleMessage = handler;
}

/** QoS 1/2 publishes sent or queued and not yet acknowledged by the broker. */
export function inFlightPublishCount(client: MqttClient): number {
  return Object.keys(client.outgoing).length;
}

/** Drops a publish from mqtt.js's store, so it is never re-sent; its promise rejects with "Message removed". */
export function forgetOutgoingPublish(client: MqttClient, messageId: number): void {
  if (client.outgoing[messageId] !== undefined) client.removeOutgoingMessage(messageId);
}

/**
 * The delay before a reconnect attempt. mqtt.js reads it when it schedules
 * the attempt, in its own `close` listener, which runs before any added
 * later: a delay set on `close` applies from the attempt after.
 */
export function setReconnectDelay(client: MqttClient, ms: number): void {
  client.options.reconnectPeriod = ms;
}

/** Whether mqtt.js reconnects after a CONNACK error (it reads this right after emitting the `error`). */
export function setReconnectOnConnackError(client: MqttClient, reconnect: boolean): void {
  client.options.reconnectOnConnackError = reconnect;
}

/** The next connect speaks MQTT 3.1.1, without the MQTT 5 CONNECT properties. */
export function downgradeToMqtt311(client: MqttClient): void {
  client.options.protocolVersion = 4;
  delete client.options.properties;
}

/** The protocol version the client connects (or will next connect) with. */
export function protocolVersionOf(client: MqttClient): number {
  return client.options.protocolVersion ?? 4;
}

function describe(value: unknown): string {
  return value === null ? 'null' : typeof value === 'undefined' ? 'missing' : `a ${typeof value}`;
}
