/**
 * How an option is written as text (a CLI flag, an environment variable, a
 * query parameter), read off its zod field: a number field takes digits and
 * keeps its bounds; a field that accepts a boolean takes `true`/`false` (and,
 * as a flag, may be given bare); anything else is text the field checks itself.
 */
import { z } from 'zod';

export type TextForm =
  | { kind: 'number'; min: number; max: number }
  | { kind: 'switch' }
  | { kind: 'text' };

export function textForm(field: z.ZodType): TextForm {
  if (field instanceof z.ZodNumber) {
    return { kind: 'number', min: field.minValue ?? 0, max: field.maxValue ?? Number.MAX_SAFE_INTEGER };
  }
  if (field instanceof z.ZodBoolean) return { kind: 'switch' };
  if (field instanceof z.ZodUnion && (field.options as z.ZodType[]).some((o) => textForm(o).kind === 'switch')) return { kind: 'switch' };
  return { kind: 'text' };
}

/** `true`/`false` as booleans for a switch; any other text stays text for the field to judge. */
export function switchValue(value: unknown): unknown {
  return value === 'true' ? true : value === 'false' ? false : value;
}
