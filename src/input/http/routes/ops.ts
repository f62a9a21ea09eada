/** Operations routes: liveness, readiness, statistics. */
import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { EngineClosedError, OutputUnavailableError } from '../../../errors.ts';
import type { HttpContext } from '../context.ts';
import { outputCheck } from '../output-check.ts';
import { healthSchema, problems, statsSchema } from '../schemas/responses.ts';
import { BEARER, json, OPEN } from './route-helpers.ts';

const healthRoute = createRoute({
  method: 'get', path: '/healthz', operationId: 'health', summary: 'Liveness: the process answers', security: OPEN,
  responses: { 200: json(healthSchema, 'Alive') },
});
const readyRoute = createRoute({
  method: 'get', path: '/readyz', operationId: 'ready', summary: 'Readiness: new jobs are accepted (503 while shutting down or when the output folder is not writable)', security: OPEN,
  responses: { 200: json(healthSchema, 'Ready'), ...problems('E_ENGINE_CLOSED', 'E_OUTPUT_UNAVAILABLE') },
});
const statsRoute = createRoute({
  method: 'get', path: '/v1/stats', operationId: 'stats', summary: 'Engine, pool and throughput statistics', security: BEARER,
  responses: { 200: json(statsSchema, 'Statistics'), ...problems('E_UNAUTHORIZED') },
});

export function registerOpsRoutes(app: OpenAPIHono, ctx: HttpContext): void {
  // Only where this process writes the results: in queue mode the workers do.
  const outDir = ctx.engine.mode === 'pool' ? ctx.engine.options.outDir : null;
  const outputUsable = outDir === null ? undefined : outputCheck(outDir);
  app.openapi(healthRoute, (c) => c.json({ status: 'ok' }, 200));
  app.openapi(readyRoute, async (c) => {
    if (!ctx.isAccepting()) throw new EngineClosedError();
    const unusable = await outputUsable?.();
    if (outDir !== null && unusable !== undefined) throw new OutputUnavailableError(outDir, unusable);
    return c.json({ status: 'ready' }, 200);
  });
  app.openapi(statsRoute, async (c) => {
    const stats = ctx.engine.stats();
    // Queue mode: the cluster's figures (as `wordmill jobs status` / `workers status` show them).
    // Left out when Redis does not answer within a second: stats must not hang with the queue.
    const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 1000).unref());
    const queue = await Promise.race([(ctx.queueStatus?.() ?? Promise.resolve(undefined)).catch(() => undefined), timeout]);
    const now = Date.now();
    const uptimeSeconds = (now - ctx.startedAt) / 1000;
    const recent = ctx.throughput.recentlyDone();
    const window = Math.min(recent.windowMs / 1000, Math.max(uptimeSeconds, 0.001));
    const since = Math.max(uptimeSeconds, 0.001);
    return c.json({
      ...stats,
      uptimeSeconds: round(uptimeSeconds),
      throughput: {
        windowSeconds: round(window),
        recent: { jobsPerSecond: round(recent.jobs / window), bytesPerSecond: round(recent.bytes / window) },
        sinceStart: { jobsPerSecond: round(stats.done / since), bytesPerSecond: round(stats.bytes / since) },
      },
      store: { records: ctx.store.size },
      mode: ctx.engine.mode,
      ...(queue === undefined ? {} : { queue }),
      ...(ctx.mqttStats === undefined ? {} : { mqtt: ctx.mqttStats() }),
    }, 200);
  });
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
