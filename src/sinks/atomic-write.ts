/**
 * Result files, written whole and durable, with the syncs grouped: each file
 * is written to a temporary name beside its target without a flush; the
 * files staged meanwhile are then fsynced together (concurrently), renamed
 * into place, and each folder is fsynced once. A write resolves only when
 * its file is durable under its final name, but a busy service pays one
 * group of syncs per batch instead of one sync wait per result in series.
 * Readers see the old file or the whole new one, never half of it.
 *
 * It runs on the writer thread (writer-thread.ts), so staging (open, write)
 * and the renames are synchronous calls: each asynchronous one is a round
 * trip through libuv's threads. Only the waits for the disk, the fdatasyncs
 * of a group, run asynchronously, side by side.
 */
import { closeSync, fdatasync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { syncDir, tempPathFor } from '../durable-fs/durable-file.ts';
import { GroupCommit } from '../durable-fs/group-commit.ts';
import { compiledWorkerScript, WriterThread } from './writer-thread.ts';

interface Staged {
  temp: string;
  path: string;
  fd: number;
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
    const fd = openTemp(temp, path);
    try {
      const bytes = Buffer.from(data);
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
    } catch (error) {
      closeSync(fd);
      rmSync(temp, { force: true });
      throw error;
    }
    const staged: Staged = { temp, path, fd };
    await this.commit.add(staged);
    if (staged.error !== undefined) throw staged.error;
  }
}

function openTemp(temp: string, path: string): number {
  try {
    return openSync(temp, 'w');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    // The folder is missing (the first write, or removed since): make it and try again. Not a
    // mkdir before every write: on 10,000 small files that was ~6% of the run.
    mkdirSync(dirname(path), { recursive: true });
    return openSync(temp, 'w');
  }
}

function datasync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));
}

/** Sync every staged file, rename the synced ones into place, then sync each folder once. */
async function publish(batch: Staged[]): Promise<void> {
  await Promise.all(batch.map(async (s) => {
    try {
      await datasync(s.fd);
    } catch (error) {
      s.error = error;
    }
  }));
  for (const s of batch) {
    try {
      closeSync(s.fd);
    } catch {
      // Synced already: a failing close loses nothing.
    }
    if (s.error === undefined) {
      try {
        renameSync(s.temp, s.path);
        continue;
      } catch (error) {
        s.error = error;
      }
    }
    rmSync(s.temp, { force: true });
  }
  const folders = [...new Set(batch.filter((s) => s.error === undefined).map((s) => dirname(s.path)))];
  await Promise.all(folders.map(async (folder) => {
    try {
      await syncDir(folder);
    } catch (error) {
      for (const s of batch) if (dirname(s.path) === folder && s.error === undefined) s.error = error;
    }
  }));
}

/**
 * One writer for the process, so every sink's files share the same groups of syncs: the writer
 * thread, or this thread when running from source (tests, tsx), since Node 20 does not load
 * the `.ts` thread script reliably (tsx's hooks are not yet in place when a worker starts).
 */
const script = compiledWorkerScript();
const thread = script === undefined ? undefined : new WriterThread(script);
const shared: { write(path: string, data: string): Promise<void> } = thread ?? new AtomicWriter();

/** Starts the writer thread ahead of the first write, which would otherwise wait for its start-up. */
export function startWriterThread(): void {
  thread?.start();
}

export function writeFileAtomic(path: string, data: string): Promise<void> {
  return shared.write(path, data);
}
