/**
 * The journal's files in its folder: segments `jobs-<n>.journal`, appended
 * to one at a time and read in order of n, and `jobs.ndjson`, the single file
 * journals kept before segments (read first, then replaced like any segment).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { folderNames } from '../durable-fs/folder-names.ts';
import { readRecords } from './journal-entry.ts';
import type { JournalRecord, JournaledJob } from './journal-entry.ts';

/** The one-file journal of earlier versions: still read at start, never written. */
export const LEGACY_JOURNAL_FILE = 'jobs.ndjson';

const SEGMENT_NAME = /^jobs-(\d{8})\.journal$/;

export function segmentName(seq: number): string {
  return `jobs-${String(seq).padStart(8, '0')}.journal`;
}

export interface JournalFile {
  path: string;
  /** Its place in the order of appends; the legacy file comes before every segment. */
  seq: number;
}

/** The journal files in `dir`, oldest first; none for a folder that does not exist. */
export async function journalFiles(dir: string): Promise<JournalFile[]> {
  const names = await folderNames(dir);
  const files: JournalFile[] = [];
  for (const name of names) {
    if (name === LEGACY_JOURNAL_FILE) files.push({ path: join(dir, name), seq: 0 });
    const match = SEGMENT_NAME.exec(name);
    if (match) files.push({ path: join(dir, name), seq: Number(match[1]) });
  }
  return files.sort((a, b) => a.seq - b.seq);
}

/** Every record in the journal in `dir`, in the order they were appended. */
export async function* journalRecords(dir: string): AsyncGenerator<JournalRecord> {
  for (const file of await journalFiles(dir)) {
    let data: Buffer;
    try {
      data = await readFile(file.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    yield* readRecords(data);
  }
}

/** The jobs the journal in `dir` holds without an end record, in the order they were accepted. */
export async function unfinishedJobs(dir: string): Promise<JournaledJob[]> {
  const unfinished = new Map<string, JournaledJob>();
  for await (const record of journalRecords(dir)) {
    if (record.op === 'end') unfinished.delete(record.id);
    else {
      // A job accepted again after its end record went to the back when that record removed it; a
      // copy carried forward to a newer segment keeps its place.
      unfinished.set(record.entry.job.id, record.entry);
    }
  }
  return [...unfinished.values()];
}
