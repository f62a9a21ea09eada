import { setTimeout as sleep } from 'node:timers/promises';
import { toWordmillError } from '../errors.ts';

/**
 * Runs `attempt` until it succeeds, fails with a non-retryable error, or has
 * been retried `retries` times. Backoff doubles from `baseDelayMs`.
 */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  options: { retries: number; signal?: AbortSignal; baseDelayMs?: number; onRetry?: (error: Error, n: number) => void },
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      const failure = toWordmillError(error);
      if (!failure.retryable || n >= options.retries || options.signal?.aborted) throw failure;
      options.onRetry?.(failure, n + 1);
      await sleep((options.baseDelayMs ?? 50) * 2 ** n, undefined, { signal: options.signal }).catch(() => {});
    }
  }
}
