/**
 * AckGate on a real mqtt.js client whose wire is a recorder: packets go
 * through mqtt.js's own packet handler (handlePublish, handlePubrel), which
 * sends the acks, so the test sees exactly what would reach the broker.
 */
import { createRequire } from 'node:module';
import { MqttClient } from 'mqtt';
import type { IPublishPacket, Packet } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { AckGate } from '../../../src/input/mqtt/ack-gate.ts';
import type { AckSlot } from '../../../src/input/mqtt/ack-gate.ts';
import { interceptSendPacket, setMessageHandler } from '../../../src/input/mqtt/mqtt-internals.ts';
import type { SendPacket } from '../../../src/input/mqtt/mqtt-internals.ts';

type PacketHandler = (client: MqttClient, packet: Packet, done: (error?: Error) => void) => void;
// mqtt.js's dispatcher for incoming packets (the one its stream uses), a CommonJS module.
const handlePacket = (createRequire(import.meta.url)('mqtt/lib/handlers/index') as { default: PacketHandler }).default;

interface Rig {
  client: MqttClient;
  gate: AckGate;
  /** What was sent to the broker, in order, as `cmd:messageId`. */
  wire: string[];
  slots: Map<number, AckSlot>;
  /** Delivers a PUBLISH; resolves the count of times mqtt.js was told to read on. */
  deliver(messageId: number, qos?: 1 | 2): { readOn: () => number };
}

function rig(options: { handOff?: boolean } = {}): Rig {
  const client = new MqttClient(() => {
    throw new Error('this test has no network');
  }, { manualConnect: true, protocolVersion: 4 });
  const wire: string[] = [];
  // The wire: what mqtt.js sends ends here instead of on a socket.
  interceptSendPacket(client, () => (packet, cb) => {
    wire.push(`${packet.cmd}:${(packet as { messageId?: number }).messageId ?? '-'}`);
    cb?.();
  });
  const gate = new AckGate(client);
  const slots = new Map<number, AckSlot>();
  setMessageHandler(client, (packet, callback) => {
    const slot = gate.open(packet.messageId!);
    slots.set(packet.messageId!, slot);
    if (options.handOff !== false) gate.handOff(slot, () => callback());
  });
  const deliver = (messageId: number, qos: 1 | 2 = 1): { readOn: () => number } => {
    let readOn = 0;
    const publish: IPublishPacket = { cmd: 'publish', topic: 't', payload: Buffer.from('x'), qos, dup: false, retain: false, messageId };
    handlePacket(client, publish, () => readOn++);
    return { readOn: () => readOn };
  };
  return { client, gate, wire, slots, deliver };
}

describe('AckGate', () => {
  it('holds a QoS 1 PUBACK until the slot is released, while mqtt.js reads on at once', () => {
    const { gate, wire, slots, deliver } = rig();
    const delivery = deliver(7);
    expect(delivery.readOn()).toBe(1);
    expect(wire).toEqual([]);
    expect(gate.pending).toBe(1);
    slots.get(7)!.release(true);
    expect(wire).toEqual(['puback:7']);
    expect(gate.pending).toBe(0);
  });

  it('sends acks in arrival order, whatever order the jobs finish in', () => {
    const { wire, slots, deliver } = rig();
    deliver(1);
    deliver(2);
    deliver(3);
    slots.get(3)!.release(true);
    slots.get(2)!.release(true);
    expect(wire).toEqual([]);
    slots.get(1)!.release(true);
    expect(wire).toEqual(['puback:1', 'puback:2', 'puback:3']);
  });

  it('never sends the ack of a slot released with false, and does not let it block the ones behind', () => {
    const { gate, wire, slots, deliver } = rig();
    deliver(1);
    deliver(2);
    slots.get(2)!.release(true);
    slots.get(1)!.release(false);
    expect(wire).toEqual(['puback:2']);
    expect(gate.pending).toBe(0);
  });

  it('ignores a second release: the first decision stands', () => {
    const { wire, slots, deliver } = rig();
    deliver(1);
    deliver(2);
    // Slot 2 still waits behind slot 1 when its decision is changed.
    slots.get(2)!.release(false);
    slots.get(2)!.release(true);
    slots.get(1)!.release(true);
    slots.get(1)!.release(true);
    expect(wire).toEqual(['puback:1']);
  });

  it('waits for the ack itself when the job is done before mqtt.js has sent it', () => {
    const { client, gate, wire, slots, deliver } = rig({ handOff: false });
    let callback: (() => void) | undefined;
    setMessageHandler(client, (packet, cb) => {
      slots.set(packet.messageId!, gate.open(packet.messageId!));
      callback = () => cb();
    });
    deliver(4);
    slots.get(4)!.release(true);
    expect(wire).toEqual([]);
    expect(gate.pending).toBe(1);
    gate.handOff(slots.get(4)!, callback!);
    expect(wire).toEqual(['puback:4']);
    expect(gate.pending).toBe(0);
  });

  it('lets packets other than the handed-off ack through untouched', () => {
    const { client, gate, wire, slots, deliver } = rig();
    deliver(1);
    let send: SendPacket = () => {};
    // The outermost sender: what mqtt.js itself would call.
    interceptSendPacket(client, (outer) => (send = outer));
    // A PUBACK for another id, and a PINGREQ, sent while no handOff is running.
    send({ cmd: 'puback', messageId: 9 });
    send({ cmd: 'pingreq' });
    expect(wire).toEqual(['puback:9', 'pingreq:-']);
    slots.get(1)!.release(true);
    expect(wire).toEqual(['puback:9', 'pingreq:-', 'puback:1']);
    expect(gate.pending).toBe(0);
  });

  it('holds the PUBCOMP of a QoS 2 message (sent by mqtt.js after PUBREL) until release', async () => {
    const { client, wire, slots, deliver } = rig();
    deliver(5, 2);
    // mqtt.js stores the publish, then answers PUBREC straight away (not gated: the job has not run yet).
    await new Promise((resolve) => setImmediate(resolve));
    expect(wire).toEqual(['pubrec:5']);
    const pubrel: Packet = { cmd: 'pubrel', messageId: 5 };
    let readOn = 0;
    handlePacket(client, pubrel, () => readOn++);
    await new Promise((resolve) => setImmediate(resolve));
    expect(readOn).toBe(1);
    expect(wire).toEqual(['pubrec:5']);
    slots.get(5)!.release(true);
    expect(wire).toEqual(['pubrec:5', 'pubcomp:5']);
  });

  it('drops held acks on reset: a release afterwards sends nothing, and new slots work', () => {
    const { gate, wire, slots, deliver } = rig();
    deliver(1);
    deliver(2);
    slots.get(2)!.release(true);
    gate.reset();
    expect(gate.pending).toBe(0);
    slots.get(1)!.release(true);
    expect(wire).toEqual([]);
    // The next connection reuses packet id 1.
    deliver(1);
    slots.get(1)!.release(true);
    expect(wire).toEqual(['puback:1']);
  });
});
