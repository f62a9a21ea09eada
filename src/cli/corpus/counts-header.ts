/**
 * The header line of a counts file (workers/tasks/counts-layout.ts), read
 * alone: what the main thread needs of a counts file (its content's SHA-256,
 * how many keys it holds) without reading its keys. The line has no fixed
 * length: an n-gram counts file's first and last words can be long.
 */
import { open } from 'node:fs/promises';

/** A counts file whose header is missing or does not say what the run expects: the code the workers give a damaged counts file. */
export class CountsHeaderError extends Error {
  readonly code = 'E_COUNTS_FILE';
}

/** The header as parsed JSON, for the caller to check; throws if the file has no header line. */
export async function readCountsHeader(path: string): Promise<unknown> {
  const handle = await open(path, 'r');
  try {
    let line = Buffer.allocUnsafe(4096);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(line, filled, line.length - filled, filled);
      const newline = line.subarray(0, filled + bytesRead).indexOf(0x0a, filled);
      filled += bytesRead;
      if (newline >= 0) return parse(line.toString('utf8', 0, newline), path);
      if (bytesRead === 0) throw new CountsHeaderError(`${path}: no counts file header line`);
      if (filled === line.length) line = Buffer.concat([line, Buffer.allocUnsafe(line.length)]);
    }
  } finally {
    await handle.close();
  }
}

function parse(text: string, path: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CountsHeaderError(`${path}: its counts file header line is not JSON`);
  }
}
