/**
 * The live view behind the dashboard, the SSE stream and `wordmill monitor`:
 * follows engine events (recent jobs, errors, per-thread busy share), samples
 * the engine's totals once a tick for the throughput chart, and assembles a
 * LiveSnapshot on demand.
 */
import type { Engine } from '../engine.ts';
import type { Job, JobResult } from '../dispatch/job.ts';
import type { WordmillError } from '../errors.ts';
import { RecentActivity } from './activity.ts';
import type { LiveMqtt, LiveSnapshot, SourceKind } from './live-types.ts';
import type { MqttStatsSource } from './mqtt-metrics.ts';
import { ThreadBusyTracker } from './thread-busy.ts';
import { ThroughputSampler } from './throughput.ts';

export interface LiveFeedOptions {
  engine: Engine;
  mqttStats?: MqttStatsSource;
  /** Epoch ms the service started (uptime). */
  startedAt: number;
  sampleMs: number;
  historyLength: number;
  rateWindowMs: number;
  busyWindowMs: number;
  recentLimit: number;
  fallbackSource: SourceKind;
}

export class LiveFeed {
  private readonly activity: RecentActivity;
  private readonly busy: ThreadBusyTracker;
  private readonly sampler: ThroughputSampler;
  private readonly startedJobs = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private readonly detach: () => void;
  private readonly stopped = new AbortController();
  private submitted = 0;

  constructor(private readonly options: LiveFeedOptions) {
    this.activity = new RecentActivity(options.recentLimit, options.fallbackSource);
    this.busy = new ThreadBusyTracker(options.busyWindowMs);
    this.sampler = new ThroughputSampler(options.historyLength, options.rateWindowMs);
    const events = options.engine.events;
    const queued = (): void => void this.submitted++;
    const started = (job: Job): void => {
      this.startedJobs.set(job.id, Date.now());
      this.activity.started(job);
    };
    const done = (job: Job, result: JobResult): void => {
      const end = Date.now();
      this.busy.record(this.startedJobs.get(job.id) ?? end - result.durationMs, end, result.worker);
      this.startedJobs.delete(job.id);
      this.activity.done(job, result);
    };
    const failed = (job: Job, error: WordmillError): void => {
      const started = this.startedJobs.get(job.id);
      this.startedJobs.delete(job.id);
      this.activity.failed(job, error, started === undefined ? null : Date.now() - started);
    };
    events.on('job:queued', queued).on('job:started', started).on('job:done', done).on('job:failed', failed);
    this.detach = () => events.off('job:queued', queued).off('job:started', started).off('job:done', done).off('job:failed', failed);
    this.tick();
    this.timer = setInterval(() => this.tick(), options.sampleMs);
    this.timer.unref();
  }

  snapshot(): LiveSnapshot {
    const now = Date.now();
    const stats = this.options.engine.stats();
    const pool = stats.pool;
    return {
      at: new Date(now).toISOString(),
      uptimeSeconds: Math.round((now - this.options.startedAt) / 100) / 10,
      mode: this.options.engine.mode,
      totals: { submitted: this.submitted, done: stats.done, failed: stats.failed, bytes: stats.bytes },
      queue: { queued: stats.queued, running: stats.running },
      throughput: this.sampler.rate(now, stats),
      pool: {
        threads: pool.threads,
        utilization: pool.utilization,
        runTimeMs: { p50: pool.runTimeMs.p50 || 0, p99: pool.runTimeMs.p99 || 0 },
        waitTimeMs: { p50: pool.waitTimeMs.p50 || 0, p99: pool.waitTimeMs.p99 || 0 },
      },
      // Queue mode: jobs run on other processes, whose thread ids collide; no per-thread bars then.
      threads: this.options.engine.mode === 'pool' ? this.busy.snapshot(pool.threads) : [],
      busyWindowSeconds: this.options.busyWindowMs / 1000,
      history: this.sampler.history(),
      recentJobs: this.activity.recentJobs(),
      recentErrors: this.activity.recentErrors(),
      mqtt: this.mqtt(),
    };
  }

  /** Aborts when the feed closes (service shutdown): open streams end then. */
  get closed(): AbortSignal {
    return this.stopped.signal;
  }

  close(): void {
    this.stopped.abort();
    clearInterval(this.timer);
    this.detach();
  }

  private tick(): void {
    const s = this.options.engine.stats();
    this.sampler.sample(Date.now(), { done: s.done, bytes: s.bytes, queued: s.queued, running: s.running });
  }

  private mqtt(): LiveMqtt | null {
    const s = this.options.mqttStats?.();
    if (s === undefined) return null;
    return {
      connected: s.connected,
      broker: s.broker,
      inFlight: s.inFlight,
      reconnects: s.reconnects,
      lastError: s.lastError,
      subscriptions: s.subscriptions.map((sub) => ({ topic: sub.topic, messages: sub.messages, errors: sub.errors, lastMessageAt: sub.lastMessageAt })),
    };
  }
}
