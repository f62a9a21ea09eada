/**
 * The service's job journal: `<out>/.journal/jobs.ndjson`, one line per
 * accepted job (its input, task, options, source, name) and one per finished
 * one. An accepted job is on disk before it is acknowledged (syncs grouped:
 * see group-commit.ts); after a crash the jobs without an end line run again
 * under the same ids. The file is rewritten with only the unfinished jobs at
 * start and whenever it grows past a threshold. Rules: docs/durability.md.
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { EventEmitter } from 'node:events';
import type { Job } from '../dispatch/job.ts';
import type { JobJournal } from '../dispatch/intake.ts';
import type { EngineEvents } from '../events.ts';
import { removeStrayTempFiles } from '../durable-fs/stray-temp-files.ts';
import { replaceDurably } from '../durable-fs/durable-file.ts';
import { GroupCommit } from '../durable-fs/group-commit.ts';
import { addLine, endLine, lineHead, parseAddLine } from './journal-entry.ts';
import type { JournaledJob } from './journal-entry.ts';

export type { JournaledJob };

export const JOURNAL_FILE = 'jobs.ndjson';

export interface JournalOptions {
  /** Rewrite the file once it is this large and mostly finished jobs. */
  compactAtBytes?: number;
}

interface Append {
  text: string;
  /** False for end lines: losing one only means a finished job is looked up again at start. */
  sync: boolean;
}

const DEFAULT_COMPACT_AT = 64 * 1024 * 1024;

export class Journal implements JobJournal {
  private readonly commit = new GroupCommit<Append>((batch) => this.flush(batch));
  private closing: Promise<void> | undefined;

  private constructor(
    readonly path: string,
    private handle: FileHandle,
    private size: number,
    /** Unfinished jobs and the size of their lines. */
    private readonly live: Map<string, number>,
    private readonly compactAt: number,
  ) {}

  /** Opens (or creates) the journal in `dir`: returns it and the jobs a previous run left unfinished. */
  static async open(dir: string, options: JournalOptions = {}): Promise<{ journal: Journal; unfinished: JournaledJob[] }> {
    await mkdir(dir, { recursive: true });
    await removeStrayTempFiles(dir); // a rewrite cut short by a crash
    const path = join(dir, JOURNAL_FILE);
    const unfinished = await readUnfinished(path);
    const lines = unfinished.map((entry) => addLine(entry.job, entry.fingerprint));
    await replaceDurably(path, lines);
    const live = new Map(unfinished.map((entry, i) => [entry.job.id, Buffer.byteLength(lines[i]!)]));
    const size = (await stat(path)).size;
    const handle = await open(path, 'a');
    return { journal: new Journal(path, handle, size, live, options.compactAtBytes ?? DEFAULT_COMPACT_AT), unfinished };
  }

  /** Unfinished jobs in the journal. */
  get pending(): number {
    return this.live.size;
  }

  async record(job: Job, extra: { fingerprint?: string }): Promise<void> {
    const text = addLine(job, extra.fingerprint);
    this.live.set(job.id, Buffer.byteLength(text));
    try {
      await this.commit.add({ text, sync: true });
    } catch (error) {
      this.live.delete(job.id);
      throw error;
    }
  }

  /** Marks a job finished: it will not run again. A no-op for jobs the journal does not hold. */
  finish(id: string): void {
    if (!this.live.delete(id)) return;
    // Nobody waits for it: the result file is the durable proof, the end line only saves a look-up.
    this.commit.add({ text: endLine(id), sync: false }).catch(() => {});
  }

  /**
   * Marks jobs finished as the engine reports them. Returns the function that
   * stops it: a service shutting down stops following before it cancels the
   * jobs still running, so those run again at the next start.
   */
  follow(events: EventEmitter<EngineEvents>): () => void {
    const done = (job: Job): void => this.finish(job.id);
    events.on('job:done', done).on('job:failed', done);
    return () => void events.off('job:done', done).off('job:failed', done);
  }

  /** Flushes what was appended and closes the file; idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.commit.idle();
      await this.handle.datasync();
      await this.handle.close();
    })();
    return this.closing;
  }

  private async flush(batch: Append[]): Promise<void> {
    // One buffer per line, written together: joining them first copied every line (a raw body in
    // base64 included) once more.
    const lines = batch.map((a) => Buffer.from(a.text));
    const bytes = lines.reduce((n, line) => n + line.byteLength, 0);
    try {
      for (let written = 0; written < bytes; ) {
        written += (await this.handle.writev(written === 0 ? lines : remainder(lines, written))).bytesWritten;
      }
      if (batch.some((a) => a.sync)) await this.handle.datasync();
    } catch (error) {
      // Cut a half-written batch off (a full disk, say): the next line must not be glued onto it.
      await this.handle.truncate(this.size).catch(() => {});
      throw error;
    }
    this.size += bytes;
    if (this.size >= this.compactAt && this.size > 2 * this.liveBytes()) await this.compact();
  }

  private liveBytes(): number {
    let total = 0;
    for (const bytes of this.live.values()) total += bytes;
    return total;
  }

  /** Rewrites the file with the unfinished jobs only (runs inside a flush, so nothing appends meanwhile). */
  private async compact(): Promise<void> {
    const live = this.live;
    const path = this.path;
    async function* kept(): AsyncGenerator<string> {
      for await (const line of createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity })) {
        const head = lineHead(line);
        if (head?.op === 'add' && live.has(head.id)) yield `${line}\n`;
      }
    }
    await replaceDurably(path, kept());
    await this.handle.close();
    this.handle = await open(path, 'a');
    this.size = (await stat(path)).size;
  }
}

/** What is left of `lines` after the first `written` bytes (a short write). */
function remainder(lines: Buffer[], written: number): Buffer[] {
  const rest: Buffer[] = [];
  let skip = written;
  for (const line of lines) {
    if (skip >= line.byteLength) {
      skip -= line.byteLength;
      continue;
    }
    rest.push(skip > 0 ? line.subarray(skip) : line);
    skip = 0;
  }
  return rest;
}

async function readUnfinished(path: string): Promise<JournaledJob[]> {
  const unfinished = new Map<string, JournaledJob>();
  let input;
  try {
    input = createReadStream(path, 'utf8');
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      const head = lineHead(line);
      if (head === undefined) continue;
      if (head.op === 'end') {
        unfinished.delete(head.id);
        continue;
      }
      // A line torn by a crash mid-append fails to parse: its job was never acknowledged.
      const entry = parseAddLine(line);
      if (entry) unfinished.set(entry.job.id, entry);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return [...unfinished.values()];
}
