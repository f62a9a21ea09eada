/**
 * The thread protocol: what the main thread sends to a worker and what comes
 * back. Both sides import this file and nothing else of each other, so it
 * holds plain data types only (structured-clone safe). The task options,
 * partial counts and task outputs live in src/protocol/, re-exported here.
 */
import type { PartialCounts } from './protocol/partials.ts';
import type { TaskName, TaskOptions } from './protocol/task-options.ts';
import type { TaskStats } from './protocol/task-outputs.ts';

export * from './protocol/task-options.ts';
export * from './protocol/partials.ts';
export * from './protocol/task-outputs.ts';

/**
 * `keywords` over a corpus: first each document's distinct words (`terms`),
 * then scoring against the corpus's document frequencies (`score`).
 */
export type KeywordsCorpus =
  | { stage: 'terms' }
  | { stage: 'score'; documents: number; df: DocumentFrequencyTable };

/**
 * The corpus's words (UTF-8, joined by '\n', each once) and how many documents
 * hold each. Built once per run on shared memory, so every `score` job carries
 * it without a copy; a worker thread builds its lookup once per table.
 */
export interface DocumentFrequencyTable {
  words: Uint8Array;
  counts: Uint32Array;
}


/**
 * How a packed file range becomes text (docs/packed-inputs.md): `codec` undoes
 * the compression (`stored`: the bytes as they are), `html` keeps the visible
 * text only; `expectBytes` and `expectCrc32` are what a zip records of the
 * member (a gzip file's own trailer is checked the same way).
 */
export interface Packing {
  codec: 'gzip' | 'deflate-raw' | 'stored';
  html: boolean;
  expectBytes?: number;
  expectCrc32?: number;
}

/**
 * Where a task's bytes are: in the message, or a byte range of a file the
 * worker reads itself. A `packing` range is one whole compressed stream or
 * HTML file, never cut into chunks.
 */
export type TaskInput =
  | { kind: 'bytes'; bytes: Uint8Array; atStart: boolean }
  | { kind: 'file'; path: string; start: number; end: number; packing?: Packing };

/**
 * `final` answers with the finished statistics; `partial` with the chunk's
 * counts, to be combined by a `merge` request once every chunk is in.
 */
export type CountMode = 'final' | 'partial';

export interface CountRequest {
  type: 'count';
  jobId: string;
  source: string;
  task: TaskName;
  input: TaskInput;
  mode: CountMode;
  options: TaskOptions;
  corpus?: KeywordsCorpus;
  /** wordcount, stats: also write the input's word counts to this file (see `CountsFileHeader`); ngrams: its n-gram counts (`NgramCountsFileHeader`). */
  keepCounts?: string;
  logDir: string | null;
}


export interface MergeRequest {
  type: 'merge';
  jobId: string;
  source: string;
  task: TaskName;
  partials: PartialCounts[];
  options: TaskOptions;
  corpus?: KeywordsCorpus;
  /** wordcount, stats, ngrams: also write the merged counts to this file (as `CountRequest.keepCounts`). */
  keepCounts?: string;
  /**
   * Counts files to add to `partials`, read one at a time (memory stays bounded by distinct words):
   * word counts for wordcount; n-gram counts files, in input order, for ngrams.
   */
  addCounts?: string[];
  /** With `addCounts` (wordcount): also report the letters of every word of the sum (`WordStats.letters`). */
  letters?: true;
  logDir: string | null;
}

export type TaskRequest = CountRequest | MergeRequest;


/**
 * Codes of failures a worker reports as data (anything else is a crash).
 * `E_OUTPUT_FAILED`: the thread could not write its log (the output folder is
 * not writable, the disk is full): not a crash, and running again will not help.
 * `E_INPUT_DAMAGED`: a compressed file or archive that cannot be read to its end.
 */
export const WORKER_ERROR_CODES = ['E_BINARY_INPUT', 'E_WORD_TOO_LONG', 'E_TOO_MANY_WORDS', 'E_INPUT_UNREADABLE', 'E_INPUT_NOT_FOUND', 'E_INPUT_CHANGED', 'E_INPUT_DAMAGED', 'E_OUTPUT_FAILED'] as const;
export type WorkerErrorCode = (typeof WORKER_ERROR_CODES)[number];

export type TaskResponse =
  | { ok: true; kind: 'final'; stats: TaskStats; threadId: number }
  | { ok: true; kind: 'partial'; partial: PartialCounts; threadId: number }
  | { ok: false; code: WorkerErrorCode; message: string; threadId: number };

/**
 * Small counts go to a thread several to a message (docs/architecture.md, "Small jobs"): one
 * wake of the thread per batch, not per job. Each request runs and logs on its own; a failure
 * that is not reported as data (`crash`) is the request's alone.
 */
export const SMALL_TASK_BYTES = 64 * 1024;

export interface TaskBatch {
  type: 'batch';
  requests: TaskRequest[];
}

export type BatchItemResponse = TaskResponse | { ok: false; crash: string; threadId: number };

export interface TaskBatchResponse {
  type: 'batch';
  responses: BatchItemResponse[];
}

/** Bytes at the start of an input that are checked for NUL (binary detection). */
export const BINARY_SNIFF_BYTES = 8192;

/**
 * Longest word accepted, in UTF-8 bytes. No natural-language word comes near
 * it; a longer run of letters (a 50 MB file with no separator at all, a
 * base64 blob) is refused with E_WORD_TOO_LONG instead of becoming a
 * multi-megabyte "word" in memory and in every result.
 */
export const MAX_WORD_BYTES = 1024 * 1024;
