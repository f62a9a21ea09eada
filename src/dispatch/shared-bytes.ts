/**
 * Job bytes in shared memory. A view of a SharedArrayBuffer crosses to a
 * worker thread by reference; any other buffer is serialized on the main
 * thread and copied again in the worker (postMessage's structured clone), and
 * a view into a larger buffer takes that whole buffer along. For a 256 KiB
 * request body the clone cost more main-thread time than everything else the
 * service does per job (bench/RESULTS.md, "Big bodies in shared memory").
 * A body read into shared memory as it arrives is therefore never copied
 * again: the journal writes it and each thread counts its range where it is,
 * also on a retry (a transferred buffer would be gone after the first try).
 *
 * Small inputs stay as they are: below SHARED_MIN_BYTES a copy is cheaper than
 * a shared allocation, and small jobs go to a thread several to a message.
 */
export const SHARED_MIN_BYTES = 64 * 1024;

export function isShared(bytes: Uint8Array): boolean {
  return bytes.buffer instanceof SharedArrayBuffer;
}

/** `chunks` (`size` bytes in all) as one buffer: shared when that large, else a plain Buffer. */
export function joinBytes(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (size < SHARED_MIN_BYTES) return Buffer.concat(chunks, size);
  const joined = new Uint8Array(new SharedArrayBuffer(size));
  let at = 0;
  for (const chunk of chunks) {
    joined.set(chunk, at);
    at += chunk.byteLength;
  }
  return joined;
}

/** `bytes` in shared memory (the one copy on its way to the threads) unless already there. */
export function sharedCopy(bytes: Uint8Array): Uint8Array {
  return isShared(bytes) ? bytes : joinBytes([bytes], bytes.byteLength);
}

/** A text's UTF-8 bytes, encoded straight into shared memory when large. */
export function utf8Bytes(text: string): Uint8Array {
  const size = Buffer.byteLength(text, 'utf8');
  if (size < SHARED_MIN_BYTES) return Buffer.from(text, 'utf8');
  const bytes = new Uint8Array(new SharedArrayBuffer(size));
  new TextEncoder().encodeInto(text, bytes);
  return bytes;
}
