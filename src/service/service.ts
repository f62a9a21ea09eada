/**
 * The long-running service: one engine (one thread pool) shared by every
 * adapter, a job-status index fed by its events, and the HTTP adapter. Shutdown runs
 * in a fixed order: adapters stop taking work (503) → admitted jobs finish,
 * or are cancelled at the deadline → pool closes and sinks flush → sockets close.
 */
import { join } from 'node:path';
import { pino } from 'pino';
import type { Logger } from 'pino';
import { createEngine } from '../create-engine.ts';
import type { CreateEngineOptions, WordmillEngine } from '../create-engine.ts';
import { createHttpApp } from '../input/http/app.ts';
import { IdempotencyTable } from '../input/http/idempotency.ts';
import { startHttpServer } from '../input/http/server.ts';
import type { RunningHttpServer } from '../input/http/server.ts';
import { loadMqttConfigFile, mergeMqttOptions, startMqttInput } from '../input/mqtt/index.ts';
import type { MqttInput } from '../input/mqtt/index.ts';
import { createMonitoring } from '../metrics/monitoring.ts';
import type { Monitoring } from '../metrics/monitoring.ts';
import { RecentThroughput } from '../metrics/recent-throughput.ts';
import { OutputError } from '../errors.ts';
import { Journal } from '../journal/journal.ts';
import { JobIndex } from '../jobs/job-index.ts';
import { ResultFiles } from '../sinks/result-files.ts';
import { recoverJobs } from './recovery.ts';
import { resolveServeOptions } from './options.ts';
import type { ServeOptions, ServeOptionsInput } from './options.ts';

/** The journal's folder inside --out (hidden: it is not a result). */
export const JOURNAL_DIR = '.journal';
/** The names the service gives its jobs' result files (`http_<id>.json`, `mqtt_<id>.json`). */
const RESULT_NAMES = ['http', 'mqtt'] as const;

export interface ShutdownReport {
  /** Jobs still queued or running when shutdown began. */
  inFlight: number;
  /** Of those, the ones cancelled at the deadline. */
  cancelled: number;
}

export interface Service {
  readonly options: ServeOptions;
  readonly engine: WordmillEngine;
  /** The job-status index. */
  readonly store: JobIndex;
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
  const outDir = options.out === 'none' ? null : options.out;
  // The journal makes a 202 durable; without a folder there is nowhere to keep it, and in queue
  // mode Redis (BullMQ) already keeps accepted jobs.
  const opened = outDir !== null && options.queue === undefined ? await openJournal(join(outDir, JOURNAL_DIR)) : undefined;
  const journal = opened?.journal;
  const engine = createEngine({
    ...(options.threads === undefined ? {} : { threads: options.threads }),
    ...(options.maxQueue === undefined ? {} : { maxQueue: options.maxQueue }),
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    outDir,
    ...(journal === undefined ? {} : { journal }),
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
    await journal?.close();
    throw error;
  }
  const store = new JobIndex({ maxRecords: options.keepJobs, ttlMs: options.keepFor });
  const idempotency = new IdempotencyTable(store);
  const throughput = new RecentThroughput();
  const stopIndex = store.attach(engine.events);
  const stopThroughput = throughput.attach(engine.events);
  const detach = (): void => {
    stopIndex();
    stopThroughput();
  };
  const stopJournal = journal?.follow(engine.events);
  const results = outDir === null ? undefined : new ResultFiles(outDir, RESULT_NAMES);
  if (opened !== undefined && results !== undefined) {
    const recovered = await recoverJobs(opened.unfinished, { engine, store, idempotency, journal: opened.journal, results, log });
    if (recovered.rerun + recovered.alreadyDone > 0) {
      log.info({ rerun: recovered.rerun, alreadyDone: recovered.alreadyDone }, 'journal: jobs accepted before the last stop run again');
    }
  }
  const startedAt = Date.now();
  let mqtt: MqttInput | null = null;
  // Before MQTT starts: messages left in a persistent session may arrive at once and must be counted.
  const monitoring = createMonitoring({
    engine, startedAt, ...(options.mqtt === 'off' ? {} : { mqttStats: () => mqtt?.stats() }),
  });
  try {
    const fromFile = options.config === undefined ? {} : await loadMqttConfigFile(options.config);
    // Flags (given explicitly: they carry no defaults) win over the file, option by option.
    const flags = { broker: options.mqtt, port: options.mqttPort, clientId: options.mqttClientId };
    // With --token the embedded broker asks MQTT clients for the same secret (as their password).
    const auth = options.token === undefined ? {} : { embeddedPassword: options.token };
    mqtt = await startMqttInput(engine, mergeMqttOptions(fromFile, flags, auth), { logger: log });
  } catch (error) {
    monitoring.close();
    detach();
    store.close();
    await engine.close({ cancel: true });
    await journal?.close();
    throw error;
  }
  let accepting = true;
  const app = createHttpApp(
    {
      engine, store, idempotency, throughput, queueStatus: () => engine.queueStatus(), isAccepting: () => accepting, startedAt, bodyLimit: options.bodyLimit, streamLimit: options.streamLimit, waitTimeoutMs: options.waitTimeout,
      ...(results === undefined ? {} : { results }),
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
    await journal?.close();
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
      // Cancelled by the deadline, not by a client: they stay in the journal and run at the next start.
      stopJournal?.();
      for (const id of store.activeIds()) if (engine.cancel(id)) cancelled++;
      log.warn({ cancelled }, 'shutdown deadline reached: cancelled the jobs still in flight');
      await closed;
    }
    await journal?.close();
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

/** A service that cannot keep its journal cannot promise a 202: it refuses to start, naming the folder. */
async function openJournal(dir: string): ReturnType<typeof Journal.open> {
  try {
    return await Journal.open(dir);
  } catch (error) {
    throw new OutputError(dir, error);
  }
}
