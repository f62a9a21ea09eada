/**
 * Does an MQTT broker answer at `url`? Used by `broker: auto` to prefer a
 * broker already on 127.0.0.1:1883 (often Mosquitto) over starting one.
 */
import { connect } from 'mqtt';

export function brokerAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const client = connect(url, {
      protocolVersion: 4,
      clean: true,
      clientId: `wordmill-probe-${process.pid}-${Math.random().toString(36).slice(2, 10)}`,
      reconnectPeriod: 0,
      connectTimeout: timeoutMs,
    });
    const finish = (answered: boolean): void => {
      clearTimeout(timer);
      client.removeAllListeners();
      client.on('error', () => {});
      client.end(true);
      resolve(answered);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    client.once('connect', () => finish(true));
    // A CONNACK that refuses us still proves a broker is there.
    client.once('error', (error) => finish(typeof (error as { code?: unknown }).code === 'number'));
    client.once('close', () => finish(false));
  });
}
