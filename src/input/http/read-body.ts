/**
 * Reads a request body into memory under a byte limit. The declared
 * Content-Length is checked first (refuse without reading), then the streamed
 * size, since chunked uploads declare nothing and a client may lie.
 *
 * On @hono/node-server the body is read from Node's IncomingMessage itself:
 * going through `Request.body` builds a web stream over it and a full undici
 * Request, a per-request cost that was ~15% of the main thread's time on
 * small jobs. Elsewhere (app.request() in tests, other runtimes) the web
 * stream is read.
 *
 * Not hono's bodyLimit middleware: it reads `c.req.raw.body`, which on
 * @hono/node-server builds that web stream and Request for every request (and
 * starts pulling the IncomingMessage into it, so the body could no longer be
 * read from the IncomingMessage here). The same two checks live below.
 *
 * The body is joined into one buffer of its own, in shared memory when large
 * (dispatch/shared-bytes.ts): the journal writes it and the threads count it
 * where it is. A body that came in one chunk is copied too: socket chunks are
 * views into a larger buffer the parser reuses.
 */
import { IncomingMessage } from 'node:http';
import { BodyTooLargeError } from '../../errors.ts';
import { joinBytes } from '../../dispatch/shared-bytes.ts';

/** The Node request behind a Hono context's `env` on @hono/node-server, if there is one. */
export function nodeIncoming(env: unknown): IncomingMessage | undefined {
  const incoming = (env as { incoming?: unknown } | undefined)?.incoming;
  return incoming instanceof IncomingMessage ? incoming : undefined;
}

export async function readBody(request: Request, limit: number, incoming?: IncomingMessage): Promise<Uint8Array> {
  const declared = incoming === undefined ? request.headers.get('content-length') : incoming.headers['content-length'];
  if (declared != null && Number(declared) > limit) throw new BodyTooLargeError(limit);
  return incoming === undefined ? readWebStream(request, limit) : readIncoming(incoming, limit);
}

async function readWebStream(request: Request, limit: number): Promise<Uint8Array> {
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return joinBytes(chunks, size);
}

/** Leaves the rest of an over-limit body unread: @hono/node-server drains or closes it after the answer. */
function readIncoming(incoming: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (outcome: () => void): void => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      outcome();
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.byteLength;
      if (size > limit) settle(() => reject(new BodyTooLargeError(limit)));
      else chunks.push(chunk);
    };
    const onEnd = (): void => settle(() => resolve(joinBytes(chunks, size)));
    const onError = (error: Error): void => settle(() => reject(error));
    const onClose = (): void => settle(() => reject(new Error('the client closed the connection before the body ended')));
    incoming.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}
