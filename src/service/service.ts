/**
 * The long-running service: one engine (one thread pool) shared by every
 * adapter, a job store fed by its events, and the HTTP adapter. Shutdown runs
 * in a fixed order: adapters stop taking work (503) → admitted jobs finish,
 * or are cancelled at the deadline → pool closes and sinks flush → sockets close.
 */
import { pino } from 'pino';
import type { Logger } from 'pino';
import { createEngine } from '../engine.ts';
import type { CreateEngineOptions, Engine } from '../engine.ts';
import { createHttpApp } from '../input/http/app.ts';
import { startHttpServer } from '../input/http/server.ts';
import type { RunningHttpServer } from '../input/http/server.ts';
import { loadMqttConfigFile, mergeMqttOptions, startMqttInput } from '../input/mqtt/index.ts';
import type { MqttInput } from '../input/mqtt/index.ts';
import { createMonitoring } from '../metrics/monitoring.ts';
import type { Monitoring } from '../metrics/monitoring.ts';
import { JobStore } from '../sinks/job-store.ts';
import { resolveServeOptions } from './options.ts';
import type { ServeOptions, ServeOptionsInput } from './options.ts';

export interface ShutdownReport {
  /** Jobs still queued or running when shutdown began. */
  inFlight: number;
  /** Of those, the ones cancelled at the deadline. */
  cancelled: number;
}

export interface Service {
  readonly options: ServeOptions;
  readonly engine: Engine;
  readonly store: JobStore;
  readonly http: RunningHttpServer;
  /** The MQTT input, or null with `--mqtt off`. */
  readonly mqtt: MqttInput | null;
  /** Prometheus registry (GET /metrics) and live figures (dashboard, SSE, `wordmill monitor`). */
  readonly monitoring: Monitoring;
  /** Idempotent: every call gets the same report. */
  shutdown(): Promise<ShutdownReport>;
}

/** `engine` adds engine options the command line does not expose (tests use it for tiny queues). */
export async function startService(
  input: ServeOptionsInput,
  extras: { log?: Logger; engine?: CreateEngineOptions } = {},
): Promise<Service> {
  const options = resolveServeOptions(input);
  const log = extras.log ?? pino({ level: 'silent' });
  const engine = createEngine({
    ...(options.threads === undefined ? {} : { threads: options.threads }),
    ...(options.maxQueue === undefined ? {} : { maxQueue: options.maxQueue }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    outDir: options.out === 'none' ? null : options.out,
    ...(options.queue === undefined ? {} : { queue: {
      url: options.queue,
      ...(options.queueName === undefined ? {} : { name: options.queueName }),
      ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
    } }),
    ...extras.engine,
  });
  try {
    await engine.ready(); // queue mode: refuse to start without Redis rather than fail every job
  } catch (error) {
    await engine.close();
    throw error;
  }
  const store = new JobStore({ maxRecords: options.keepJobs, ttlMs: options.keepFor });
  const detach = store.attach(engine.events);
  const startedAt = Date.now();
  let mqtt: MqttInput | null = null;
  // Before MQTT starts: messages left in a persistent session may arrive at once and must be counted.
  const monitoring = createMonitoring({
    engine, startedAt, ...(options.mqtt === 'off' ? {} : { mqttStats: () => mqtt?.stats() }),
  });
  try {
    const fromFile = options.config === undefined ? {} : await loadMqttConfigFile(options.config);
    const flags = options.mqtt === 'auto' && fromFile.broker !== undefined ? {} : { broker: options.mqtt };
    mqtt = await startMqttInput(engine, mergeMqttOptions(fromFile, { ...flags, port: options.mqttPort }), { logger: log });
  } catch (error) {
    monitoring.close();
    detach();
    store.close();
    await engine.close({ cancel: true });
    throw error;
  }
  let accepting = true;
  const app = createHttpApp(
    {
      engine, store, isAccepting: () => accepting, startedAt, bodyLimit: options.bodyLimit, waitTimeoutMs: options.waitTimeout,
      ...(mqtt === null ? {} : { mqttStats: () => mqtt.stats() }),
    },
    { token: options.token ?? null, monitoring, onInternalError: (error) => log.error({ err: error }, 'unexpected error in an HTTP handler') },
  );
  let http: RunningHttpServer;
  try {
    http = await startHttpServer(app, { host: options.host, port: options.port, maxConnections: options.maxConnections });
  } catch (error) {
    await mqtt?.stop({ timeoutMs: 1000 });
    monitoring.close();
    detach();
    store.close();
    await engine.close({ cancel: true });
    throw error;
  }

  let stopping: Promise<ShutdownReport> | undefined;
  async function stop(): Promise<ShutdownReport> {
    accepting = false;
    const active = store.activeIds();
    log.info({ inFlight: active.length, deadlineMs: options.shutdownTimeout }, 'shutting down: no new jobs, finishing the admitted ones');
    // Adapters stop first: MQTT takes no more messages and settles the acks of those it took.
    await mqtt?.stop({ timeoutMs: options.shutdownTimeout });
    const closed = engine.close();
    let cancelled = 0;
    const deadline = new Promise<'late'>((resolve) => setTimeout(resolve, options.shutdownTimeout, 'late').unref());
    if ((await Promise.race([closed.then(() => 'closed' as const), deadline])) === 'late') {
      for (const id of store.activeIds()) if (engine.cancel(id)) cancelled++;
      log.warn({ cancelled }, 'shutdown deadline reached: cancelled the jobs still in flight');
      await closed;
    }
    // Live streams (dashboards, monitors) end here, so the HTTP server need not wait them out.
    monitoring.close();
    await http.close();
    detach();
    store.close();
    log.info({ inFlight: active.length, cancelled }, 'shutdown complete');
    return { inFlight: active.length, cancelled };
  }

  return {
    options,
    engine,
    store,
    http,
    mqtt,
    monitoring,
    shutdown: () => (stopping ??= stop()),
  };
}
