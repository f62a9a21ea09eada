/**
 * The output folder's index of counted files, `<out>/.index/index.json`: what each
 * file looked like when it was counted (size, mtime, inode, as git's index
 * keeps them), its result, and where its word counts are kept, for one task
 * with one set of options. A later run with the same task and options reuses
 * the files that did not change instead of counting them again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../sinks/atomic-write.ts';
import type { CorpusResult } from './corpus-result.ts';

export interface IndexedResult {
  output: string | null;
  totalWords: number;
  uniqueWords?: number;
  bytes: number;
  /** stats task: the figures its corpus result adds up. */
  sums?: { characters: number; sentences: number; lines: number };
}

export interface IndexEntry {
  size: string;
  mtimeNs: string;
  ino: string;
  /** Modified within the second before it was read: the stat alone does not prove it unchanged later. */
  racy?: boolean;
  /** Name of its counts file in `<out>/.index/counts/`, null when the run kept none. */
  counts: string | null;
  result: IndexedResult;
}

export interface RunIndex {
  version: 1;
  /** Digest of the task and its options: another key means nothing here can be reused. */
  key: string;
  /** By absolute path. */
  files: Record<string, IndexEntry>;
  /** The last corpus merge: its counts file, the counts files it added up (in file order), and its result (reused while they are the same). */
  corpus?: { counts: string; of: string[]; result: CorpusResult };
}

/*
 * Checked by hand, not with a zod schema: a re-run reads the index before anything else, and
 * compiling and running the schema over every entry took several ms of a ~65 ms re-run.
 */
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStringOrNull = (v: unknown): boolean => v === null || typeof v === 'string';

function isResult(v: unknown): v is IndexedResult {
  if (!isObject(v) || !isStringOrNull(v['output']) || !isNumber(v['totalWords']) || !isNumber(v['bytes'])) return false;
  if (v['uniqueWords'] !== undefined && !isNumber(v['uniqueWords'])) return false;
  const sums = v['sums'];
  return sums === undefined || (isObject(sums) && isNumber(sums['characters']) && isNumber(sums['sentences']) && isNumber(sums['lines']));
}

function isEntry(v: unknown): v is IndexEntry {
  return isObject(v) && typeof v['size'] === 'string' && typeof v['mtimeNs'] === 'string' && typeof v['ino'] === 'string'
    && (v['racy'] === undefined || typeof v['racy'] === 'boolean') && isStringOrNull(v['counts']) && isResult(v['result']);
}

function isCorpus(v: unknown): boolean {
  return isObject(v) && typeof v['counts'] === 'string' && Array.isArray(v['of']) && v['of'].every((n) => typeof n === 'string') && isObject(v['result']);
}

/** Whether `v` is an index this version reads; anything else counts as no index. */
export function isRunIndex(v: unknown): v is RunIndex {
  if (!isObject(v) || v['version'] !== 1 || typeof v['key'] !== 'string' || !isObject(v['files'])) return false;
  if (v['corpus'] !== undefined && !isCorpus(v['corpus'])) return false;
  return Object.values(v['files']).every(isEntry);
}

// Under a dot-folder: scripts that take every `<out>/*.json` as a result see none of it.
export const indexPath = (outDir: string): string => join(outDir, '.index', 'index.json');
export const countsDir = (outDir: string): string => join(outDir, '.index', 'counts');

/**
 * The index, or undefined when there is none or it cannot be read (then everything is counted).
 * Read synchronously: the run waits for it before anything else, and an asynchronous read is
 * four round trips through libuv's threads (open, stat, read, close).
 */
export function readRunIndex(outDir: string): RunIndex | undefined {
  let text: string;
  try {
    text = readFileSync(indexPath(outDir), 'utf8');
  } catch {
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  return isRunIndex(parsed) ? parsed : undefined;
}

export async function writeRunIndex(outDir: string, index: RunIndex): Promise<void> {
  await writeFileAtomic(indexPath(outDir), `${JSON.stringify(index)}\n`);
}
