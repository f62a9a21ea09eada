/**
 * What a failed MQTT job becomes: a permanent failure is published on the
 * errors topic (and the request's response topic) and acknowledged, so a
 * poison message cannot loop; a failure that says nothing about the message
 * (shutdown) leaves it unacknowledged for redelivery.
 */
import { toWordmillError } from '../../errors.ts';
import type { ErrorCode } from '../../errors.ts';
import type { ReplyTo } from '../../sinks/mqtt-publisher.ts';
import type { HandlerContext } from './message-handler.ts';

/** Failures that say nothing about the message: leave it unacknowledged for redelivery. */
const REDELIVER: ReadonlySet<ErrorCode> = new Set<ErrorCode>(['E_ENGINE_CLOSED', 'E_QUEUE_FULL']);

/** Publishes a permanent failure and says whether the message may be acknowledged. */
export async function reportFailure(
  ctx: HandlerContext,
  index: number,
  job: { id: string; source: string; replyTo: ReplyTo | undefined },
  error: unknown,
): Promise<boolean> {
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
    ctx.logger.warn({ err: publishError, id: job.id }, 'mqtt: could not publish the failure; leaving the message for redelivery');
    return false;
  }
}
