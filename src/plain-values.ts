/**
 * Hand checks for the intake fast paths (dispatch/job.ts, queue/payload.ts,
 * input/mqtt/payload.ts): a value those paths take as it is must be exactly
 * what the schema would accept, and anything else goes to the schema.
 */

/** A string of `min` to `max` UTF-16 units, as zod's `.min()` / `.max()` count them. */
export function isText(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

/** An object literal (or JSON object): what `z.object` / `z.record` take, not an array, class instance or null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
