/**
 * The embedded broker: Aedes (MQTT 3.1.1) on a TCP port, loopback by
 * default, so a fresh machine needs no broker. Sessions and queued QoS 1/2
 * messages live in an in-memory persistence that can be handed to the next
 * broker, so a restart inside one process loses nothing. With a `password`
 * (`serve --token`) every client must send it as its MQTT password.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { Aedes } from 'aedes';
import type { AedesOptions, AuthenticateError } from 'aedes';
import { MqttBrokerError } from '../../errors.ts';

export interface MqttBrokerOptions {
  /** Default 127.0.0.1: the embedded broker has no authentication. */
  host?: string;
  /** Default 1883; 0 picks a free port. */
  port?: number;
  /** `broker.persistence` of a previous broker, to keep its sessions and queued messages. */
  persistence?: unknown;
  /** Clients must send this MQTT password (any username); none: no authentication. */
  password?: string;
}

export interface MqttBroker {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  /** Opaque; pass to the next `startMqttBroker` to keep sessions across a restart. */
  readonly persistence: unknown;
  close(): Promise<void>;
}

export async function startMqttBroker(options: MqttBrokerOptions = {}): Promise<MqttBroker> {
  const host = options.host ?? '127.0.0.1';
  const aedesOptions: AedesOptions = {};
  if (options.persistence !== undefined) aedesOptions.persistence = options.persistence as AedesOptions['persistence'];
  if (options.password !== undefined) aedesOptions.authenticate = passwordCheck(options.password);
  const aedes = await Aedes.createBroker(aedesOptions);
  const server = createServer(aedes.handle);
  try {
    await listen(server, host, options.port ?? 1883);
  } catch (error) {
    await closeAedes(aedes);
    const code = (error as NodeJS.ErrnoException).code;
    const hint = code === 'EADDRINUSE'
      ? ' (another broker, e.g. Mosquitto, already listens there: use it with --mqtt mqtt://127.0.0.1:1883, or pick another --mqtt-port)'
      : '';
    throw new MqttBrokerError(`could not start the embedded MQTT broker on ${host}:${options.port ?? 1883}: ${(error as Error).message}${hint}`, error);
  }
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `mqtt://${urlHost}:${port}`,
    host,
    port,
    persistence: (aedes as unknown as { persistence: unknown }).persistence,
    close() {
      closing ??= (async () => {
        await closeAedes(aedes);
        await new Promise<void>((resolve) => server.close(() => resolve()));
      })();
      return closing;
    },
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeAedes(aedes: Aedes): Promise<void> {
  return new Promise((resolve) => aedes.close(() => resolve()));
}

/** Aedes' authenticate hook: CONNACK "bad user name or password" (4) unless the password matches. */
function passwordCheck(password: string): NonNullable<AedesOptions['authenticate']> {
  // Equal-length digests, so the comparison takes the same time whatever was sent.
  const digest = (value: Buffer | string): Buffer => createHash('sha256').update(value).digest();
  const expected = digest(password);
  return (_client, _username, given, done) => {
    if (given !== undefined && timingSafeEqual(digest(given), expected)) return done(null, true);
    const error = Object.assign(new Error('bad MQTT password'), { returnCode: 4 }) as AuthenticateError;
    done(error, false);
  };
}
