/**
 * The live snapshot (`GET /v1/live`, each event of `GET /v1/events`) for
 * /openapi.json. The contract itself is the LiveSnapshot type, which the
 * browser code compiles against; the check at the end makes the build
 * fail if this schema and that type part ways.
 */
import { z } from '@hono/zod-openapi';
import type { LiveSnapshot } from '../../../metrics/live-types.ts';

const sourceKind = z.enum(['http', 'mqtt', 'cli', 'queue']);
const p50p99 = z.object({ p50: z.number(), p99: z.number() });

export const liveSnapshotSchema = z
  .object({
    at: z.string(),
    uptimeSeconds: z.number(),
    mode: z.enum(['pool', 'queue']),
    totals: z.object({ submitted: z.number(), done: z.number(), failed: z.number(), bytes: z.number() }),
    queue: z.object({ queued: z.number(), running: z.number() }),
    throughput: z.object({ windowSeconds: z.number(), jobsPerSecond: z.number(), bytesPerSecond: z.number() }),
    pool: z.object({ threads: z.number(), utilization: z.number(), runTimeMs: p50p99, waitTimeMs: p50p99 }),
    threads: z.array(z.object({ id: z.number().nullable(), busy: z.number() })),
    busyWindowSeconds: z.number(),
    history: z.array(z.object({ t: z.number(), jobsPerSecond: z.number(), bytesPerSecond: z.number(), queued: z.number(), running: z.number() })),
    recentJobs: z.array(z.object({
      id: z.string(), task: z.string(), source: sourceKind, status: z.enum(['running', 'done', 'failed']),
      bytes: z.number().nullable(), durationMs: z.number().nullable(), at: z.string(),
    })),
    recentErrors: z.array(z.object({ id: z.string(), task: z.string(), source: sourceKind, code: z.string(), message: z.string(), at: z.string() })),
    mqtt: z
      .object({
        connected: z.boolean(),
        broker: z.string(),
        inFlight: z.number(),
        reconnects: z.number(),
        lastError: z.string().nullable(),
        subscriptions: z.array(z.object({ topic: z.string(), messages: z.number(), errors: z.number(), lastMessageAt: z.string().nullable() })),
      })
      .nullable(),
  })
  .strict()
  .openapi('LiveSnapshot');

type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// A field added on either side without the other fails the type check.
void (true satisfies SameType<LiveSnapshot, z.infer<typeof liveSnapshotSchema>>);
