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
 * Only mqtt.js's public surface is used (the `outgoing` map,
 * `removeOutgoingMessage`, the `packetsend`/`packetreceive` events);
 * test/integration/mqtt-reply-connection.test.ts fails if they change.
 */
import type { MqttClient, Packet } from 'mqtt';

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
    for (const messageId of lost) if (client.outgoing[messageId] !== undefined) client.removeOutgoingMessage(messageId);
  });
}
