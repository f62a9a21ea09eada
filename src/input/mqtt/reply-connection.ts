/**
 * The reply connection never re-sends, by itself, a publish that was on the
 * wire when the connection dropped.
 *
 * mqtt.js keeps every unacknowledged QoS 1/2 publish and re-sends it on each
 * reconnect, one at a time, before it even emits `connect`. A publish the
 * broker answers by dropping the connection (Mosquitto does so for a wildcard
 * or NUL in a topic, or a packet over its max_packet_size) is then re-sent
 * forever: nothing else is ever published on that connection again. So when
 * the connection closes, the publishes it had sent and not seen acknowledged
 * are removed from mqtt.js's store; their promises reject and the publisher
 * (reply-publisher.ts) decides whether to try once more.
 * Publishes queued while offline were never sent and stay queued.
 *
 * mqtt.js's store is reached through mqtt-internals.ts;
 * test/integration/mqtt-reply-connection.test.ts fails if this stops working.
 */
import type { MqttClient, Packet } from 'mqtt';
import { forgetOutgoingPublish } from './mqtt-internals.ts';

export function forgetInFlightPublishesOnClose(client: MqttClient): void {
  let sent = new Set<number>();
  client.on('packetsend', (packet: Packet) => {
    if (packet.cmd === 'publish' && packet.qos > 0 && packet.messageId !== undefined) sent.add(packet.messageId);
  });
  client.on('packetreceive', (packet: Packet) => {
    // After PUBREC the broker has a QoS 2 message; re-sending its PUBREL is harmless.
    if ((packet.cmd === 'puback' || packet.cmd === 'pubrec') && packet.messageId !== undefined) sent.delete(packet.messageId);
  });
  client.on('close', () => {
    const lost = sent;
    sent = new Set();
    for (const messageId of lost) forgetOutgoingPublish(client, messageId);
  });
}
