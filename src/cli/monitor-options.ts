/** `wordmill monitor` options: frozen defaults, one zod schema, messages that name the flag and the bad value. */
import { z } from 'zod';
import { parseOrThrow } from '../validation.ts';
import { duration } from '../units/duration.ts';

export const MONITOR_DEFAULTS = Object.freeze({ url: 'http://127.0.0.1:8080', intervalMs: 1000 });

const interval = duration(250, 3_600_000, 'expected a duration from 250ms to 60m, like 1s, 500ms or 2m');

export const monitorOptionsSchema = z
  .object({
    url: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL of `wordmill serve`' }).default(MONITOR_DEFAULTS.url)
      .transform((url) => url.replace(/\/+$/, '')),
    interval: interval.default(MONITOR_DEFAULTS.intervalMs),
    json: z.boolean().default(false),
    token: z.string().min(1, 'must not be empty').optional(),
    /** Stop after this many updates (scripts, tests); unset runs until Ctrl-C. */
    count: z.preprocess((v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v), z.number().int().min(1)).optional(),
  })
  .strict();

export type MonitorOptionsInput = z.input<typeof monitorOptionsSchema>;
export type MonitorOptions = z.output<typeof monitorOptionsSchema>;

export function resolveMonitorOptions(input: MonitorOptionsInput): MonitorOptions {
  return parseOrThrow(monitorOptionsSchema, input, 'monitor option');
}
