/**
 * The live snapshot: what `GET /v1/live`, the `GET /v1/events` stream, the
 * dashboard page and `wordmill monitor` all show. Types only, so the browser
 * code (src/input/http/dashboard/client) compiles against the same contract.
 * Never carries job text: ids, tasks, source kinds, sizes, timings and error codes.
 */

export type SourceKind = 'http' | 'mqtt' | 'cli' | 'queue';

export interface ThroughputPoint {
  /** Epoch milliseconds of the sample. */
  t: number;
  jobsPerSecond: number;
  bytesPerSecond: number;
  queued: number;
  running: number;
}

export interface ThreadBusy {
  /** Worker thread id; null for a thread that has not finished a job yet. */
  id: number | null;
  /** Estimated share of the last window this thread spent on jobs (0–1). */
  busy: number;
}

export interface RecentJob {
  id: string;
  task: string;
  source: SourceKind;
  status: 'running' | 'done' | 'failed';
  bytes: number | null;
  durationMs: number | null;
  at: string;
}

export interface RecentError {
  id: string;
  task: string;
  source: SourceKind;
  code: string;
  message: string;
  at: string;
}

export interface LiveMqtt {
  connected: boolean;
  broker: string;
  inFlight: number;
  reconnects: number;
  lastError: string | null;
  subscriptions: Array<{ topic: string; messages: number; errors: number; lastMessageAt: string | null }>;
}

export interface LiveSnapshot {
  at: string;
  uptimeSeconds: number;
  mode: 'pool' | 'queue';
  totals: { submitted: number; done: number; failed: number; bytes: number };
  queue: { queued: number; running: number };
  /** Rates over the last sampling window (see `windowSeconds`). */
  throughput: { windowSeconds: number; jobsPerSecond: number; bytesPerSecond: number };
  pool: {
    threads: number;
    utilization: number;
    runTimeMs: { p50: number; p99: number };
    waitTimeMs: { p50: number; p99: number };
  };
  /** Busy share per worker thread over `busyWindowSeconds`, derived from finished jobs. */
  threads: ThreadBusy[];
  busyWindowSeconds: number;
  /** One point per second, oldest first (the moving chart). */
  history: ThroughputPoint[];
  recentJobs: RecentJob[];
  recentErrors: RecentError[];
  mqtt: LiveMqtt | null;
}
