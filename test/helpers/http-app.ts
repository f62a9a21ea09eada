/**
 * The HTTP app in process, no socket: `createHttpApp` over a real engine
 * (one thread, no output folder), job index, idempotency table and
 * throughput counter wired as `startService` wires them, called through Hono's
 * `app.request()`. `engine` lets a test replace single methods of the real
 * engine where a real one cannot be put in the state under test (a full queue).
 */
import { afterEach, beforeEach } from 'vitest';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { createEngine } from '../../src/create-engine.ts';
import type { WordmillEngine } from '../../src/create-engine.ts';
import type { Engine } from '../../src/engine.ts';
import { createHttpApp } from '../../src/input/http/app.ts';
import type { HttpContext } from '../../src/input/http/context.ts';
import { IdempotencyTable } from '../../src/input/http/idempotency.ts';
import { JobIndex } from '../../src/jobs/job-index.ts';
import { createMonitoring } from '../../src/metrics/monitoring.ts';
import type { Monitoring } from '../../src/metrics/monitoring.ts';
import { RecentThroughput } from '../../src/metrics/recent-throughput.ts';
import type { Answer } from './http-service.ts';

export interface AppOptions {
  token?: string | null;
  bodyLimit?: number;
  monitoring?: boolean;
  /** Replaces methods of the real engine (it stays the one the index, throughput and monitoring follow). */
  engine?: (real: WordmillEngine) => Partial<WordmillEngine>;
  results?: HttpContext['results'];
}

export interface TestApp {
  app: OpenAPIHono;
  engine: Engine;
  /** The job-status index. */
  store: JobIndex;
  idempotency: IdempotencyTable;
  throughput: RecentThroughput;
  monitoring: Monitoring | undefined;
  /** Unexpected errors the app handed to onInternalError. */
  internalErrors: unknown[];
  /** Set to false to act as a service that has begun shutting down. */
  accepting: boolean;
  call<T = Record<string, unknown>>(path: string, init?: RequestInit): Promise<Answer<T>>;
  close(): Promise<void>;
}

export function createTestApp(options: AppOptions = {}): TestApp {
  const real = createEngine({ threads: 1, outDir: null });
  const engine: WordmillEngine = { ...real, ...options.engine?.(real) };
  const store = new JobIndex({ maxRecords: 100, ttlMs: 60_000 });
  const idempotency = new IdempotencyTable(store);
  const throughput = new RecentThroughput();
  const stopIndex = store.attach(real.events);
  const stopThroughput = throughput.attach(real.events);
  const monitoring = options.monitoring === false ? undefined : createMonitoring({ engine, processMetrics: false });
  const internalErrors: unknown[] = [];
  const harness: TestApp = {
    app: undefined as unknown as OpenAPIHono,
    engine,
    store,
    idempotency,
    throughput,
    monitoring,
    internalErrors,
    accepting: true,
    async call<T>(path: string, init?: RequestInit): Promise<Answer<T>> {
      const response = await harness.app.request(path, init);
      const contentType = response.headers.get('content-type') ?? '';
      const text = await response.text();
      const body = (contentType.includes('json') ? JSON.parse(text) : text) as T;
      return { status: response.status, headers: response.headers, contentType, body };
    },
    async close() {
      monitoring?.close();
      stopIndex();
      stopThroughput();
      store.close();
      await real.close({ cancel: true });
    },
  };
  const ctx: HttpContext = {
    engine, store, idempotency, throughput, queueStatus: () => engine.queueStatus(),
    isAccepting: () => harness.accepting, startedAt: Date.now(),
    bodyLimit: options.bodyLimit ?? 1024, waitTimeoutMs: 10_000,
    ...(options.results === undefined ? {} : { results: options.results }),
  };
  harness.app = createHttpApp(ctx, {
    token: options.token ?? null,
    onInternalError: (error) => internalErrors.push(error),
    ...(monitoring === undefined ? {} : { monitoring }),
  });
  return harness;
}

/** A fresh app for every test of the calling `describe`, closed after it. */
export function appForEach(options: AppOptions = {}): () => TestApp {
  let current: TestApp | undefined;
  beforeEach(() => {
    current = createTestApp(options);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (current === undefined) throw new Error('the app is created in beforeEach: use it inside a test');
    return current;
  };
}

export const problemOf = (answer: Answer): { status: number; code: unknown; type: string; detail: string } => ({
  status: answer.status, code: answer.body['code'], type: answer.contentType, detail: String(answer.body['detail']),
});
