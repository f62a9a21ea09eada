import { dirname } from 'node:path';
import type { MapOutcome } from '../engine.ts';
import type { CorpusProblem } from '../input/file/corpus.ts';
import type { CorpusResult } from './corpus/corpus-result.ts';
import type { IndexedResult } from './corpus/run-index.ts';

/** Who ran the jobs: this process's threads into `--out`, or the `wordmill worker`s of a queue into their own `--out`. */
export type RunPlace = { mode: 'pool'; outDir: string; threads: number } | { mode: 'queue'; queueName: string };

/**
 * One run of `wordmill process`: what `--json` prints and what the run
 * manifest (`<out>/runs/<runId>.json`) holds, the same object.
 */
export interface RunSummary {
  runId: string;
  /** Path of this run's manifest file. */
  manifest: string;
  startedAt: string;
  finishedAt: string;
  /** The inputs as given (folders, files, globs, `-`), joined for the one-line summary. */
  input: string;
  inputs: string[];
  /** The run's options as validated (a queue URL without its password). */
  options: Record<string, unknown>;
  mode: RunPlace['mode'];
  /**
   * Where the result files are. Pool: `--out`. Queue: the folder the workers
   * reported writing into, or null when they wrote into several (`queue.outDirs`) or none.
   */
  outDir: string | null;
  /** This process's threads (fewer than `--threads` when a re-run has fewer files to count, 0 when it has none); null in queue mode. */
  threads: number | null;
  queue?: { name: string; outDirs: string[] };
  files: number;
  succeeded: number;
  failed: number;
  skipped: number;
  /** Files whose earlier result was reused: unchanged since a run with the same task and options (docs/incremental.md). */
  reused: number;
  /** Bytes and words of every result, reused ones included; `mbPerSec` is over the bytes counted by this run. */
  bytes: number;
  totalWords: number;
  wallMs: number;
  mbPerSec: number;
  /** `output`: the result file (queue mode: as its worker reported it; null if it did not). `uniqueWords` for wordcount and keywords. */
  results: Array<{ source: string; output: string | null; totalWords: number; uniqueWords?: number; bytes: number }>;
  failures: Array<{ source: string; code: string; message: string }>;
  /** The whole corpus as one text (words and n-grams exact; stats' sentence figures summed); null without one (--no-corpus, queue mode but for stats' sums, sentiment, keywords). */
  corpus: CorpusResult | null;
}

/** A file of the run: counted now (its outcome), or its earlier result reused. */
export type RunRow = { source: string; outcome: MapOutcome; output: string | null } | { source: string; reused: IndexedResult };

/** Where a result's file is: the pool writes it under `--out`; a queue worker names the path it wrote. */
export function resultFileOf(place: RunPlace, result: { writtenTo?: string | undefined }, localPath: () => string): string | null {
  return place.mode === 'pool' ? localPath() : result.writtenTo ?? null;
}

export function summarize(
  base: Pick<RunSummary, 'runId' | 'manifest' | 'startedAt' | 'finishedAt' | 'input' | 'inputs' | 'options' | 'skipped' | 'wallMs' | 'corpus'> & { place: RunPlace },
  rows: readonly RunRow[],
  problems: readonly CorpusProblem[],
): RunSummary {
  const results: RunSummary['results'] = [];
  const failures: RunSummary['failures'] = problems.map((p) => ({ source: p.source, code: p.code, message: p.message }));
  let bytes = 0;
  let countedBytes = 0;
  let totalWords = 0;
  let reused = 0;
  for (const row of rows) {
    const { source } = row;
    if ('reused' in row) {
      const r = row.reused;
      reused++;
      bytes += r.bytes;
      totalWords += r.totalWords;
      results.push({ source, output: r.output, totalWords: r.totalWords, ...(r.uniqueWords === undefined ? {} : { uniqueWords: r.uniqueWords }), bytes: r.bytes });
      continue;
    }
    const { outcome, output } = row;
    if (outcome.ok) {
      const r = outcome.result;
      bytes += r.bytes;
      countedBytes += r.bytes;
      totalWords += r.totalWords;
      const unique = r.uniqueWords === undefined ? {} : { uniqueWords: r.uniqueWords };
      results.push({ source, output, totalWords: r.totalWords, ...unique, bytes: r.bytes });
    } else {
      failures.push({ source, code: outcome.error.code, message: outcome.error.message });
    }
  }
  const seconds = Math.max(base.wallMs / 1000, 1e-6);
  const { place, ...rest } = base;
  const outDirs = [...new Set(results.flatMap((r) => (r.output === null ? [] : [dirname(r.output)])))].sort();
  const where = place.mode === 'pool'
    ? { mode: place.mode, outDir: place.outDir, threads: place.threads }
    : { mode: place.mode, outDir: outDirs.length === 1 ? outDirs[0]! : null, threads: null, queue: { name: place.queueName, outDirs } };
  return {
    ...rest,
    ...where,
    files: rows.length + problems.length,
    succeeded: results.length,
    failed: failures.length,
    skipped: base.skipped,
    reused,
    bytes,
    totalWords,
    mbPerSec: Math.round((countedBytes / 1e6 / seconds) * 100) / 100,
    results,
    failures,
  };
}

export function formatSummary(s: RunSummary): string {
  const counted = `wordmill: ${s.succeeded}/${s.files} files counted from ${s.input}`;
  const lines = [
    s.queue === undefined
      ? `${counted} into ${s.outDir} ${s.threads === 0 ? '(nothing changed: no thread started)' : `on ${s.threads} threads`}`
      : `${counted} by the workers of queue "${s.queue.name}", written by them into their --out: ${s.queue.outDirs.join(', ') || '(not reported; see `wordmill workers status`)'}`,
    `  ${(s.bytes / 1e6).toFixed(2)} MB, ${s.totalWords} words in ${(s.wallMs / 1000).toFixed(2)} s (${s.mbPerSec} MB/s)`,
  ];
  if (s.reused > 0) lines.push(`  ${s.reused} files unchanged since an earlier run: their results reused`);
  if (s.skipped > 0) lines.push(`  ${s.skipped} files skipped by --ext`);
  if (s.corpus !== null) lines.push(`  corpus: ${corpusLine(s.corpus)}`);
  if (s.failed > 0) lines.push(`  ${s.failed} failed:`, ...s.failures.map((f) => `    ${f.source}: ${f.code} ${f.message}`));
  lines.push(`  run ${s.runId}: ${s.manifest}`);
  return `${lines.join('\n')}\n`;
}

function corpusLine(c: CorpusResult): string {
  if (c.task === 'ngrams') return `${c.files} files, ${c.totalWords} words, ${c.totalNgrams} ${c.n}-grams, ${c.uniqueNgrams} distinct counted${topLine(c.top.map((t) => ({ word: t.ngram, count: t.count })))}`;
  if (c.task === 'stats') {
    const words = 'uniqueWords' in c ? `, ${c.uniqueWords} distinct` : '';
    const top = 'top' in c ? topLine(c.top) : '';
    return `${c.files} files, ${c.totalWords} words${words}, ${c.characters} characters, ${c.sentences} sentences, ${c.lines} lines${top}`;
  }
  return `${c.files} files, ${c.totalWords} words, ${c.uniqueWords} distinct${topLine(c.top)}`;
}

function topLine(top: ReadonlyArray<{ word: string; count: number }>): string {
  return top.length === 0 ? '' : `; top: ${top.slice(0, 5).map((w) => `${w.word} ${w.count}`).join(', ')}`;
}
