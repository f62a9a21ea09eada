/**
 * Redis connections for BullMQ. BullMQ opens its own ioredis clients from
 * these options; `assertReachable` answers fast with E_QUEUE_UNAVAILABLE
 * instead of letting a command hang while ioredis keeps reconnecting.
 */
import { Redis } from 'ioredis';
import { QueueUnavailableError } from '../errors.ts';

export interface ConnectionOptions {
  url: string;
  /** BullMQ workers require null: blocking commands must not give up. */
  maxRetriesPerRequest: null;
}

export const connectionFor = (url: string): ConnectionOptions => ({ url, maxRetriesPerRequest: null });

/** A plain client for our own keys (heartbeats) and status queries. */
export function createClient(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: true });
}

export async function assertReachable(url: string, timeoutMs = 3000): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // ioredis rejects with a bare "Connection is closed."; the first error event says why (ECONNREFUSED…).
  let first: unknown;
  probe.on('error', (error) => (first ??= error));
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    throw new QueueUnavailableError(redactUrl(url), first ?? error);
  } finally {
    probe.disconnect();
  }
}

/** Why Redis cannot be reached, or undefined when it answers: for callers that skip rather than fail. */
export async function unreachableReason(url: string, timeoutMs = 3000): Promise<string | undefined> {
  try {
    await assertReachable(url, timeoutMs);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Never print a password from a redis:// URL. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}
