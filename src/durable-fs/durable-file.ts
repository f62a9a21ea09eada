/** Small fs steps that make a rename durable; shared by the journal and the result files. */
import { open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomHex } from '../ids.ts';

/** A temporary name beside `path`; the pid lets start-up tell a dead process's leftovers from a live one's. */
export function tempPathFor(path: string): string {
  return `${path}.${process.pid}.${randomHex(4)}.tmp`;
}

/** Makes the folder's entries (a rename, a new file) durable. */
export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `chunks` to a temporary file, syncs it, renames it over `path` and syncs the folder. */
export async function replaceDurably(path: string, chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>): Promise<void> {
  const temp = tempPathFor(path);
  try {
    const handle = await open(temp, 'w');
    try {
      for await (const chunk of chunks) await handle.appendFile(chunk);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDir(dirname(path));
}
