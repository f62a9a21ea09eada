/**
 * What a failed MQTT job becomes: a permanent failure is published on the
 * errors topic (and the request's response topic) and acknowledged, so a
 * poison message cannot loop; a failure that says nothing about the message
 * (shutdown) leaves it unacknowledged for redelivery.
 * A reply that cannot be delivered (refused by the broker, or lost with the
 * reply connection twice) is counted, logged, reported on the errors topic
 * and acknowledged too: an unacknowledged message holds one of the broker's
 * receive-maximum places until wordmill reconnects, and enough of them stop
 * all input while wordmill looks idle.
 */
import type { Logger } from 'pino';
import { ReplyFailedError, toWordmillError } from '../../errors.ts';
import type { ErrorCode } from '../../errors.ts';
import type { MqttReplyPublisher } from './reply-publisher.ts';
import type { ReplyTo } from './response-topic.ts';
import type { SubscriptionCounters } from './stats.ts';

/** The part of the message handler's context a failure report uses. */
export interface FailureContext {
  publisher: MqttReplyPublisher;
  counters: SubscriptionCounters;
  logger: Logger;
  /** Aborted by stop(): the broker redelivers what is left. */
  stopping: AbortSignal;
}

/** Failures that say nothing about the message: leave it unacknowledged for redelivery. */
const REDELIVER: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['E_ENGINE_CLOSED', 'E_QUEUE_FULL']);

interface FailedJob {
  id: string;
  source: string;
  replyTo: ReplyTo | undefined;
}

/** Publishes a permanent failure and says whether the message may be acknowledged. */
export async function reportFailure(ctx: FailureContext, index: number, job: FailedJob, error: unknown): Promise<boolean> {
  const failure = toWordmillError(error);
  if (REDELIVER.has(failure.code)) {
    ctx.logger.warn({ id: job.id, code: failure.code }, 'mqtt: not acknowledged; the broker will redeliver');
    return false;
  }
  ctx.counters.error(index);
  ctx.logger.warn({ id: job.id, source: job.source, code: failure.code, msg: failure.message }, 'mqtt: job failed');
  try {
    await ctx.publisher.publishError({ id: job.id, code: failure.code, message: failure.message, source: job.source }, job.replyTo);
    return true;
  } catch (publishError) {
    return reportReplyFailure(ctx, job, publishError);
  }
}

/**
 * A reply (result or error) was not delivered: count it, log it, say so on the
 * errors topic, and say whether the message may be acknowledged (yes, unless
 * the failure is not a reply failure at all).
 */
export async function reportReplyFailure(ctx: FailureContext, job: FailedJob, error: unknown): Promise<boolean> {
  // Stopping (or halted): the broker redelivers to the next run, which can try again.
  if (!(error instanceof ReplyFailedError) || ctx.stopping.aborted) {
    ctx.logger.warn({ err: error, id: job.id }, 'mqtt: could not publish the reply; leaving the message for redelivery');
    return false;
  }
  ctx.counters.replyFailures++;
  ctx.logger.warn({ id: job.id, source: job.source, code: error.code, reasonCode: error.reasonCode, msg: error.message }, 'mqtt: reply not delivered; acknowledging the message anyway');
  const report = { id: job.id, code: error.code, message: error.message, source: job.source };
  try {
    // Only the errors topic: the response topic may be what failed.
    await ctx.publisher.publishError(report, job.replyTo === undefined ? undefined : { ...job.replyTo, responseTopic: undefined });
  } catch (reportError) {
    ctx.logger.warn({ err: reportError, id: job.id }, 'mqtt: could not report the undelivered reply on the errors topic either');
  }
  return true;
}
