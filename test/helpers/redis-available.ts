/**
 * Queue tests run against the real Redis on 127.0.0.1:6379 (or WORDMILL_TEST_REDIS).
 * Without it they are skipped with a one-line reason, except under CI=true,
 * where a missing Redis is a failure, never a silent skip.
 */
import { describe } from 'vitest';
import { unreachableReason } from '../../src/queue/connection.ts';

export const REDIS_URL = process.env.WORDMILL_TEST_REDIS ?? 'redis://127.0.0.1:6379';

const unavailable = await unreachableReason(REDIS_URL, 1000);
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
