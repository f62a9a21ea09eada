/**
 * The mqtt.js client: a persistent session (fixed client id, clean: false,
 * MQTT 5 session expiry), receive maximum = the in-flight window, MQTT 5 with
 * a fall back to 3.1.1 when the broker refuses it (Aedes does), and
 * reconnects with exponential backoff and full jitter. Created with
 * `manualConnect` so the input can install its handlers first.
 * A session taken over by another client with the same id stops the
 * reconnects (see takeover.ts): otherwise the two take it from each other forever.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'mqtt';
import type { IClientOptions, MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import {
  assertMqttInternals,
  downgradeToMqtt311,
  inFlightPublishCount,
  setReconnectDelay,
  setReconnectOnConnackError,
} from './mqtt-internals.ts';
import type { ResolvedMqttOptions } from './options.ts';
import { TakeoverDetector } from './takeover.ts';

export interface ConnectionState {
  connected: boolean;
  protocolVersion: 4 | 5;
  connects: number;
  reconnects: number;
  lastError: string | undefined;
  /** Set when wordmill stopped reconnecting because another client took the session. */
  takenOver: boolean;
}

/** CONNACK codes meaning "I do not speak this protocol version" (3.1.1 and 5). */
const UNSUPPORTED_PROTOCOL = new Set([1, 132]);

export function backoffDelay(attempt: number, minMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 20));
  return Math.max(minMs, Math.round(ceiling * random()));
}

/** `onTakenOver` runs once if this connection stops reconnecting because another client took its session. */
export function createMqttClient(url: string, o: ResolvedMqttOptions, logger: Logger, onTakenOver: () => void = () => {}): { client: MqttClient; state: ConnectionState } {
  assertMqttInternals();
  const version: 4 | 5 = o.protocolVersion === 4 ? 4 : 5;
  const options: IClientOptions = {
    manualConnect: true,
    clientId: o.clientId,
    clean: false,
    protocolVersion: version,
    reconnectPeriod: o.reconnectMinMs,
    connectTimeout: o.connectTimeoutMs,
    resubscribe: true,
    ...(version === 5 ? { properties: v5Properties(o) } : {}),
    ...(o.username === undefined ? {} : { username: o.username }),
    ...(o.password === undefined ? {} : { password: o.password }),
    ...tlsOptions(o),
  };
  const client = connect(url, options);
  const state: ConnectionState = { connected: false, protocolVersion: version, connects: 0, reconnects: 0, lastError: undefined, takenOver: false };
  let attempt = 0;
  const takeover = new TakeoverDetector();
  const giveUp = (error: Error): void => {
    if (state.takenOver) return;
    state.takenOver = true;
    state.lastError = error.message;
    logger.error({ clientId: o.clientId, code: (error as { code?: unknown }).code }, error.message);
    client.end(true);
    onTakenOver();
  };

  client.on('connect', (connack) => {
    state.connected = true;
    state.connects++;
    takeover.connected();
    attempt = 0;
    setReconnectDelay(client, o.reconnectMinMs);
    setReconnectOnConnackError(client, false);
    logger.info({ protocolVersion: state.protocolVersion, sessionPresent: connack.sessionPresent }, 'mqtt: connected');
  });
  client.on('disconnect', (packet) => {
    logger.warn({ reasonCode: packet.reasonCode }, 'mqtt: the broker sent DISCONNECT');
    const error = takeover.disconnectPacket(packet.reasonCode, o.clientId);
    if (error) giveUp(error);
  });
  client.on('close', () => {
    if (state.connected) logger.warn('mqtt: connection closed');
    const wasConnected = state.connected;
    state.connected = false;
    if (state.takenOver) return;
    const error = wasConnected ? takeover.closed(o.clientId) : undefined;
    if (error) return giveUp(error);
    // mqtt.js has already scheduled this attempt (its own close listener runs first): this delay applies from the next one.
    setReconnectDelay(client, backoffDelay(attempt++, o.reconnectMinMs, o.reconnectMaxMs));
  });
  client.on('reconnect', () => {
    state.reconnects++;
    logger.info({ attempt }, 'mqtt: reconnecting');
  });
  client.on('offline', () => logger.warn('mqtt: offline'));
  client.on('error', (error) => {
    state.lastError = error.message;
    const code = (error as { code?: unknown }).code;
    if (state.protocolVersion === 5 && o.protocolVersion === 'auto' && typeof code === 'number' && UNSUPPORTED_PROTOCOL.has(code)) {
      logger.info('mqtt: the broker does not speak MQTT 5; falling back to 3.1.1');
      state.lastError = undefined;
      state.protocolVersion = 4;
      downgradeToMqtt311(client);
      // mqtt.js checks this right after emitting the CONNACK error and then schedules its own reconnect.
      setReconnectOnConnackError(client, true);
      return;
    }
    logger.error({ err: error }, 'mqtt: client error');
  });
  return { client, state };
}

function v5Properties(o: ResolvedMqttOptions): NonNullable<IClientOptions['properties']> {
  return { sessionExpiryInterval: o.sessionExpirySeconds, receiveMaximum: o.window };
}

function tlsOptions(o: ResolvedMqttOptions): Partial<IClientOptions> {
  if (o.tls === undefined) return {};
  const read = (path: string | undefined): Buffer | undefined => (path === undefined ? undefined : readFileSync(path));
  const tls: Partial<IClientOptions> = { rejectUnauthorized: o.tls.rejectUnauthorized };
  const ca = read(o.tls.ca);
  const cert = read(o.tls.cert);
  const key = read(o.tls.key);
  if (ca) tls.ca = ca;
  if (cert) tls.cert = cert;
  if (key) tls.key = key;
  return tls;
}

/**
 * Disconnects cleanly (DISCONNECT) once the client's own publishes are
 * acknowledged, waiting at most `graceMs`; after that it drops them — their
 * job messages are not acknowledged either, so the broker redelivers those.
 */
export async function endClient(client: MqttClient, graceMs: number): Promise<void> {
  // end(false) would wait forever for publishes the broker never acknowledges.
  const pending = (): number => inFlightPublishCount(client);
  const deadline = Date.now() + graceMs;
  while (pending() > 0 && client.connected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  await new Promise<void>((resolve) => client.end(pending() > 0, {}, () => resolve()));
}
