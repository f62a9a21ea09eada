/**
 * Queue tests run against the real Redis on 127.0.0.1:6379 (or WORDMILL_TEST_REDIS).
 * Without it they are skipped with a one-line reason, except under CI=true,
 * where a missing Redis is a failure, never a silent skip.
 */
import { Redis } from 'ioredis';
import { describe } from 'vitest';

export const REDIS_URL = process.env.WORDMILL_TEST_REDIS ?? 'redis://127.0.0.1:6379';

async function probe(): Promise<string | undefined> {
  const client = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 1000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  let first: Error | undefined;
  client.on('error', (error: Error) => (first ??= error));
  try {
    await client.connect();
    await client.ping();
    return undefined;
  } catch (error) {
    return `Redis is not reachable at ${REDIS_URL} (${(first ?? (error as Error)).message})`;
  } finally {
    client.disconnect();
  }
}

const unavailable = await probe();
const onCi = process.env.CI === 'true';
if (unavailable !== undefined && !onCi) console.warn(`skipping queue tests: ${unavailable}; start redis-server or set WORDMILL_TEST_REDIS`);

/** `describe` for queue tests: runs with Redis, skips without it, fails without it on CI. */
export function describeWithRedis(name: string, body: () => void): void {
  if (unavailable !== undefined && onCi) {
    describe(name, () => {
      throw new Error(`CI=true but ${unavailable}`);
    });
    return;
  }
  describe.skipIf(unavailable !== undefined)(name, body);
}
