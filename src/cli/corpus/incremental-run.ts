/**
 * One `process` run over an output folder's index (run-index.ts): which files
 * can be reused and which must be counted, the jobs for the latter (keeping
 * their word counts when a corpus result is wanted), the corpus merge, and
 * the new index. docs/incremental.md tells the rules.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { MapOutcome } from '../../engine.ts';
import { newJobId } from '../../ids.ts';
import type { CorpusFile } from '../../input/file/corpus.ts';
import type { JobResult } from '../../dispatch/job.ts';
import { compareWithEntry, stampOf } from './unchanged.ts';
import type { FileStamp } from './unchanged.ts';
import { countsDir, readRunIndex, writeRunIndex } from './run-index.ts';
import type { IndexEntry, IndexedResult, RunIndex } from './run-index.ts';
import type { CorpusResult } from './corpus-result.ts';

/** A file mtime this close to the run's start may change again within the same mtime tick: check its content next time. */
const RACY_MS = 1000;

export interface PlannedFile {
  file: CorpusFile;
  /** Absolute path (`path:member` for a zip member): the index's key. */
  key: string;
  stamp: FileStamp | undefined;
  racy: boolean;
  /** Reused: the result the index holds; counted: undefined. */
  reused?: IndexedResult;
  /** Counts file name (in countsDir) kept or to keep; null: none. */
  counts: string | null;
}

/** A corpus merge as the index keeps it. */
export type KeptCorpus = NonNullable<RunIndex['corpus']>;

export interface RunPlanOptions {
  outDir: string;
  /** The task and its options, as validated: another value than the index's means a full recount. */
  identity: unknown;
  /** Keep (and reuse only files with) word counts, for an exact corpus result. */
  keepCounts: boolean;
  force: boolean;
  startedMs: number;
}

export class IncrementalRun {
  private constructor(
    private readonly options: RunPlanOptions,
    private readonly key: string,
    private readonly previous: RunIndex | undefined,
    readonly files: PlannedFile[],
  ) {}

  static async plan(files: readonly CorpusFile[], options: RunPlanOptions): Promise<IncrementalRun> {
    const key = createHash('sha256').update(JSON.stringify(options.identity)).digest('hex');
    const found = options.force ? undefined : readRunIndex(options.outDir);
    const previous = found?.key === key ? found : undefined;
    const dir = countsDir(options.outDir);
    mkdirSync(dir, { recursive: true });
    const present = previous === undefined ? undefined : new PresentFiles(options.outDir);
    const planned = await Promise.all(files.map(async (file): Promise<PlannedFile> => {
      const abs = file.absolutePath;
      const seen = stampOf(abs);
      const racy = seen !== undefined && seen.mtimeMs >= options.startedMs - RACY_MS;
      // Members of one zip share its stat: each is its own entry, reused or counted with the archive.
      const key = file.member === undefined ? abs : `${abs}:${file.member}`;
      const fresh = (): PlannedFile => ({ file, key, stamp: seen?.stamp, racy, counts: options.keepCounts ? `${newJobId()}.counts` : null });
      const entry = previous?.files[key];
      if (seen === undefined || entry === undefined || !reusable(entry, options.keepCounts, present!)) return fresh();
      if ((await compareWithEntry(abs, seen.stamp, entry, dir)) === 'changed') return fresh();
      return { file, key, stamp: seen.stamp, racy, counts: entry.counts, reused: entry.result };
    }));
    return new IncrementalRun(options, key, previous, planned);
  }

  get reused(): number {
    return this.files.filter((f) => f.reused !== undefined).length;
  }

  countsPath(name: string): string {
    return join(countsDir(this.options.outDir), name);
  }

  /** The last corpus result, when it added up exactly these counts files (`ordered`: in this order): nothing to merge. */
  lastCorpus(countsNames: readonly string[], ordered = false): { corpus: CorpusResult; kept: KeptCorpus } | undefined {
    const last = this.previous?.corpus;
    if (last === undefined || last.of.length !== countsNames.length || !existsSync(this.countsPath(last.counts))) return undefined;
    if (ordered) return last.of.every((name, k) => countsNames[k] === name) ? { corpus: last.result, kept: last } : undefined;
    const of = new Set(last.of);
    return countsNames.every((n) => of.has(n)) ? { corpus: last.result, kept: last } : undefined;
  }

  /**
   * What the corpus merge adds up: the last merge's counts and the counts new
   * since, when every file of that merge is still here unchanged (`ordered`:
   * as the first files, in the same order, the new ones after them); else
   * every file's counts (still without counting any file again).
   */
  async mergeInputs(countsNames: readonly string[], ordered = false): Promise<{ add: string[]; keep: string; of: string[] }> {
    const keep = `corpus-${newJobId()}.counts`;
    const last = this.previous?.corpus;
    const now = new Set(countsNames);
    const lastKept = last !== undefined && existsSync(this.countsPath(last.counts));
    if (ordered) {
      const prefix = last !== undefined && lastKept && last.of.length <= countsNames.length && last.of.every((name, k) => countsNames[k] === name);
      const add = prefix ? [last.counts, ...countsNames.slice(last.of.length)] : countsNames;
      return { add: add.map((n) => this.countsPath(n)), keep, of: [...countsNames] };
    }
    if (last !== undefined && lastKept && last.of.every((name) => now.has(name))) {
      const before = new Set(last.of);
      return { add: [last.counts, ...countsNames.filter((n) => !before.has(n))].map((n) => this.countsPath(n)), keep, of: [...countsNames] };
    }
    return { add: countsNames.map((n) => this.countsPath(n)), keep, of: [...countsNames] };
  }

  /** Writes the new index (reused and newly counted files; failures left out) and removes counts files nothing refers to. */
  async save(counted: ReadonlyMap<PlannedFile, MapOutcome>, output: (result: JobResult) => string | null, corpus: KeptCorpus | undefined): Promise<void> {
    const files: RunIndex['files'] = {};
    for (const f of this.files) {
      if (f.stamp === undefined) continue;
      const outcome = counted.get(f);
      const result = f.reused ?? (outcome?.ok ? indexedResult(outcome.result, output(outcome.result)) : undefined);
      if (result === undefined) continue;
      const entry: IndexEntry = { ...f.stamp, counts: f.counts, result };
      if (f.racy) entry.racy = true;
      files[f.key] = entry;
    }
    const index: RunIndex = { version: 1, key: this.key, files, ...(corpus === undefined ? {} : { corpus }) };
    const dir = countsDir(this.options.outDir);
    // Listed while the index is written; a file is removed only once the index no longer names it.
    const [names] = await Promise.all([readdir(dir).catch(() => [] as string[]), writeRunIndex(this.options.outDir, index)]);
    const referenced = new Set([...Object.values(files).flatMap((e) => (e.counts === null ? [] : [e.counts])), ...(corpus ? [corpus.counts] : [])]);
    await Promise.all(names.filter((n) => !referenced.has(n)).map((n) => rm(join(dir, n), { force: true })));
  }
}

/** An entry is worth comparing only if what reuse needs is still there: its result file, and its counts when a corpus is wanted. */
function reusable(entry: IndexEntry, keepCounts: boolean, present: PresentFiles): boolean {
  if (keepCounts && entry.counts === null) return false;
  if (entry.result.output !== null && !present.hasResult(entry.result.output)) return false;
  return !keepCounts || entry.counts === null || present.hasCounts(entry.counts);
}

/**
 * Which result and counts files exist, by one listing of each folder: a re-run checks both for
 * every file of the folder, and one `readdir` each costs less than hundreds of `existsSync`
 * calls. A result file is named by its path as written (`join(outDir, name)`): one directly in
 * the output folder is found by the folder's prefix and its name, without a path function per
 * file (they are cold in a short run, ~10 µs a call); any other is checked on its own.
 */
class PresentFiles {
  private readonly counts: ReadonlySet<string>;
  private readonly results: ReadonlySet<string>;

  constructor(outDir: string) {
    this.counts = new Set(readdirListing(countsDir(outDir)));
    const prefix = join(outDir, 'x').slice(0, -1);
    this.results = new Set(readdirListing(outDir).map((name) => prefix + name));
  }

  hasCounts(name: string): boolean {
    return this.counts.has(name);
  }

  hasResult(path: string): boolean {
    return this.results.has(path) || existsSync(path);
  }
}

function readdirListing(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

function indexedResult(r: JobResult, output: string | null): IndexedResult {
  return {
    output,
    totalWords: r.totalWords,
    ...(r.uniqueWords === undefined ? {} : { uniqueWords: r.uniqueWords }),
    bytes: r.bytes,
    ...(r.task === 'stats' ? { sums: { characters: r.stats.characters, sentences: r.stats.sentences, lines: r.stats.lines } } : {}),
  };
}
