/**
 * Small tasks cross to the worker threads several to a message. Handing a
 * task to a thread costs the main thread a post and the thread a wake-up
 * (~60 µs and 50–150 µs here, on 2 busy cores), more than counting a 1 KiB
 * text; so the small tasks that arrive while every thread is busy, or within
 * the same turn of the event loop, go together, and come back together.
 *
 * Per task, nothing changes: each runs and logs on its own in the thread, and
 * answers (or fails) alone. A task whose signal aborts is rejected at once,
 * whether it waits here or runs in a batch; a batch whose tasks have all been
 * aborted is aborted itself (its thread is stopped, as a lone task's would
 * be). A batch that fails as a whole (its thread died) is split: each of its
 * tasks runs again alone, so only the one that kills its thread fails.
 * Rules: docs/architecture.md ("Small jobs").
 */
import type { BatchItemResponse, TaskRequest, TaskResponse } from '../protocol.ts';

export interface BatchTransport {
  /** Runs requests together on one thread; one answer per request, in order. */
  runBatch(requests: TaskRequest[], signal: AbortSignal): Promise<BatchItemResponse[]>;
  /** Runs one request as a task of its own. */
  runOne(request: TaskRequest, signal: AbortSignal | undefined): Promise<TaskResponse>;
}

export interface BatchLimits {
  /** Batches on the threads at once (the thread count: one each). */
  inFlight: number;
  maxTasks: number;
  maxBytes: number;
}

interface Batch {
  controller: AbortController;
  live: number;
}

interface Item {
  request: TaskRequest;
  bytes: number;
  signal: AbortSignal | undefined;
  resolve: (response: TaskResponse) => void;
  reject: (error: unknown) => void;
  onAbort?: () => void;
  state: 'pending' | 'sent' | 'alone' | 'settled';
  batch?: Batch;
}

export class TaskBatcher {
  private pending: Item[] = [];
  private inFlight = 0;
  private flushScheduled = false;
  /** Tasks answered in batches, beyond one per batch (added to the pool's task count). */
  extraCompleted = 0;

  constructor(
    private readonly transport: BatchTransport,
    private readonly limits: BatchLimits,
  ) {}

  /** Tasks waiting here for a thread. */
  get queued(): number {
    return this.pending.length;
  }

  run(request: TaskRequest, bytes: number, signal: AbortSignal | undefined): Promise<TaskResponse> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<TaskResponse>((resolve, reject) => {
      const item: Item = { request, bytes, signal, resolve, reject, state: 'pending' };
      if (signal !== undefined) {
        item.onAbort = () => this.abort(item);
        signal.addEventListener('abort', item.onAbort, { once: true });
      }
      this.pending.push(item);
      this.schedule();
    });
  }

  /** Sends once this turn's tasks are in, if a thread is free; a returning batch sends the rest. */
  private schedule(): void {
    if (this.flushScheduled || this.inFlight >= this.limits.inFlight) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      this.flush();
    });
  }

  /** Spreads the waiting tasks over the free threads, one batch each. */
  private flush(): void {
    let free = this.limits.inFlight - this.inFlight;
    while (free > 0 && this.pending.length > 0) {
      const share = Math.min(this.limits.maxTasks, Math.ceil(this.pending.length / free));
      let count = 0;
      let bytes = 0;
      while (count < share && count < this.pending.length) {
        bytes += this.pending[count]!.bytes;
        count++;
        if (bytes >= this.limits.maxBytes) break;
      }
      this.send(this.pending.splice(0, count));
      free--;
    }
  }

  private send(items: Item[]): void {
    const batch: Batch = { controller: new AbortController(), live: items.length };
    for (const item of items) {
      item.state = 'sent';
      item.batch = batch;
    }
    this.inFlight++;
    this.transport.runBatch(items.map((item) => item.request), batch.controller.signal).then(
      (responses) => {
        this.returned();
        this.extraCompleted += items.length - 1;
        items.forEach((item, at) => this.answer(item, responses[at]));
      },
      (error: unknown) => {
        this.returned();
        if (batch.controller.signal.aborted) return; // every task in it was rejected already
        const live = items.filter((item) => item.state === 'sent');
        if (live.length === 1) this.settle(live[0]!, () => live[0]!.reject(error));
        else for (const item of live) this.alone(item);
      },
    );
  }

  /** A batch came back: the next one goes before this one's answers are handed out. */
  private returned(): void {
    this.inFlight--;
    this.flush();
  }

  private answer(item: Item, response: BatchItemResponse | undefined): void {
    if (response === undefined) {
      this.settle(item, () => item.reject(new Error('the worker thread answered a batch without this task')));
    } else if ('crash' in response) {
      this.settle(item, () => item.reject(new Error(response.crash)));
    } else {
      this.settle(item, () => item.resolve(response));
    }
  }

  /** Runs a task of a failed batch again as a task of its own (which stops on its signal itself). */
  private alone(item: Item): void {
    item.state = 'alone';
    if (item.onAbort !== undefined) item.signal?.removeEventListener('abort', item.onAbort);
    this.transport.runOne(item.request, item.signal).then(item.resolve, item.reject);
  }

  private abort(item: Item): void {
    if (item.state === 'pending') {
      const at = this.pending.indexOf(item);
      if (at >= 0) this.pending.splice(at, 1);
    } else if (item.state === 'sent' && item.batch !== undefined) {
      // The thread keeps counting a small text for its neighbours; a batch nobody waits for stops.
      if (--item.batch.live === 0) item.batch.controller.abort();
    } else {
      return;
    }
    this.settle(item, () => item.reject(item.signal?.reason));
  }

  private settle(item: Item, outcome: () => void): void {
    if (item.state === 'settled' || item.state === 'alone') return;
    item.state = 'settled';
    if (item.onAbort !== undefined) item.signal?.removeEventListener('abort', item.onAbort);
    outcome();
  }
}
