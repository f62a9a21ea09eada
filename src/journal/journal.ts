/**
 * The service's job journal in `<out>/.journal/`: one record per accepted
 * job (its input, task, options, source, name) and one per finished one. An
 * accepted job is on disk before it is acknowledged (syncs grouped: see
 * group-commit.ts); after a crash the jobs without an end record run again
 * under the same ids. Records are appended to one segment file at a time; a
 * full segment is closed and a new one started, and old segments are deleted
 * once every job in them has ended, so nothing is read back while serving.
 * At start the segments are read and replaced by one holding only the
 * unfinished jobs. Rules: docs/durability.md.
 */
import { mkdir, open, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventEmitter } from 'node:events';
import type { Job } from '../dispatch/job.ts';
import type { JobJournal } from '../dispatch/intake.ts';
import type { EngineEvents } from '../events.ts';
import { OutputError } from '../errors.ts';
import { removeStrayTempFiles } from '../durable-fs/stray-temp-files.ts';
import { replaceDurably, syncDir } from '../durable-fs/durable-file.ts';
import { GroupCommit } from '../durable-fs/group-commit.ts';
import { addRecord, endRecord } from './journal-entry.ts';
import type { JournaledJob } from './journal-entry.ts';
import { journalFiles, segmentName, unfinishedJobs } from './journal-files.ts';
import { Segment, writeAll } from './segment.ts';
import type { LiveJob } from './segment.ts';

export type { JournaledJob };

export interface JournalOptions {
  /** Start a new segment once the one being appended to is this large. */
  segmentBytes?: number;
}

interface Append {
  id: string;
  buffers: Buffer[];
  /** The add record's place, filled in once written; undefined for end records. */
  live?: LiveJob;
}

const DEFAULT_SEGMENT_BYTES = 64 * 1024 * 1024;

export class Journal implements JobJournal {
  private readonly commit = new GroupCommit<Append>((batch) => this.flush(batch));
  private closing: Promise<void> | undefined;
  /** Why appends stopped: half a record could not be cut off, and a record after it would not be read. */
  private broken: unknown;

  private constructor(
    readonly dir: string,
    /** Oldest first; the last one is appended to. */
    private readonly segments: Segment[],
    private handle: FileHandle,
    /** Unfinished jobs and where their add records are. */
    private readonly live: Map<string, LiveJob>,
    private readonly segmentBytes: number,
  ) {}

  /** Opens (or creates) the journal in `dir`: returns it and the jobs a previous run left unfinished. */
  static async open(dir: string, options: JournalOptions = {}): Promise<{ journal: Journal; unfinished: JournaledJob[] }> {
    await mkdir(dir, { recursive: true });
    await removeStrayTempFiles(dir); // a rewrite cut short by a crash
    const old = await journalFiles(dir);
    const unfinished = await unfinishedJobs(dir);
    // The unfinished jobs go to a new segment first; only then are the files they came from removed.
    // A crash in between leaves both, which read back to the same jobs.
    const segment = new Segment(join(dir, segmentName((old.at(-1)?.seq ?? 0) + 1)));
    const live = new Map<string, LiveJob>();
    const records = unfinished.map((entry) => {
      const buffers = addRecord(entry.job, entry.fingerprint);
      live.set(entry.job.id, segment.place(length(buffers)));
      return buffers;
    });
    await replaceDurably(segment.path, records.flat());
    // Oldest first: a crash midway leaves the newest files, which still hold the end records of what they add.
    for (const file of old) await rm(file.path, { force: true });
    if (old.length > 0) await syncDir(dir);
    const handle = await open(segment.path, 'a');
    const journal = new Journal(dir, [segment], handle, live, options.segmentBytes ?? DEFAULT_SEGMENT_BYTES);
    return { journal, unfinished };
  }

  /** Unfinished jobs in the journal. */
  get pending(): number {
    return this.live.size;
  }

  /** Segment files on disk (the one appended to included). */
  get segmentCount(): number {
    return this.segments.length;
  }

  async record(job: Job, extra: { fingerprint?: string }): Promise<void> {
    if (this.broken !== undefined) throw new OutputError(this.dir, this.broken);
    const buffers = addRecord(job, extra.fingerprint);
    const live: LiveJob = { segment: undefined, offset: 0, length: length(buffers) };
    this.live.set(job.id, live);
    try {
      await this.commit.add({ id: job.id, buffers, live });
    } catch (error) {
      if (this.live.get(job.id) === live) this.live.delete(job.id);
      throw error;
    }
  }

  /** Marks a job finished: it will not run again. A no-op for jobs the journal does not hold. */
  finish(id: string): void {
    const live = this.live.get(id);
    if (live === undefined) return;
    this.live.delete(id);
    live.segment?.release(live);
    // Nobody waits for it: the result file is the durable proof, the end record only saves a look-up.
    this.commit.add({ id, buffers: [endRecord(id)] }).catch(() => {});
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

  private stop(cause: unknown): void {
    this.broken ??= cause;
  }

  private get active(): Segment {
    return this.segments.at(-1)!;
  }

  private async flush(batch: Append[]): Promise<void> {
    if (this.active.size >= this.segmentBytes) await this.rotate();
    const segment = this.active;
    const start = segment.size;
    // End records alone are not synced: losing one only means a finished job is looked up at start.
    await this.append(batch.flatMap((a) => a.buffers), start, batch.some((a) => a.live !== undefined));
    for (const append of batch) {
      const at = segment.size;
      segment.size += length(append.buffers);
      // A job that ended meanwhile (it cannot before its add is written, but a failed write may retry) is not counted.
      if (append.live !== undefined && this.live.get(append.id) === append.live) segment.hold(append.live, at);
    }
    await this.dropEnded();
  }

  /**
   * Appends to the active segment at `start` (its size). A failed write is cut off (a full disk, say):
   * the next record must not be glued onto half of one; if even the cut fails, appends stop.
   */
  private async append(buffers: Buffer[], start: number, sync: boolean): Promise<void> {
    try {
      await writeAll(this.handle, buffers);
      if (sync) await this.handle.datasync();
    } catch (error) {
      await this.handle.truncate(start).catch((cut: unknown) => this.stop(cut));
      throw error;
    }
  }

  /** Closes the full segment (synced: its unsynced end records go with it) and starts the next. */
  private async rotate(): Promise<void> {
    const next = new Segment(join(this.dir, segmentName(this.active.seq + 1)));
    const full = this.handle;
    this.handle = await open(next.path, 'wx');
    this.segments.push(next);
    try {
      await full.datasync();
    } finally {
      await full.close();
    }
    // The new file's folder entry must be on disk before a record in it is acknowledged.
    await syncDir(this.dir);
    await this.carryForward();
  }

  /**
   * A job that runs long holds its segment, and (see dropEnded) every later one, on disk. At each
   * rotation the unfinished jobs of old segments (two full ones written after them) that are at most
   * an eighth unfinished are copied into the new segment, so the files on disk stay within a few
   * segments plus such jobs. Younger or fuller segments are left: their jobs are about to end.
   */
  private async carryForward(): Promise<void> {
    const stale = new Set(this.segments.slice(0, -3).filter((s) => s.pending > 0 && s.liveBytes * 8 <= s.size));
    if (stale.size === 0) return;
    const moving: Array<[string, LiveJob]> = [];
    const copies: Buffer[] = [];
    for (const segment of stale) {
      const held = [...this.live].filter(([, live]) => live.segment === segment);
      moving.push(...held);
      copies.push(...(await segment.read(held.map(([, live]) => live))));
    }
    const target = this.active;
    await this.append(copies, target.size, true);
    for (const [i, [id, live]] of moving.entries()) {
      const at = target.size;
      target.size += copies[i]!.byteLength;
      // Ended while being copied: its end record follows the copy, and the copy is not counted.
      if (this.live.get(id) !== live) continue;
      live.segment!.release(live);
      target.hold(live, at);
    }
  }

  /**
   * Deletes the oldest segments while every job in them has ended. Only from the front: a segment's
   * end records may be all that tells an older segment's jobs ended.
   */
  private async dropEnded(): Promise<void> {
    while (this.segments.length > 1 && this.segments[0]!.pending === 0) {
      try {
        await rm(this.segments[0]!.path, { force: true });
      } catch {
        return; // kept, and tried again after the next append: the batch written is durable all the same
      }
      this.segments.shift();
    }
  }
}

function length(buffers: Buffer[]): number {
  return buffers.reduce((n, b) => n + b.byteLength, 0);
}
