/**
 * `wordmill serve` options: frozen defaults and one zod schema that accepts
 * flag/env strings or numbers and names the option and the bad value when
 * something is wrong.
 */
import { z } from 'zod';
import { parseByteSize, parseOrThrow } from '../config.ts';
import { queueNameSchema, redisUrlSchema } from '../queue/options.ts';

export const SERVE_DEFAULTS = Object.freeze({
  host: '127.0.0.1',
  port: 8080,
  out: 'output',
  bodyLimit: 16 * 1024 * 1024,
  keepJobs: 10_000,
  keepForMs: 60 * 60_000,
  shutdownTimeoutMs: 30_000,
  waitTimeoutMs: 60_000,
  mqtt: 'auto',
  mqttPort: 1883,
});

const int = (min: number, max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
    z.number({ error: `expected a whole number from ${min} to ${max}` }).int().min(min).max(max),
  );

const size = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const bytes = typeof value === 'number' ? value : parseByteSize(value);
  if (bytes === undefined || !Number.isSafeInteger(bytes) || bytes < 1) {
    ctx.addIssue({ code: 'custom', message: 'expected a size like 16MiB, 512KiB or 1048576' });
    return z.NEVER;
  }
  return bytes;
});

const DURATION_UNITS: Readonly<Record<string, number>> = { '': 1, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

const duration = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const match = typeof value === 'number' ? null : /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(value);
  const ms = typeof value === 'number' ? value : match ? Number(match[1]) * DURATION_UNITS[(match[2] ?? '').toLowerCase()]! : NaN;
  if (!Number.isFinite(ms) || ms < 0) {
    ctx.addIssue({ code: 'custom', message: 'expected a duration like 30s, 5m, 1h or 1500 (ms)' });
    return z.NEVER;
  }
  return Math.round(ms);
});

export const serveOptionsSchema = z
  .object({
    host: z.string().trim().min(1).default(SERVE_DEFAULTS.host),
    port: int(0, 65_535).default(SERVE_DEFAULTS.port),
    threads: int(1, 1024).optional(),
    /** Output folder for result files; `none` keeps results in the job store only. */
    out: z.string().min(1).default(SERVE_DEFAULTS.out),
    token: z.string().min(1, 'must not be empty (leave it out to disable auth)').optional(),
    maxQueue: int(0, 1_000_000).optional(),
    concurrency: int(1, 100_000).optional(),
    bodyLimit: size.default(SERVE_DEFAULTS.bodyLimit),
    keepJobs: int(1, 10_000_000).default(SERVE_DEFAULTS.keepJobs),
    keepFor: duration.default(SERVE_DEFAULTS.keepForMs),
    shutdownTimeout: duration.default(SERVE_DEFAULTS.shutdownTimeoutMs),
    waitTimeout: duration.pipe(z.number().min(1).max(600_000)).default(SERVE_DEFAULTS.waitTimeoutMs),
    /** Queue mode: jobs go to `wordmill worker` processes through this Redis queue. */
    queue: redisUrlSchema.optional(),
    queueName: queueNameSchema.optional(),
    maxRetries: int(0, 100).optional(),
    /** `auto` (a broker answering on 127.0.0.1:<mqttPort>, else an embedded one), `embedded`, `off`, or a broker URL. */
    mqtt: z.string().trim().min(1).default(SERVE_DEFAULTS.mqtt),
    mqttPort: int(0, 65_535).default(SERVE_DEFAULTS.mqttPort),
    /** YAML file with MQTT settings and subscriptions (flags win over it). */
    config: z.string().min(1).optional(),
  })
  .strict();

export type ServeOptionsInput = z.input<typeof serveOptionsSchema>;
export type ServeOptions = z.output<typeof serveOptionsSchema>;

export function resolveServeOptions(input: ServeOptionsInput): ServeOptions {
  return parseOrThrow(serveOptionsSchema, input, 'serve option');
}
