/** The result-file writer thread (see writer-thread.ts): writes what the main thread posts, syncs grouped. */
import { parentPort } from 'node:worker_threads';
import { AtomicWriter } from './atomic-write.ts';
import type { WriteAnswer, WriteAnswers, WriteRequests } from './writer-thread.ts';

const writer = new AtomicWriter();
const port = parentPort!;
let outbox: WriteAnswers = [];

function answer(reply: WriteAnswer): void {
  outbox.push(reply);
  if (outbox.length > 1) return;
  setImmediate(() => {
    const batch = outbox;
    outbox = [];
    port.postMessage(batch);
  });
}

port.on('message', (requests: WriteRequests) => {
  for (const { seq, path, data } of requests) {
    writer.write(path, data).then(
      () => answer({ seq }),
      (error: unknown) => {
        const { message, code } = error as NodeJS.ErrnoException;
        answer({ seq, error: { message: String(message), ...(code === undefined ? {} : { code }) } });
      },
    );
  }
});
