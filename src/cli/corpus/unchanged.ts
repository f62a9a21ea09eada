/**
 * Whether a file is the one an index entry describes, read as git reads its
 * index: the same size, mtime and inode mean unchanged without reading it; a
 * different mtime or inode with the same size is settled by the SHA-256 of
 * the content, compared with the one the counting worker recorded.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { statSync } from 'node:fs';
import type { CountsFileHeader } from '../../protocol.ts';
import { readCountsHeader } from './counts-header.ts';
import type { IndexEntry } from './run-index.ts';

/** A file's stat as the index keeps it. */
export interface FileStamp {
  size: string;
  mtimeNs: string;
  ino: string;
}

/** Synchronous: a run stats every file of the corpus, and thousands of promise round trips cost more than the calls. */
export function stampOf(path: string): { stamp: FileStamp; mtimeMs: number } | undefined {
  const info = statSync(path, { bigint: true, throwIfNoEntry: false });
  if (info === undefined) return undefined;
  return { stamp: { size: String(info.size), mtimeNs: String(info.mtimeNs), ino: String(info.ino) }, mtimeMs: Number(info.mtimeMs) };
}

export type Verdict = 'same-stat' | 'same-content' | 'changed';

/** `countsDir`: the folder of the entry's counts file, whose header holds the SHA-256 the content is compared with. */
export async function compareWithEntry(path: string, stamp: FileStamp, entry: IndexEntry, countsDir: string): Promise<Verdict> {
  if (stamp.size !== entry.size) return 'changed';
  if (!entry.racy && stamp.mtimeNs === entry.mtimeNs && stamp.ino === entry.ino) return 'same-stat';
  const recorded = entry.counts === null ? undefined : await recordedSha256(join(countsDir, entry.counts));
  if (recorded === undefined) return 'changed';
  return (await sha256Of(path)) === recorded ? 'same-content' : 'changed';
}

async function recordedSha256(countsFile: string): Promise<string | undefined> {
  try {
    return ((await readCountsHeader(countsFile)) as Partial<CountsFileHeader>).sha256;
  } catch {
    return undefined;
  }
}

async function sha256Of(path: string): Promise<string | undefined> {
  try {
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch {
    return undefined;
  }
}
