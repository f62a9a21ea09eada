/**
 * `wordmill serve` options: the defaults (defaults.ts) and one zod schema that accepts
 * flag/env strings or numbers and names the option and the bad value when
 * something is wrong.
 */
import { z } from 'zod';
import { parseOrThrow } from '../validation.ts';
import { wholeNumber as int } from '../option-fields.ts';
import { byteSize } from '../units/byte-size.ts';
import { duration as durationField } from '../units/duration.ts';
import { mqttClientIdSchema } from '../input/mqtt/options.ts';
import { queueNameSchema, redisUrlSchema } from '../queue/options.ts';
import { SERVE_DEFAULTS } from './defaults.ts';

export { SERVE_DEFAULTS };

const size = byteSize();
const duration = durationField();

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
    /** Raw uploads past the body limit and up to this are counted as they arrive; at or below `bodyLimit`, none are. */
    streamLimit: size.default(SERVE_DEFAULTS.streamLimit),
    maxConnections: int(1, 1_000_000).default(SERVE_DEFAULTS.maxConnections),
    keepJobs: int(1, 10_000_000).default(SERVE_DEFAULTS.keepJobs),
    keepFor: duration.default(SERVE_DEFAULTS.keepForMs),
    shutdownTimeout: duration.default(SERVE_DEFAULTS.shutdownTimeoutMs),
    waitTimeout: duration.pipe(z.number().min(1).max(600_000)).default(SERVE_DEFAULTS.waitTimeoutMs),
    /** Queue mode: jobs go to `wordmill worker` processes through this Redis queue. */
    queue: redisUrlSchema.optional(),
    queueName: queueNameSchema.optional(),
    maxRetries: int(0, 100).optional(),
    /**
     * `auto` (a broker answering on 127.0.0.1:<mqttPort>, else an embedded one), `embedded`, `off`, or a broker URL.
     * The MQTT settings have no defaults here: unset, the config file's value applies, else the MQTT input's default.
     */
    mqtt: z.string().trim().min(1).optional(),
    mqttPort: int(0, 65_535).optional(),
    mqttClientId: mqttClientIdSchema.optional(),
    /** YAML file with MQTT settings and subscriptions (flags win over it). */
    config: z.string().min(1).optional(),
  })
  .strict();

export type ServeOptionsInput = z.input<typeof serveOptionsSchema>;
export type ServeOptions = z.output<typeof serveOptionsSchema>;

export function resolveServeOptions(input: ServeOptionsInput): ServeOptions {
  return parseOrThrow(serveOptionsSchema, input, 'serve option');
}
