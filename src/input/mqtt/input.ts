/**
 * `startMqttInput(engine, options)`: choose the broker, connect a persistent
 * mqtt.js session, subscribe, and turn job messages into engine jobs.
 * Replies go out on a second connection (`<clientId>-replies`): mqtt.js reads
 * a connection's packets one at a time, and the job connection pauses
 * reading when the window is full, which would also hold back the PUBACKs of
 * our own replies, which the messages' acks wait for.
 * `stop()` stops taking messages, lets taken ones finish (their acks and
 * replies included), disconnects, and closes an embedded broker.
 * Call it before `engine.close()`.
 */
import { pino } from 'pino';
import type { Logger } from 'pino';
import type { Engine } from '../../engine.ts';
import { MqttBrokerError } from '../../errors.ts';
import { MqttReplyPublisher } from './reply-publisher.ts';
import { AckGate } from './ack-gate.ts';
import { chooseBroker, redact } from './broker-choice.ts';
import type { BrokerChoice } from './broker-choice.ts';
import { createMqttClient, endClient } from './connection.ts';
import { DuplicateFilter } from './duplicates.ts';
import type { MqttBroker } from './embedded-broker.ts';
import { createMessageHandler } from './message-handler.ts';
import { assertMqttInternals, setMessageHandler } from './mqtt-internals.ts';
import { resolveMqttOptions } from './options.ts';
import { forgetInFlightPublishesOnClose } from './reply-connection.ts';
import type { MqttOptions, ResolvedMqttOptions } from './options.ts';
import { SubscriptionCounters } from './stats.ts';
import type { MqttInputStats } from './stats.ts';
import { InFlightWindow } from './window.ts';

export interface MqttInput {
  /** URL of the broker in use (for an embedded broker, where clients connect). */
  readonly url: string;
  readonly kind: BrokerChoice['kind'];
  /** The embedded broker, when wordmill started one. */
  readonly broker: MqttBroker | undefined;
  readonly options: ResolvedMqttOptions;
  stats(): MqttInputStats;
  stop(options?: { timeoutMs?: number }): Promise<void>;
}

export interface MqttInputDeps {
  /** State changes and failures are logged here; silent by default. */
  logger?: Logger;
}

/** Starts the MQTT input; `null` when `broker` is `off`. */
export async function startMqttInput(engine: Engine, options: MqttOptions = {}, deps: MqttInputDeps = {}): Promise<MqttInput | null> {
  const resolved = resolveMqttOptions(options);
  // Before a broker is started or connected to, so an incompatible mqtt.js leaves nothing behind.
  assertMqttInternals();
  const logger = deps.logger ?? pino({ level: 'silent' });
  const choice = await chooseBroker(resolved, logger);
  if (choice === undefined) return null;
  const o = forEmbeddedBroker(resolved, choice);
  const stopping = new AbortController();
  // One connection without the other is no use: a taken-over reply connection would fail every reply.
  const halt = (): void => {
    stopping.abort();
    client.end(true);
    replies.client.end(true);
  };
  const { client, state } = createMqttClient(choice.url, o, logger.child({ connection: 'jobs' }), halt);
  const replies = createMqttClient(choice.url, { ...o, clientId: `${o.clientId}-replies` }, logger.child({ connection: 'replies' }), halt);
  forgetInFlightPublishesOnClose(replies.client);
  const gate = new AckGate(client);
  client.on('close', () => gate.reset());
  const window = new InFlightWindow(o.window);
  const counters = new SubscriptionCounters(o.subscriptions);
  const handler = createMessageHandler({
    engine,
    options: o,
    gate,
    window,
    duplicates: new DuplicateFilter(o.duplicateWindowMs),
    publisher: new MqttReplyPublisher(replies.client, o.topicPrefix, o.resultQos),
    counters,
    logger,
    stopping: stopping.signal,
  });
  setMessageHandler(client, handler.handle);

  const end = async (graceMs: number): Promise<void> => {
    await Promise.all([endClient(client, graceMs), endClient(replies.client, graceMs)]);
    await choice.embedded?.close();
  };
  try {
    await Promise.all([
      firstConnect(replies.client, o.connectTimeoutMs, () => replies.state.lastError),
      firstConnect(client, o.connectTimeoutMs, () => state.lastError),
    ]);
    const granted = await client.subscribeAsync(Object.fromEntries(o.subscriptions.map((s) => [s.topic, { qos: s.qos }])));
    const refused = granted.filter((g) => g.qos === 128);
    if (refused.length > 0) throw new MqttBrokerError(`the broker refused the subscription(s) ${refused.map((g) => g.topic).join(', ')}`);
  } catch (error) {
    await end(0);
    throw error instanceof MqttBrokerError ? error : new MqttBrokerError(`mqtt: ${(error as Error).message}`, error);
  }
  logger.info({ broker: redact(choice.url), kind: choice.kind, subscriptions: o.subscriptions.map((s) => s.topic) }, 'mqtt: ready');

  let stopped: Promise<void> | undefined;
  return {
    url: choice.url,
    kind: choice.kind,
    broker: choice.embedded,
    options: o,
    stats: () => ({
      connected: state.connected && replies.state.connected,
      broker: redact(choice.url),
      brokerKind: choice.kind,
      clientId: o.clientId,
      protocolVersion: state.protocolVersion,
      connects: state.connects,
      reconnects: state.reconnects + replies.state.reconnects,
      lastError: state.lastError ?? replies.state.lastError ?? null,
      inFlight: window.used,
      window: window.size,
      unacknowledged: gate.pending,
      replies: { connected: replies.state.connected, reconnects: replies.state.reconnects, failures: counters.replyFailures },
      unmatched: counters.unmatched,
      lastMessageAt: counters.lastMessageAt,
      subscriptions: counters.entries.map((e) => ({ ...e })),
    }),
    stop({ timeoutMs = 30_000 } = {}) {
      stopped ??= (async () => {
        stopping.abort();
        // Taken messages finish and release their acks; untaken ones stay in the session.
        await Promise.race([handler.idle(), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
        await end(5000);
        logger.info('mqtt: stopped');
      })();
      return stopped;
    },
  };
}

/** Aedes speaks 3.1.1 only: skip the MQTT 5 attempt; and send the password it requires. */
function forEmbeddedBroker(o: ResolvedMqttOptions, choice: BrokerChoice): ResolvedMqttOptions {
  if (choice.kind !== 'embedded') return o;
  return {
    ...o,
    ...(o.protocolVersion === 'auto' ? { protocolVersion: 4 as const } : {}),
    ...(o.embeddedPassword === undefined ? {} : { username: o.username ?? 'wordmill', password: o.embeddedPassword }),
  };
}

function firstConnect(client: ReturnType<typeof createMqttClient>['client'], timeoutMs: number, lastError: () => string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off('connect', onConnect);
      reject(new MqttBrokerError(`could not connect within ${timeoutMs} ms${lastError() ? `: ${lastError()}` : ''}`));
    }, timeoutMs);
    const onConnect = (): void => {
      clearTimeout(timer);
      resolve();
    };
    client.once('connect', onConnect);
    client.connect();
  });
}
