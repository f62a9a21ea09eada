/**
 * One job message, from PUBLISH to acknowledgement:
 * window → let mqtt.js read on → route → parse → duplicate check →
 * engine (waiting for room) → result/error published → ack released.
 * Only a full window holds mqtt.js's callback (so it reads no further and the
 * broker keeps the rest); a message waiting for engine room already holds a
 * window place, so at most `window` messages are ever being worked on. A
 * finished job gives its place back as its reply goes out; its message is
 * acknowledged once the broker has the reply.
 * `sync` releases the ack after the reply is with the broker, `async` once
 * the engine has queued the job. A permanent failure is reported on the
 * errors topic and acknowledged, so a poison message cannot loop.
 */
import type { IPublishPacket } from 'mqtt';
import type { Logger } from 'pino';
import type { Engine } from '../../engine.ts';
import { newJobId } from '../../ids.ts';
import type { AckGate, AckSlot } from './ack-gate.ts';
import { DuplicateFilter } from './duplicates.ts';
import { submitWhenRoom } from './engine-intake.ts';
import type { ResolvedMqttOptions } from './options.ts';
import type { MqttReplyPublisher } from './reply-publisher.ts';
import { reportFailure, reportReplyFailure } from './failures.ts';
import { parsePayload } from './payload.ts';
import { replyToOf } from './response-topic.ts';
import type { SubscriptionCounters } from './stats.ts';
import { taskFromTopic, topicMatches } from './topics.ts';
import type { InFlightWindow } from './window.ts';

export interface HandlerContext {
  engine: Engine;
  options: ResolvedMqttOptions;
  gate: AckGate;
  window: InFlightWindow;
  duplicates: DuplicateFilter;
  publisher: MqttReplyPublisher;
  counters: SubscriptionCounters;
  logger: Logger;
  /** Aborted by stop(): take nothing more. */
  stopping: AbortSignal;
}

export interface MessageHandler {
  /** Installed as mqtt.js's handler of incoming publishes (mqtt-internals.ts). */
  handle(packet: IPublishPacket, callback: (error?: Error) => void): void;
  /** Resolves when every message taken so far has been handled. */
  idle(): Promise<void>;
}

export function createMessageHandler(ctx: HandlerContext): MessageHandler {
  const running = new Set<Promise<void>>();
  const handleOne = (packet: IPublishPacket, callback: (error?: Error) => void): void => {
    let handedOff = false;
    let slot: AckSlot | undefined;
    const handOff = (): void => {
      if (handedOff) return;
      handedOff = true;
      if (slot === undefined) callback();
      else ctx.gate.handOff(slot, callback);
    };
    const task = handle(ctx, packet, (s) => (slot = s), handOff).catch((error: unknown) => {
      ctx.logger.error({ err: error, topic: packet.topic }, 'mqtt: message handling failed');
      slot?.release(false);
      handOff();
    });
    running.add(task);
    void task.finally(() => running.delete(task));
  };
  return {
    handle: handleOne,
    async idle() {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

async function handle(ctx: HandlerContext, packet: IPublishPacket, setSlot: (slot: AckSlot) => void, handOff: () => void): Promise<void> {
  const { options, counters } = ctx;
  const taken = await ctx.window.acquire(ctx.stopping);
  const slot = packet.qos > 0 && packet.messageId !== undefined ? ctx.gate.open(packet.messageId) : undefined;
  if (slot) setSlot(slot);
  if (!taken) {
    // Stopping: let mqtt.js read on so the connection can close, but never acknowledge this message.
    slot?.release(false);
    return handOff();
  }
  handOff();
  let windowHeld = true;
  const releaseWindow = (): void => {
    if (windowHeld) ctx.window.release();
    windowHeld = false;
  };
  const finish = (ack: boolean): void => {
    slot?.release(ack);
    releaseWindow();
  };

  const topic = packet.topic;
  const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
  const index = options.subscriptions.findIndex((s) => topicMatches(s.topic, topic));
  const sub = options.subscriptions[index];
  if (sub === undefined) {
    counters.unmatched++;
    ctx.logger.warn({ topic }, 'mqtt: no configured subscription matches this topic (left in the session?); acknowledged and ignored');
    finish(true);
    return;
  }
  counters.message(index);
  const source = `mqtt:${topic}`;
  const { replyTo, refusal } = replyToOf(packet, options.allowedResponseTopics);

  let parsed;
  try {
    parsed = parsePayload(payload, packet.properties?.contentType, options.maxPayloadBytes);
  } catch (error) {
    releaseWindow(); // before the error's round trip to the broker: see the note on results below
    finish(await reportFailure(ctx, index, { id: newJobId(), source, replyTo }, error));
    return;
  }
  if (refusal !== undefined) {
    // Not processed: the result could not be delivered where the requester asked.
    releaseWindow();
    finish(await reportFailure(ctx, index, { id: parsed.id ?? newJobId(), source, replyTo }, refusal));
    return;
  }
  const key = DuplicateFilter.keyOf(parsed.id, topic, payload);
  const first = ctx.duplicates.find(key);
  if (first !== undefined) {
    counters.duplicate(index);
    ctx.logger.info({ topic, id: first.jobId }, 'mqtt: duplicate delivery; not processed again');
    releaseWindow(); // nothing to work on: it waits for the first delivery's ack, a broker round trip
    finish(await first.settled);
    return;
  }

  const id = parsed.id ?? newJobId();
  let settle: (ack: boolean) => void = () => {};
  const settled = new Promise<boolean>((resolve) => (settle = resolve));
  ctx.duplicates.remember(key, { jobId: id, settled });
  const task = parsed.task ?? sub.task ?? taskFromTopic(topic, options.topicPrefix);
  const jobOptions = sub.options === undefined && parsed.options === undefined ? undefined : { ...sub.options, ...parsed.options };
  const mode = packet.qos === 0 ? 'async' : sub.mode;
  // async acks before the result, so the job must survive a crash on our side (the journal); sync
  // acks after it, and the broker redelivers an unacknowledged message instead.
  const job = { id, task, input: parsed.input, options: jobOptions, source, name: 'mqtt' };
  const intake = await submitWhenRoom(ctx.engine, job, ctx.stopping, { durable: mode === 'async' });
  if (intake === undefined) {
    // Stopping while the engine was full: leave the message with the broker.
    settle(false);
    finish(false);
    return;
  }
  if (mode === 'async') finish(true);

  let ack = false;
  const result = await intake.done.catch(async (error: unknown) => {
    releaseWindow();
    ack = await reportFailure(ctx, index, { id, source, replyTo }, error);
    return undefined;
  });
  if (result !== undefined) {
    const published = ctx.publisher.publishResult(result, replyTo);
    // The window bounds work in progress, not replies waiting for the broker's ack (the input's ack
    // still waits for it). Holding the place until then deadlocked the embedded broker: Aedes stops
    // every delivery while one client's socket is full (our job connection, paused by a full window),
    // so it never acked the replies that would have freed the window, until its 60 s drain timeout.
    // Errors and duplicates give their place back before their round trips for the same reason.
    releaseWindow();
    ack = await published.then(() => true, (error: unknown) => reportReplyFailure(ctx, { id, source, replyTo }, error));
  }
  settle(ack);
  finish(ack);
}
