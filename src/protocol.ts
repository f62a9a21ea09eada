/**
 * The thread protocol: what the main thread sends to a worker and what comes
 * back. Both sides import this file and nothing else of each other, so it
 * holds plain data types only (structured-clone safe).
 */

export const TASK_NAMES = ['wordcount'] as const;
export type TaskName = (typeof TASK_NAMES)[number];

export const STOPWORD_LANGUAGES = [
  'en', 'es', 'fa', 'fr', 'id', 'it', 'ja', 'nl', 'no', 'pl', 'pt', 'ru', 'sv', 'uk', 'zh',
] as const;
export type StopwordLanguage = (typeof STOPWORD_LANGUAGES)[number];

/** A language's list from natural, no stopwords, or the user's own list. */
export type StopwordSpec = StopwordLanguage | 'none' | { words: string[] };

export interface WordcountOptions {
  top: number;
  stopwords: StopwordSpec;
}

export interface TopWord {
  word: string;
  count: number;
}

/** Where a task's bytes are: in the message, or a byte range of a file the worker reads itself. */
export type TaskInput =
  | { kind: 'bytes'; bytes: Uint8Array; atStart: boolean }
  | { kind: 'file'; path: string; start: number; end: number };

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
  options: WordcountOptions;
  logDir: string | null;
}

export interface PartialCounts {
  /** Distinct final words joined by '\n' (words never contain a newline). */
  words: string;
  counts: number[];
  totalWords: number;
  bytes: number;
  invalidUtf8: boolean;
}

export interface MergeRequest {
  type: 'merge';
  jobId: string;
  source: string;
  task: TaskName;
  partials: PartialCounts[];
  options: WordcountOptions;
  logDir: string | null;
}

export type TaskRequest = CountRequest | MergeRequest;

export interface WordStats {
  totalWords: number;
  uniqueWords: number;
  top: TopWord[];
  bytes: number;
  invalidUtf8: boolean;
}

/** Codes of failures a worker reports as data (anything else is a crash). */
export const WORKER_ERROR_CODES = ['E_BINARY_INPUT', 'E_INPUT_UNREADABLE', 'E_INPUT_NOT_FOUND', 'E_INPUT_CHANGED'] as const;
export type WorkerErrorCode = (typeof WORKER_ERROR_CODES)[number];

export type TaskResponse =
  | { ok: true; kind: 'final'; stats: WordStats; threadId: number }
  | { ok: true; kind: 'partial'; partial: PartialCounts; threadId: number }
  | { ok: false; code: WorkerErrorCode; message: string; threadId: number };

/** Bytes at the start of an input that are checked for NUL (binary detection). */
export const BINARY_SNIFF_BYTES = 8192;
