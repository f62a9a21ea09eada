import type { Engine } from '../../engine.ts';
import type { MqttInputStats } from '../mqtt/index.ts';
import type { QueueStatusView } from './schemas/responses.ts';
import type { JobIndex, JobRecord } from '../../jobs/job-index.ts';
import type { RecentThroughput } from '../../metrics/recent-throughput.ts';
import type { IdempotencyTable } from './idempotency.ts';

/** What the HTTP routes share: the engine, the job records, and whether new work is taken. */
export interface HttpContext {
  engine: Engine;
  /** The job-status index. */
  store: JobIndex;
  idempotency: IdempotencyTable;
  /** Jobs and bytes done over the last minute (`GET /v1/stats`). */
  throughput: RecentThroughput;
  /** False once shutdown has begun: new work gets 503, reads keep working. */
  isAccepting(): boolean;
  startedAt: number;
  bodyLimit: number;
  /** Raw uploads past `bodyLimit` and up to this are counted as they arrive (stream-upload.ts); unset or not above `bodyLimit`: none are. */
  streamLimit?: number;
  /** Default wait for `?wait=true` before answering 202 instead. */
  waitTimeoutMs: number;
  /** Finished jobs whose records are gone (after a restart), answered from their result files. */
  results?: { find(id: string): Promise<JobRecord | undefined> };
  /** Queue mode: the cluster's job counts and live workers (for `GET /v1/stats`). */
  queueStatus?: () => Promise<QueueStatusView | undefined>;
  /** The MQTT input's statistics, when the service runs one. */
  mqttStats?: () => MqttInputStats;
}

export const jobPath = (id: string): string => `/v1/jobs/${encodeURIComponent(id)}`;

export const linksFor = (id: string): { self: string } => ({ self: jobPath(id) });

export function recordView(record: JobRecord): JobRecord & { links: { self: string } } {
  return { ...record, links: linksFor(record.id) };
}
