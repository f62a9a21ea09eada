/**
 * `wordmill serve`: the HTTP service on one shared engine. Every flag has a
 * WORDMILL_* variable; values are validated once (src/service/options.ts).
 * Logs one line with the bound address when ready; SIGINT/SIGTERM shut down
 * gracefully, a second signal exits at once.
 */
import type { Command } from 'commander';
import { ENGINE_DEFAULTS } from '../config.ts';
import type { Logger } from 'pino';
import { InvalidOptionsError } from '../errors.ts';
import { QUEUE_DEFAULTS } from '../queue/options.ts';
import { SERVE_DEFAULTS } from '../service/defaults.ts';
import { MQTT_DEFAULTS } from '../input/mqtt/defaults.ts';
import type { ServeOptionsInput } from '../service/options.ts';
import { exitGracefullyOnSignals } from '../service/signals.ts';
import { maxRetriesOption, queueNameOption, queueUrlOption } from './queue-flags.ts';
import { envOption as opt } from './env-option.ts';
import { withOptionLabels } from './option-names.ts';
import { UsageError } from './usage-error.ts';
import type { QueueTarget } from './worker-hint.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API (POST /v1/jobs, GET /v1/jobs/:id, /v1/stats, /openapi.json)')
    .addOption(opt('--host <host>', 'interface to bind (0.0.0.0 for all)', 'WORDMILL_HOST', SERVE_DEFAULTS.host))
    .addOption(opt('-p, --port <port>', 'TCP port (0 picks a free one)', 'WORDMILL_PORT', String(SERVE_DEFAULTS.port)))
    .addOption(opt('-t, --threads <n>', 'worker threads', 'WORDMILL_THREADS', String(ENGINE_DEFAULTS.threads)))
    .addOption(opt('-o, --out <dir>', 'folder for result files and worker logs ("none": keep results in memory only)', 'WORDMILL_OUT', SERVE_DEFAULTS.out))
    .addOption(opt('--token <token>', 'require "Authorization: Bearer <token>" (prefer the env variable: flags show in ps)', 'WORDMILL_TOKEN'))
    .addOption(opt('--max-queue <n>', 'jobs waiting beyond the running ones before 429', 'WORDMILL_MAX_QUEUE', String(ENGINE_DEFAULTS.maxQueue)))
    .addOption(opt('--body-limit <size>', 'largest request body (413 beyond)', 'WORDMILL_BODY_LIMIT', '16MiB'))
    .addOption(opt('--stream-limit <size>', 'largest raw upload counted as it arrives, past --body-limit (413 beyond)', 'WORDMILL_STREAM_LIMIT', '4GiB'))
    .addOption(opt('--max-connections <n>', 'open HTTP connections at once; more are closed on arrival', 'WORDMILL_MAX_CONNECTIONS', String(SERVE_DEFAULTS.maxConnections)))
    .addOption(opt('--keep-jobs <n>', 'finished job records kept for GET /v1/jobs', 'WORDMILL_KEEP_JOBS', String(SERVE_DEFAULTS.keepJobs)))
    .addOption(opt('--keep-for <duration>', 'how long finished job records are kept', 'WORDMILL_KEEP_FOR', '1h'))
    .addOption(opt('--shutdown-timeout <duration>', 'on SIGINT/SIGTERM, wait this long for running jobs before cancelling them', 'WORDMILL_SHUTDOWN_TIMEOUT', '30s'))
    .addOption(opt('--wait-timeout <duration>', 'default wait of ?wait=true before answering 202', 'WORDMILL_WAIT_TIMEOUT', '60s'))
    .addOption(opt('--mqtt <broker>', 'auto (a broker on 127.0.0.1:<mqtt-port>, else an embedded one) | embedded | off | mqtt://host:port', 'WORDMILL_MQTT', MQTT_DEFAULTS.broker))
    .addOption(opt('--mqtt-port <port>', 'port of the embedded broker, or where auto looks for one (0: a free port)', 'WORDMILL_MQTT_PORT', String(MQTT_DEFAULTS.port)))
    .addOption(opt('--mqtt-client-id <id>', 'MQTT client id (the reply connection adds "-replies"); unique per instance', 'WORDMILL_MQTT_CLIENT_ID', MQTT_DEFAULTS.clientId))
    .addOption(opt('--config <file>', 'YAML file with MQTT settings and subscriptions (flags win)', 'WORDMILL_CONFIG'))
    .addOption(queueUrlOption('run jobs on `wordmill worker` processes through this Redis queue (they write the result files)'))
    .addOption(queueNameOption())
    .addOption(maxRetriesOption())
    .action(async (raw: Record<string, string | undefined>, command: Command) => {
      await runServe(toServeOptions(raw, command), (message) => withOptionLabels(command, message, 'serve option'));
    });
}

/**
 * Only what was given (flag or env variable): the defaults shown in --help are
 * the service's own, and a default passed on here would override the config file.
 */
function toServeOptions(raw: Record<string, string | undefined>, command: Command): ServeOptionsInput {
  const given = Object.entries(raw).filter(([key, value]) => value !== undefined && command.getOptionValueSource(key) !== 'default');
  return Object.fromEntries(given) as ServeOptionsInput;
}

/** Logs (warn) while no `wordmill worker` consumes the queue, with the command that starts one. */
async function watchQueueWorkers(target: QueueTarget, log: Logger): Promise<() => void> {
  const { watchWorkers } = await import('../queue/worker-watch.ts');
  const { noWorkerMessage, workersBackMessage } = await import('./worker-hint.ts');
  const watching = watchWorkers(target.url, { prefix: QUEUE_DEFAULTS.prefix, name: target.name }, {
    onNone: (forMs) => log.warn({ queue: target.name, noWorkerForMs: forMs }, noWorkerMessage(target, forMs)),
    onBack: (workers) => log.info({ queue: target.name, workers: workers.map((w) => ({ id: w.id, out: w.out })) }, workersBackMessage(target, workers)),
  });
  return () => watching.stop();
}

/**
 * Starts the service and returns once it listens; the process then lives until a signal.
 * `labelOptions` turns `serve option "bodyLimit"` into what the user typed (`option --body-limit`).
 */
export async function runServe(input: ServeOptionsInput, labelOptions: (message: string) => string = (m) => m): Promise<void> {
  // Loaded here, not at the top: every other command would pay for the HTTP/MQTT stack at start-up.
  const { pino } = await import('pino');
  const { startService } = await import('../service/service.ts');
  const { loggerOptions } = await import('../log/logger-options.ts');
  const { stderrLogStream } = await import('../log/stderr-stream.ts');
  const log = pino(loggerOptions(), await stderrLogStream());
  let service;
  try {
    service = await startService(input, { log });
  } catch (error) {
    if (error instanceof InvalidOptionsError) throw new UsageError(labelOptions(error.message));
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new UsageError(`cannot listen on ${input.host ?? SERVE_DEFAULTS.host}:${input.port ?? SERVE_DEFAULTS.port} (${code}): choose another --port/WORDMILL_PORT, or 0 for a free one`);
    }
    throw error;
  }
  const { http, options } = service;
  const stopWatching = options.queue === undefined ? () => {} : await watchQueueWorkers({ url: options.queue, name: options.queueName ?? QUEUE_DEFAULTS.name }, log);
  exitGracefullyOnSignals(() => {
    stopWatching();
    return service.shutdown();
  }, {
    onFirst: (signal) => log.info({ signal }, 'signal received: shutting down (send it again to exit at once)'),
    onSecond: (signal) => log.warn({ signal }, 'second signal: exiting now'),
    onFailed: (error) => log.error({ err: error }, 'shutdown failed'),
  });
  log.info(
    { url: http.url, host: http.host, port: http.port, mqtt: service.mqtt === null ? 'off' : { url: service.mqtt.url, broker: service.mqtt.kind }, mode: service.engine.mode, threads: service.engine.options.threads, out: options.out, auth: options.token !== undefined },
    `wordmill serve listening on ${http.url}${service.mqtt === null ? '' : ` and MQTT ${service.mqtt.url} (${service.mqtt.kind})`}`,
  );
}
