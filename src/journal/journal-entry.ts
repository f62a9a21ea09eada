/**
 * One journal record: a job as it was accepted (everything needed to run it
 * again) or the end of one. A record is a JSON header line; a job's raw
 * bytes, or its text as UTF-8, follow the header as they are, with their
 * length and CRC-32 in it, and a newline after them. So a 256 KiB body costs
 * the main thread a checksum and (for text) one encoding, not a base64 or
 * JSON-escaped copy and a string-to-buffer copy of that (docs/durability.md).
 * Journals written before payloads (base64 or JSON text in the line) read
 * the same way: their lines are records without a payload.
 */
import { crc32 } from 'node:zlib';
import type { Job, JobInputSource } from '../dispatch/job.ts';
import { InvalidJobError } from '../errors.ts';
import type { TaskName, TaskOptions } from '../protocol.ts';

/** What a recovered job carries: the accepted job and the request's fingerprint, if any. */
export interface JournaledJob {
  job: Job;
  fingerprint?: string;
}

/** An input kept in the header itself, or the shape of the payload after it. */
type StoredInput =
  | { text: string }
  | { path: string; member?: string }
  | { base64: string }
  | { bytes: number; crc32: number }
  | { utf8: number; crc32: number };

interface AddHeader {
  op: 'add';
  id: string;
  task: TaskName;
  input: StoredInput;
  options: TaskOptions;
  source: string;
  name: string;
  fingerprint?: string;
}

interface EndHeader {
  op: 'end';
  id: string;
}

export type JournalRecord = { op: 'add'; entry: JournaledJob } | { op: 'end'; id: string };

const NEWLINE = Buffer.from('\n');

/**
 * The buffers of an `add` record, to be written in order. A raw body is not copied: its buffer is
 * one of them (the job hands it to a worker only once the record is on disk).
 */
export function addRecord(job: Job, fingerprint: string | undefined): Buffer[] {
  const { input } = job;
  // A stream is read once, as it arrives: there is nothing to keep for a re-run (docs/durability.md).
  if ('stream' in input) throw new InvalidJobError('a streamed upload cannot be journaled: submit it with durable: false');
  const header = (stored: StoredInput): Buffer => {
    const line: AddHeader = {
      op: 'add', id: job.id, task: job.task, input: stored, options: job.options, source: job.source, name: job.name,
      ...(fingerprint === undefined ? {} : { fingerprint }),
    };
    return Buffer.from(`${JSON.stringify(line)}\n`);
  };
  if ('bytes' in input) {
    const payload = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
    return [header({ bytes: payload.byteLength, crc32: crc32(payload) }), payload, NEWLINE];
  }
  // A text with a lone surrogate would not come back from UTF-8 as it was: it stays JSON, escaped.
  if ('text' in input && isWellFormed(input.text)) {
    const payload = Buffer.from(input.text, 'utf8');
    return [header({ utf8: payload.byteLength, crc32: crc32(payload) }), payload, NEWLINE];
  }
  return [header(input)];
}

export function endRecord(id: string): Buffer {
  return Buffer.from(`${JSON.stringify({ op: 'end', id } satisfies EndHeader)}\n`);
}

/**
 * Every whole record in `data` (one journal file read whole), in order. A record cut off by a crash
 * mid-append (the end of the file) belongs to a job that was never acknowledged and is left out, as
 * is everything from a line that is not a record or a payload whose length or checksum does not
 * match: a torn end.
 */
export function* readRecords(data: Buffer): Generator<JournalRecord> {
  let at = 0;
  while (at < data.length) {
    const eol = data.indexOf(0x0a, at);
    if (eol < 0) return;
    const header = parseHeader(data.toString('utf8', at, eol));
    at = eol + 1;
    // What follows a bad record is not read: its next newline may lie inside a payload, whose bytes
    // are a client's, and only the file's unacknowledged end can be bad (a failed cut stops the journal).
    if (header === undefined) return;
    if (header.op === 'end') {
      yield { op: 'end', id: header.id };
      continue;
    }
    const stored = header.input;
    if (!('crc32' in stored)) {
      const input = storedInput(stored);
      if (input) yield { op: 'add', entry: entryOf(header, input) };
      continue;
    }
    const length = 'bytes' in stored ? stored.bytes : stored.utf8;
    const end = at + length;
    if (end >= data.length) return; // torn: the payload or its newline never reached the disk
    const payload = data.subarray(at, end);
    const whole = data[end] === 0x0a && crc32(payload) === stored.crc32;
    at = end + 1;
    if (!whole) return;
    // A copy of its own: the file's buffer is dropped once read, and the job may outlive it.
    const input: JobInputSource = 'bytes' in stored ? { bytes: new Uint8Array(payload) } : { text: payload.toString('utf8') };
    yield { op: 'add', entry: entryOf(header, input) };
  }
}

function entryOf(header: AddHeader, input: JobInputSource): JournaledJob {
  const job: Job = { id: header.id, task: header.task, input, options: header.options, source: header.source, name: header.name };
  return header.fingerprint === undefined ? { job } : { job, fingerprint: header.fingerprint };
}

function parseHeader(line: string): AddHeader | EndHeader | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const record = parsed as Partial<AddHeader> | Partial<EndHeader>;
  if (typeof record.id !== 'string') return undefined;
  if (record.op === 'end') return record as EndHeader;
  if (record.op !== 'add' || !('input' in record) || typeof record.input !== 'object' || record.input === null) return undefined;
  const stored = record.input;
  if ('crc32' in stored && typeof stored.crc32 !== 'number') return undefined;
  if ('bytes' in stored && !isLength(stored.bytes)) return undefined;
  if ('utf8' in stored && !isLength(stored.utf8)) return undefined;
  return record as AddHeader;
}

const isLength = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;

/** A header-only input as a job input (the older base64 lines included). */
function storedInput(stored: Exclude<StoredInput, { crc32: number }>): JobInputSource | undefined {
  if ('base64' in stored) return { bytes: new Uint8Array(Buffer.from(stored.base64, 'base64')) };
  if ('text' in stored && typeof stored.text === 'string') return { text: stored.text };
  if ('path' in stored && typeof stored.path === 'string') return stored;
  return undefined;
}

/** String.prototype.isWellFormed (Node 20; not in the ES2023 lib this project compiles against). */
function isWellFormed(text: string): boolean {
  return (text as string & { isWellFormed(): boolean }).isWellFormed();
}
