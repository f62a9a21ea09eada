/**
 * zod fields that every option schema shares: values arrive as flag or env
 * strings or as numbers, and a bad one gets a message that says what was
 * expected (parseOrThrow adds the option name and the value given).
 */
import { z } from 'zod';
import { parseByteSize } from './config.ts';

/** A whole number in `[min, max]`, from a number or a digits-only string. */
export const wholeNumber = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error: `expected a whole number from ${min} to ${max}` }).int().min(min).max(max),
  );

/** A byte count: `16MiB`, `512KiB`, `1048576`. */
export const byteSize = (min = 1) =>
  z.union([z.number(), z.string()]).transform((value, ctx) => {
    const bytes = typeof value === 'number' ? value : parseByteSize(value);
    if (bytes === undefined || !Number.isSafeInteger(bytes) || bytes < min) {
      ctx.addIssue({ code: 'custom', message: `expected a size of at least ${min} bytes, like 16MiB, 512KiB or 1048576` });
      return z.NEVER;
    }
    return bytes;
  });

const DURATION_UNITS: Readonly<Record<string, number>> = { '': 1, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30s`, `5m`, `1h`, `1500` (ms) → milliseconds in `[min, max]`. */
export const duration = (min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z.union([z.number(), z.string()]).transform((value, ctx) => {
    const match = typeof value === 'number' ? null : /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(value);
    const ms = typeof value === 'number' ? value : match ? Number(match[1]) * DURATION_UNITS[(match[2] ?? '').toLowerCase()]! : NaN;
    if (!Number.isFinite(ms) || ms < min || ms > max) {
      ctx.addIssue({ code: 'custom', message: `expected a duration from ${min} ms to ${max} ms, like 30s, 5m, 1h or 1500 (ms)` });
      return z.NEVER;
    }
    return Math.round(ms);
  });
