/**
 * One journal line: a job as it was accepted (everything needed to run it
 * again) or the end of one. The id comes first in every line so compaction
 * can keep or drop a line without parsing its (possibly large) input.
 */
import type { Job, JobInputSource } from '../dispatch/job.ts';
import { InvalidJobError } from '../errors.ts';
import type { TaskName, TaskOptions } from '../protocol.ts';

/** What a recovered job carries: the accepted job and the request's fingerprint, if any. */
export interface JournaledJob {
  job: Job;
  fingerprint?: string;
}

type StoredInput = { text: string } | { path: string } | { base64: string };

interface AddLine {
  op: 'add';
  id: string;
  task: TaskName;
  input: StoredInput;
  options: TaskOptions;
  source: string;
  name: string;
  fingerprint?: string;
}

interface EndLine {
  op: 'end';
  id: string;
}

const LINE_HEAD = /^\{"op":"(add|end)","id":"([^"\\]+)"/;

export function addLine(job: Job, fingerprint: string | undefined): string {
  const { input } = job;
  // A stream is read once, as it arrives: there is nothing to keep for a re-run (docs/durability.md).
  if ('stream' in input) throw new InvalidJobError('a streamed upload cannot be journaled: submit it with durable: false');
  if (!('bytes' in input)) {
    const line: AddLine = {
      op: 'add', id: job.id, task: job.task, input, options: job.options, source: job.source, name: job.name,
      ...(fingerprint === undefined ? {} : { fingerprint }),
    };
    return `${JSON.stringify(line)}\n`;
  }
  // Raw bytes: the base64 text goes in as it is (it needs no escaping), not through JSON.stringify,
  // which would copy a body of many MiB once more. `input` comes last; readers parse the line whole.
  const rest: Omit<AddLine, 'input'> = {
    op: 'add', id: job.id, task: job.task, options: job.options, source: job.source, name: job.name,
    ...(fingerprint === undefined ? {} : { fingerprint }),
  };
  const base64 = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength).toString('base64');
  return `${JSON.stringify(rest).slice(0, -1)},"input":{"base64":"${base64}"}}\n`;
}

export function endLine(id: string): string {
  return `${JSON.stringify({ op: 'end', id } satisfies EndLine)}\n`;
}

/** The op and id of a line, read from its head only; undefined for a line that is not ours. */
export function lineHead(line: string): { op: 'add' | 'end'; id: string } | undefined {
  const match = LINE_HEAD.exec(line);
  return match ? { op: match[1] as 'add' | 'end', id: match[2]! } : undefined;
}

/** The job of an `add` line; undefined for a torn or foreign line (a crash mid-append). */
export function parseAddLine(line: string): JournaledJob | undefined {
  let parsed: AddLine;
  try {
    parsed = JSON.parse(line) as AddLine;
  } catch {
    return undefined;
  }
  if (parsed.op !== 'add' || typeof parsed.id !== 'string' || typeof parsed.input !== 'object' || parsed.input === null) return undefined;
  const job: Job = { id: parsed.id, task: parsed.task, input: loadInput(parsed.input), options: parsed.options, source: parsed.source, name: parsed.name };
  return parsed.fingerprint === undefined ? { job } : { job, fingerprint: parsed.fingerprint };
}

function loadInput(input: StoredInput): JobInputSource {
  if ('base64' in input) return { bytes: new Uint8Array(Buffer.from(input.base64, 'base64')) };
  return input;
}
