/**
 * Holds PUBACK/PUBCOMP packets until the message's job is done, and sends
 * them in the order the messages arrived (MQTT-4.6.0-2).
 *
 * Why not just delay mqtt.js's `handleMessage` callback: mqtt.js handles one
 * incoming packet at a time and sends the ack straight from that callback,
 * so holding it would allow exactly one message in flight. Instead we let the
 * callback run as soon as the job is queued and catch the ack it sends on
 * its way out (mqtt-internals.ts: `interceptSendPacket`).
 * `test/integration/mqtt-*.test.ts` pins this behaviour down.
 */
import type { MqttClient } from 'mqtt';
import { interceptSendPacket } from './mqtt-internals.ts';

export interface AckSlot {
  /** `ack: false` never acknowledges: the broker redelivers after a reconnect. */
  release(ack: boolean): void;
}

interface Slot extends AckSlot {
  messageId: number;
  released: boolean;
  ack: boolean;
  dead: boolean;
  send: (() => void) | undefined;
}

export class AckGate {
  readonly #queue: Slot[] = [];
  #current: Slot | undefined;

  constructor(client: MqttClient) {
    interceptSendPacket(client, (original) => (packet, cb, ...rest) => {
      const slot = this.#current;
      const isAck = packet.cmd === 'puback' || packet.cmd === 'pubcomp';
      if (slot === undefined || !isAck || packet.messageId !== slot.messageId) return original(packet, cb, ...rest);
      this.#current = undefined;
      // Let mqtt.js read the next packet now; the ack itself waits for the job.
      if (!slot.dead) slot.send = () => original(packet, undefined, ...rest);
      cb?.();
      this.#flush();
    });
  }

  /** Messages whose acknowledgement is still held. */
  get pending(): number {
    return this.#queue.length;
  }

  open(messageId: number): AckSlot {
    const slot: Slot = {
      messageId,
      released: false,
      ack: false,
      dead: false,
      send: undefined,
      release: (ack) => {
        if (slot.released) return;
        slot.released = true;
        slot.ack = ack;
        this.#flush();
      },
    };
    this.#queue.push(slot);
    return slot;
  }

  /** Runs mqtt.js's handleMessage callback so that the ack it sends is held by `slot`. */
  handOff(slot: AckSlot, callback: () => void): void {
    this.#current = slot as Slot;
    try {
      callback();
    } finally {
      this.#current = undefined;
    }
  }

  /** The connection is gone: its packet ids mean nothing on the next one, so held acks are dropped. */
  reset(): void {
    for (const slot of this.#queue) {
      slot.dead = true;
      slot.send = undefined;
    }
    this.#queue.length = 0;
  }

  #flush(): void {
    while (this.#queue.length > 0) {
      const head = this.#queue[0]!;
      if (!head.released) return;
      if (head.ack && head.send === undefined) return;
      this.#queue.shift();
      if (head.ack) head.send?.();
      head.send = undefined;
    }
  }
}
