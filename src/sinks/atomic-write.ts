/**
 * Result files, written whole and durable, with the syncs grouped: each file
 * is written to a temporary name beside its target without a flush; the
 * files staged meanwhile are then fsynced together (concurrently), renamed
 * into place, and each folder is fsynced once. A write resolves only when
 * its file is durable under its final name, but a busy service pays one
 * group of syncs per batch instead of one sync wait per result in series.
 * Readers see the old file or the whole new one, never half of it.
 */
import { mkdir, open, rename, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncDir, tempPathFor } from '../durable-fs/durable-file.ts';
import { GroupCommit } from '../durable-fs/group-commit.ts';

interface Staged {
  temp: string;
  path: string;
  handle: FileHandle;
  error?: unknown;
}

export class AtomicWriter {
  private readonly commit = new GroupCommit<Staged>((batch) => publish(batch));

  /** Groups of syncs so far (each: the files staged meanwhile, synced together). */
  get syncRounds(): number {
    return this.commit.batches;
  }

  async write(path: string, data: string): Promise<void> {
    const temp = tempPathFor(path);
    const handle = await openTemp(temp, path);
    try {
      await handle.writeFile(data);
    } catch (error) {
      await handle.close();
      await rm(temp, { force: true });
      throw error;
    }
    const staged: Staged = { temp, path, handle };
    await this.commit.add(staged);
    if (staged.error !== undefined) throw staged.error;
  }
}

async function openTemp(temp: string, path: string): Promise<FileHandle> {
  try {
    return await open(temp, 'w');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    // The folder is missing (the first write, or removed since): make it and try again. Not a
    // mkdir before every write: on 10,000 small files that was ~6% of the run.
    await mkdir(dirname(path), { recursive: true });
    return open(temp, 'w');
  }
}

/** Sync every staged file, rename the synced ones into place, then sync each folder once. */
async function publish(batch: Staged[]): Promise<void> {
  await Promise.all(batch.map(async (s) => {
    try {
      await s.handle.datasync();
    } catch (error) {
      s.error = error;
    } finally {
      await s.handle.close().catch(() => {});
    }
  }));
  await Promise.all(batch.map(async (s) => {
    if (s.error === undefined) {
      try {
        await rename(s.temp, s.path);
        return;
      } catch (error) {
        s.error = error;
      }
    }
    await rm(s.temp, { force: true });
  }));
  const folders = [...new Set(batch.filter((s) => s.error === undefined).map((s) => dirname(s.path)))];
  await Promise.all(folders.map(async (folder) => {
    try {
      await syncDir(folder);
    } catch (error) {
      for (const s of batch) if (dirname(s.path) === folder && s.error === undefined) s.error = error;
    }
  }));
}

/** One writer for the process, so every sink's files share the same groups of syncs. */
const shared = new AtomicWriter();

export function writeFileAtomic(path: string, data: string): Promise<void> {
  return shared.write(path, data);
}
