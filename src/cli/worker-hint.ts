/** What `process --queue` and `serve --queue` say while no `wordmill worker` consumes their queue. */
import { redactUrl } from '../queue/connection.ts';
import type { WorkerInfo } from '../queue/heartbeat.ts';
import { QUEUE_DEFAULTS } from '../queue/options.ts';

export interface QueueTarget {
  url: string;
  name: string;
}

/** The command that starts a worker on this queue (the password of the URL stays hidden). */
export function workerCommandFor(target: QueueTarget): string {
  const name = target.name === QUEUE_DEFAULTS.name ? '' : ` --queue-name ${target.name}`;
  return `npx wordmill worker --queue ${redactUrl(target.url)}${name} --out <shared output folder>`;
}

export function noWorkerMessage(target: QueueTarget, forMs: number): string {
  return `no live wordmill worker on queue "${target.name}" for ${Math.round(forMs / 1000)} s: jobs wait in Redis until one starts. Start one: ${workerCommandFor(target)}`;
}

export function workersBackMessage(target: QueueTarget, workers: readonly WorkerInfo[]): string {
  const list = workers.map((w) => `${w.id} (out ${w.out || '?'})`).join(', ');
  return `${workers.length} worker${workers.length === 1 ? '' : 's'} live on queue "${target.name}": ${list}`;
}
