/**
 * The main thread's side of the result-file writer thread. Creating a file,
 * writing it and renaming it are quick calls that can still wait on the
 * filesystem's journal (ext4 holds new metadata while it commits, and a busy
 * service makes it commit all the time): ~0.3 ms per result measured on the
 * main thread, and five round trips through libuv's threads when done
 * asynchronously cost it more. So every result file is written on one thread
 * of its own (atomic-write-worker.ts, the grouped syncs of AtomicWriter), and
 * the main thread only posts the path and text and waits for the answer.
 * The thread keeps the process alive only while writes are pending.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface WriteRequest {
  seq: number;
  path: string;
  data: string;
}

export interface WriteAnswer {
  seq: number;
  error?: { message: string; code?: string };
}

/**
 * Requests and answers cross in batches, one message per turn of either event loop: a message
 * wakes the other thread, and on a busy machine each wake-up cost the sender ~75 µs.
 */
export type WriteRequests = WriteRequest[];
export type WriteAnswers = WriteAnswer[];

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/** The compiled thread script; undefined when running from source (see writeFileAtomic). */
export function compiledWorkerScript(): string | undefined {
  return import.meta.url.endsWith('.ts') ? undefined : fileURLToPath(new URL('./atomic-write-worker.js', import.meta.url));
}

export class WriterThread {
  constructor(private readonly script: string) {}

  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Waiter>();
  private seq = 0;
  private outbox: WriteRequests = [];

  /** Resolves once `data` is durable in `path` (written whole, synced, renamed, folder synced). */
  write(path: string, data: string): Promise<void> {
    const worker = this.start();
    const seq = ++this.seq;
    return new Promise<void>((resolve, reject) => {
      if (this.waiting.size === 0) worker.ref();
      this.waiting.set(seq, { resolve, reject });
      this.outbox.push({ seq, path, data });
      if (this.outbox.length === 1) setImmediate(() => this.send());
    });
  }

  private send(): void {
    const batch = this.outbox;
    this.outbox = [];
    // A thread that died meanwhile has failed these writes already.
    if (this.worker !== undefined) this.worker.postMessage(batch);
  }

  /** Starts the thread if it is not running (the first write does); unreferenced while no write is pending. */
  start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.on('message', (answers: WriteAnswers) => {
      for (const answer of answers) this.settle(answer);
    });
    // A thread that dies fails the writes it held; the next write starts a new one.
    const fail = (error: Error): void => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the result-file writer thread exited (code ${code})`)));
    // After the listeners: a 'message' listener refs the thread's port again.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private settle(answer: WriteAnswer): void {
    const waiter = this.waiting.get(answer.seq);
    if (!waiter) return;
    this.waiting.delete(answer.seq);
    if (this.waiting.size === 0) this.worker?.unref();
    if (answer.error === undefined) waiter.resolve();
    else waiter.reject(Object.assign(new Error(answer.error.message), answer.error.code === undefined ? {} : { code: answer.error.code }));
  }
}
