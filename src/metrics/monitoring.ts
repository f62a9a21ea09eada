/**
 * Everything a service instance shows about itself: a Prometheus registry of
 * its own (not prom-client's global one, so several services in one process,
 * as in tests, never collide), the collectors hanging off its engine events,
 * and the live feed for the dashboard and `wordmill monitor`.
 */
import type { MiddlewareHandler } from 'hono';
import { collectDefaultMetrics, Registry } from 'prom-client';
import type { Engine } from '../engine.ts';
import { registerEngineGauges } from './engine-gauges.ts';
import { httpMetricsMiddleware } from './http-metrics.ts';
import { registerJobMetrics } from './job-metrics.ts';
import { LiveFeed } from './live-feed.ts';
import type { LiveFeedOptions } from './live-feed.ts';
import type { SourceKind } from './live-types.ts';
import { registerMqttMetrics } from './mqtt-metrics.ts';
import type { MqttStatsSource } from './mqtt-metrics.ts';

export interface MonitoringOptions {
  engine: Engine;
  /** The MQTT input's statistics, when the service runs one. */
  mqttStats?: MqttStatsSource;
  startedAt?: number;
  /** Source label for jobs that are neither HTTP nor MQTT (`cli` in a CLI run, `queue` on a worker). */
  fallbackSource?: SourceKind;
  /** Node process metrics (CPU, memory, event loop lag): on for a service, off for short-lived tests. */
  processMetrics?: boolean;
  live?: Partial<Pick<LiveFeedOptions, 'sampleMs' | 'historyLength' | 'rateWindowMs' | 'busyWindowMs' | 'recentLimit'>>;
}

export interface Monitoring {
  readonly registry: Registry;
  readonly live: LiveFeed;
  /** Counts HTTP requests by route and status; mount before anything that may answer early. */
  readonly httpMiddleware: MiddlewareHandler;
  metricsText(): Promise<string>;
  close(): void;
}

const LIVE_DEFAULTS = Object.freeze({ sampleMs: 1000, historyLength: 120, rateWindowMs: 5000, busyWindowMs: 10_000, recentLimit: 20 });

export function createMonitoring(options: MonitoringOptions): Monitoring {
  const registry = new Registry();
  const fallbackSource = options.fallbackSource ?? 'cli';
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const detachJobs = registerJobMetrics(registry, options.engine.events, fallbackSource);
  registerEngineGauges(registry, options.engine);
  if (options.mqttStats) registerMqttMetrics(registry, options.mqttStats);
  const httpMiddleware = httpMetricsMiddleware(registry);
  const live = new LiveFeed({
    ...LIVE_DEFAULTS,
    ...options.live,
    engine: options.engine,
    ...(options.mqttStats === undefined ? {} : { mqttStats: options.mqttStats }),
    startedAt: options.startedAt ?? Date.now(),
    fallbackSource,
  });
  return {
    registry,
    live,
    httpMiddleware,
    metricsText: () => registry.metrics(),
    close() {
      live.close();
      detachJobs();
    },
  };
}
