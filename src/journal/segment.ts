/**
 * One segment file of the journal and the bookkeeping that says when it can
 * go: how many of the jobs recorded in it are unfinished, and their bytes.
 */
import { open } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';

/** Where an unfinished job's add record is; `segment` is undefined until the record is written. */
export interface LiveJob {
  segment: Segment | undefined;
  offset: number;
  length: number;
}

export class Segment {
  readonly seq: number;
  /** Bytes in the file (what this process wrote or found there). */
  size = 0;
  /** Unfinished jobs recorded here. */
  pending = 0;
  /** Their records' bytes. */
  liveBytes = 0;

  constructor(readonly path: string) {
    this.seq = Number(/(\d+)\.journal$/.exec(basename(path))?.[1] ?? Number.NaN);
  }

  /** Counts a job whose add record will be next in the file (a segment written whole). */
  place(length: number): LiveJob {
    const live: LiveJob = { segment: undefined, offset: 0, length };
    this.hold(live, this.size);
    this.size += length;
    return live;
  }

  /** Counts a job whose add record was written at `offset`. */
  hold(live: LiveJob, offset: number): void {
    live.segment = this;
    live.offset = offset;
    this.pending++;
    this.liveBytes += live.length;
  }

  /** Stops counting a job that ended (or moved to a later segment). */
  release(live: LiveJob): void {
    this.pending--;
    this.liveBytes -= live.length;
  }

  /** The bytes of jobs' add records, as written, in the order given (one open of the file for all). */
  async read(lives: LiveJob[]): Promise<Buffer[]> {
    const handle = await open(this.path, 'r');
    try {
      const records: Buffer[] = [];
      for (const live of lives) {
        const buffer = Buffer.allocUnsafe(live.length);
        for (let got = 0; got < live.length; ) {
          const { bytesRead } = await handle.read(buffer, got, live.length - got, live.offset + got);
          if (bytesRead === 0) throw new Error(`journal segment ${this.path} ends before the record at ${live.offset}`);
          got += bytesRead;
        }
        records.push(buffer);
      }
      return records;
    } finally {
      await handle.close();
    }
  }
}

/** Writes `buffers` in order at the end of the file, going on after a short write. */
export async function writeAll(handle: FileHandle, buffers: Buffer[]): Promise<void> {
  const bytes = buffers.reduce((n, b) => n + b.byteLength, 0);
  for (let written = 0; written < bytes; ) {
    written += (await handle.writev(written === 0 ? buffers : remainder(buffers, written))).bytesWritten;
  }
}

/** What is left of `buffers` after the first `written` bytes (a short write). */
function remainder(buffers: Buffer[], written: number): Buffer[] {
  const rest: Buffer[] = [];
  let skip = written;
  for (const buffer of buffers) {
    if (skip >= buffer.byteLength) {
      skip -= buffer.byteLength;
      continue;
    }
    rest.push(skip > 0 ? buffer.subarray(skip) : buffer);
    skip = 0;
  }
  return rest;
}
