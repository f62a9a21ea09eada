/**
 * Is another client using our client id? A broker allows one connection per
 * client id and closes the older one when a newer one connects; two wordmill
 * instances with the same id then take the session from each other every few
 * hundred milliseconds, forever, and neither processes much. Better to stop
 * once, with an error that names the id.
 *
 * An MQTT 5 broker may say so: DISCONNECT with reason 0x8E "session taken
 * over". MQTT 3.1.1 brokers, and Mosquitto 2.0 even over MQTT 5, only close
 * the socket, so it is also inferred: the broker closing an established
 * connection within QUICK_MS of its CONNACK, QUICK_DROPS times in a row (a
 * broker restart closes it once, and a connection that lasts resets the count).
 */
import { MqttSessionTakenOverError } from '../../errors.ts';

const SESSION_TAKEN_OVER = 0x8e;
const QUICK_MS = 2000;
const QUICK_DROPS = 5;

export class TakeoverDetector {
  #connectedAt = 0;
  #quickDrops = 0;

  constructor(private readonly now: () => number = Date.now) {}

  connected(): void {
    this.#connectedAt = this.now();
  }

  /** A DISCONNECT from the broker (MQTT 5): the error to stop with, if it says the session was taken over. */
  disconnectPacket(reasonCode: number | undefined, clientId: string): MqttSessionTakenOverError | undefined {
    return reasonCode === SESSION_TAKEN_OVER ? new MqttSessionTakenOverError(clientId) : undefined;
  }

  /** An established connection closed: the error to stop with, once the drops look like a takeover. */
  closed(clientId: string): MqttSessionTakenOverError | undefined {
    this.#quickDrops = this.now() - this.#connectedAt < QUICK_MS ? this.#quickDrops + 1 : 0;
    return this.#quickDrops >= QUICK_DROPS ? new MqttSessionTakenOverError(clientId) : undefined;
  }
}
