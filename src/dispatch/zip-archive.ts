/**
 * Zip archives through yauzl: the members a corpus takes, and where one
 * member's compressed bytes lie, so a worker can inflate them as it reads
 * (the worker reads the file range itself; the archive's directory is read
 * here, on the main thread, where it may be asynchronous).
 */
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

/** The task input of one member: its compressed byte range and how to unpack it. */
export async function zipMemberInput(path: string, member: string): Promise<TaskInput> {
  return withZip(path, async (zip) => {
    let found: Entry | undefined;
    await eachEntry(path, zip, (entry) => {
      if (entry.fileName === member) found = entry;
      return found !== undefined;
    });
    if (found === undefined) throw new InputError('E_INPUT_NOT_FOUND', `${path} has no member ${member}`);
    if (found.isEncrypted()) throw damaged(path, `${member} is encrypted`);
    const method = found.compressionMethod;
    if (method !== 0 && method !== 8) throw damaged(path, `${member} uses compression method ${method} (only stored and deflate are read)`);
    const { fileDataStart } = await zip.readLocalFileHeaderPromise(found, { minimal: true }).catch((error: unknown) => {
      throw damaged(path, (error as Error).message);
    });
    return {
      kind: 'file',
      path,
      start: fileDataStart,
      end: fileDataStart + found.compressedSize,
      packing: { codec: method === 8 ? 'deflate-raw' : 'stored', html: isHtmlName(member), expectBytes: found.uncompressedSize, expectCrc32: found.crc32 },
    };
  });
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
