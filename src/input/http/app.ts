/**
 * The HTTP adapter's app: routes on an OpenAPIHono whose registry becomes
 * /openapi.json, one error handler that renders every failure as
 * problem+json, optional bearer auth, and a gate that refuses new work
 * (503) once shutdown has begun while reads keep answering.
 */
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { EngineClosedError, InternalError, NotFoundError, WordmillError } from '../../errors.ts';
import type { Monitoring } from '../../metrics/monitoring.ts';
import { bearerAuth } from './auth.ts';
import { registerApiDocument } from './routes/api-document.ts';
import type { HttpContext } from './context.ts';
import { problemResponse } from './problem.ts';
import { registerDashboardRoutes } from './routes/dashboard.ts';
import { registerDataRoute } from './routes/data.ts';
import { registerJobRoutes } from './routes/jobs.ts';
import { registerLiveRoutes } from './routes/live.ts';
import { registerMetricsRoute } from './routes/metrics.ts';
import { registerOpsRoutes } from './routes/ops.ts';

export interface HttpAppOptions {
  /** Bearer token required on every route but the probes and the API document; null for none. */
  token: string | null;
  /** Called with unexpected (500) errors, for logging. */
  onInternalError?: (error: unknown) => void;
  /** Metrics and live figures: mounts /metrics, /v1/live, /v1/events and the dashboard at /. */
  monitoring?: Monitoring;
}

const SUBMIT_PATHS: ReadonlySet<string> = new Set(['/v1/jobs', '/data']);
/** Clients told to come back after a shutdown began would reach the next instance. */
const CLOSED_RETRY_AFTER_S = 5;

export function createHttpApp(ctx: HttpContext, options: HttpAppOptions): OpenAPIHono {
  const app = new OpenAPIHono();

  app.onError((error, c) => {
    const instance = c.req.path;
    if (error instanceof WordmillError) {
      if (error.code === 'E_QUEUE_FULL') return problemResponse(error, { instance, retryAfterSeconds: retryAfter(ctx) });
      if (error.code === 'E_ENGINE_CLOSED') return problemResponse(error, { instance, retryAfterSeconds: CLOSED_RETRY_AFTER_S });
      return problemResponse(error, { instance });
    }
    if (error instanceof HTTPException && error.status < 500) {
      return problemResponse(new WordmillError('E_INVALID_REQUEST', error.message), { instance });
    }
    options.onInternalError?.(error);
    return problemResponse(new InternalError(), { instance });
  });
  app.notFound((c) => problemResponse(new NotFoundError(`route ${c.req.method} ${c.req.path}`), { instance: c.req.path }));

  // First, so requests refused by auth or the shutdown gate are counted too.
  if (options.monitoring) app.use('*', options.monitoring.httpMiddleware);
  if (options.token !== null) app.use('*', bearerAuth(options.token));
  app.use('*', async (c, next) => {
    if (c.req.method === 'POST' && SUBMIT_PATHS.has(c.req.path) && !ctx.isAccepting()) throw new EngineClosedError();
    return next();
  });

  registerJobRoutes(app, ctx);
  registerDataRoute(app, ctx);
  registerOpsRoutes(app, ctx);
  if (options.monitoring) {
    registerMetricsRoute(app, options.monitoring);
    registerLiveRoutes(app, options.monitoring);
    registerDashboardRoutes(app);
  }
  registerApiDocument(app);
  return app;
}

/** Seconds until the queue has likely drained enough: queued jobs × mean run time ÷ threads, 1–60 s. */
function retryAfter(ctx: HttpContext): number {
  const { queued, pool } = ctx.engine.stats();
  const seconds = (queued * (pool.runTimeMs.mean || 100)) / Math.max(1, pool.threads) / 1000;
  return Math.min(60, Math.max(1, Math.ceil(seconds)));
}
