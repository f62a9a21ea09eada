/**
 * Durations as people write them (`30s`, `5m`, `1h`, `7d`, `1500` = ms): the
 * one parser, and the one zod field every option schema that takes a
 * duration uses (serve, worker, monitor, `jobs clean`).
 */
import { z } from 'zod';

const DURATION_UNITS: Readonly<Record<string, number>> = { '': 1, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `"5m"` → 300000 (ms); undefined when it is not a duration. */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(text);
  if (!match) return undefined;
  return Math.round(Number(match[1]) * DURATION_UNITS[(match[2] ?? '').toLowerCase()]!);
}

/**
 * Milliseconds in `[min, max]` from a number (ms) or a duration text.
 * `message` replaces the default hint where a command words its range its own way.
 */
export const duration = (min = 0, max = Number.MAX_SAFE_INTEGER, message?: string) =>
  z.union([z.number(), z.string()]).transform((value, ctx) => {
    const ms = typeof value === 'number' ? value : parseDuration(value);
    if (ms === undefined || !Number.isFinite(ms) || ms < min || ms > max) {
      ctx.addIssue({ code: 'custom', message: message ?? `expected a duration from ${min} ms to ${max} ms, like 30s, 5m, 1h or 1500 (ms)` });
      return z.NEVER;
    }
    return Math.round(ms);
  });
