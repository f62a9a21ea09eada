/**
 * Zip archives through yauzl: the members a corpus takes, and where one
 * member's compressed bytes lie, so a worker can inflate them as it reads
 * (the worker reads the file range itself; the archive's directory is read
 * here, on the main thread, where it may be asynchronous).
 */
import { stat } from 'node:fs/promises';
import type { Entry, ZipFile } from 'yauzl';
import { InputError } from '../errors.ts';
import type { TaskInput } from '../protocol.ts';
import { isHtmlName } from './packed-input.ts';

export interface ZipMember {
  name: string;
  size: number;
}

/** The archive's file members, in archive order (folders left out). */
export async function listZipMembers(path: string): Promise<ZipMember[]> {
  return withZip(path, async (zip) => {
    const members: ZipMember[] = [];
    await eachEntry(path, zip, (entry) => {
      if (!entry.fileName.endsWith('/')) members.push({ name: entry.fileName, size: entry.uncompressedSize });
      return false;
    });
    return members;
  });
}

/**
 * The task input of one member: its compressed byte range and how to unpack
 * it. The archive's directory and local headers are read once per version of
 * the archive (size, mtime, ctime, inode) for all its members: a run hands over a
 * zip's members one by one, and reading the directory again for each made a
 * folder-sized zip cost members² entry reads.
 */
export async function zipMemberInput(path: string, member: string): Promise<TaskInput> {
  const { members, cutShort } = await memberLocations(path);
  const found = members.get(member);
  if (found === undefined) throw cutShort ?? new InputError('E_INPUT_NOT_FOUND', `${path} has no member ${member}`);
  if (found instanceof InputError) throw found;
  return found;
}

/** Archives whose directory was read lately; a run reads one archive's members back to back. */
const LOCATIONS_KEPT = 8;
/** Each member's input (or why it cannot be read); `cutShort`: the directory's error after the members before it. */
interface MemberLocations {
  members: Map<string, TaskInput | InputError>;
  cutShort?: InputError;
}
const locations = new Map<string, Promise<MemberLocations>>();

async function memberLocations(path: string): Promise<MemberLocations> {
  const info = await stat(path).catch((error: unknown) => {
    const code = (error as NodeJS.ErrnoException).code;
    throw code === 'ENOENT'
      ? new InputError('E_INPUT_NOT_FOUND', `${path} does not exist`)
      : new InputError('E_INPUT_UNREADABLE', `cannot read ${path}: ${(error as Error).message}`);
  });
  // ctime too: a rewrite in place that keeps size and mtime (`cp -p`, `rsync -t --inplace`) still moves it.
  const key = `${path}\0${info.size}\0${info.mtimeMs}\0${info.ctimeMs}\0${info.ino}`;
  let read = locations.get(key);
  if (read === undefined) {
    read = readMemberLocations(path);
    locations.set(key, read);
    // A failed read is not kept: the next member tries again (and reports its own error).
    read.catch(() => locations.delete(key));
    if (locations.size > LOCATIONS_KEPT) locations.delete(locations.keys().next().value!);
  } else {
    locations.delete(key);
    locations.set(key, read);
  }
  return read;
}

async function readMemberLocations(path: string): Promise<MemberLocations> {
  return withZip(path, async (zip) => {
    const entries: Entry[] = [];
    let cutShort: InputError | undefined;
    // A directory damaged at entry k still gives the members before it, as a search stopping at them did.
    await eachEntry(path, zip, (entry) => {
      if (!entry.fileName.endsWith('/')) entries.push(entry);
      return false;
    }).catch((error: unknown) => {
      if (!(error instanceof InputError)) throw error;
      cutShort = error;
    });
    const members = new Map<string, TaskInput | InputError>();
    // The first of two members of one name is the one read, as a search from the start finds it.
    for (const entry of entries) if (!members.has(entry.fileName)) members.set(entry.fileName, await locate(path, zip, entry));
    return cutShort === undefined ? { members } : { members, cutShort };
  });
}

async function locate(path: string, zip: ZipFile, entry: Entry): Promise<TaskInput | InputError> {
  const member = entry.fileName;
  if (entry.isEncrypted()) return damaged(path, `${member} is encrypted`);
  const method = entry.compressionMethod;
  if (method !== 0 && method !== 8) return damaged(path, `${member} uses compression method ${method} (only stored and deflate are read)`);
  try {
    const { fileDataStart } = await zip.readLocalFileHeaderPromise(entry, { minimal: true });
    return {
      kind: 'file',
      path,
      start: fileDataStart,
      end: fileDataStart + entry.compressedSize,
      packing: { codec: method === 8 ? 'deflate-raw' : 'stored', html: isHtmlName(member), expectBytes: entry.uncompressedSize, expectCrc32: entry.crc32 },
    };
  } catch (error) {
    return damaged(path, (error as Error).message);
  }
}

function damaged(path: string, why: string): InputError {
  return new InputError('E_INPUT_DAMAGED', `${path}: damaged zip archive: ${why}`);
}

async function withZip<T>(path: string, use: (zip: ZipFile) => Promise<T>): Promise<T> {
  // Loaded on the first archive: every `process` run would pay for it at start-up otherwise.
  const yauzl = await import('yauzl');
  const zip = await new Promise<ZipFile>((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false }, (error, opened) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') reject(new InputError('E_INPUT_NOT_FOUND', `${path} does not exist`));
        else if (code !== undefined) reject(new InputError('E_INPUT_UNREADABLE', `cannot read ${path}: ${error.message}`));
        else reject(damaged(path, error.message));
      } else resolve(opened);
    });
  });
  try {
    return await use(zip);
  } finally {
    zip.close();
  }
}

/** Visits entries until `visit` answers true or the directory ends. */
function eachEntry(path: string, zip: ZipFile, visit: (entry: Entry) => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.on('entry', (entry: Entry) => {
      if (visit(entry)) resolve();
      else zip.readEntry();
    });
    zip.on('end', () => resolve());
    zip.on('error', (error: Error) => reject(damaged(path, error.message)));
    zip.readEntry();
  });
}
