/**
 * zod fields that every option schema shares: values arrive as flag or env
 * strings or as numbers, and a bad one gets a message that says what was
 * expected (parseOrThrow adds the option name and the value given).
 * Sizes and durations have their own parsers in src/units/.
 */
import { z } from 'zod';

export { byteSize } from './units/byte-size.ts';
export { duration } from './units/duration.ts';

/** A whole number in `[min, max]`, from a number or a digits-only string. */
export const wholeNumber = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error: `expected a whole number from ${min} to ${max}` }).int().min(min).max(max),
  );
