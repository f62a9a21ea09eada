import type { MapOutcome } from '../engine.ts';
import type { CorpusProblem } from '../input/file/corpus.ts';

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
  outDir: string;
  threads: number;
  files: number;
  succeeded: number;
  failed: number;
  skipped: number;
  bytes: number;
  totalWords: number;
  wallMs: number;
  mbPerSec: number;
  /** `uniqueWords` for the tasks that report it (wordcount, keywords). */
  results: Array<{ source: string; output: string; totalWords: number; uniqueWords?: number; bytes: number }>;
  failures: Array<{ source: string; code: string; message: string }>;
}

export function summarize(
  base: Pick<RunSummary, 'runId' | 'manifest' | 'startedAt' | 'finishedAt' | 'input' | 'inputs' | 'options' | 'outDir' | 'threads' | 'skipped' | 'wallMs'>,
  outcomes: ReadonlyArray<{ source: string; outcome: MapOutcome; output: string }>,
  problems: readonly CorpusProblem[],
): RunSummary {
  const results: RunSummary['results'] = [];
  const failures: RunSummary['failures'] = problems.map((p) => ({ source: p.source, code: p.code, message: p.message }));
  let bytes = 0;
  let totalWords = 0;
  for (const { source, outcome, output } of outcomes) {
    if (outcome.ok) {
      const r = outcome.result;
      bytes += r.bytes;
      totalWords += r.totalWords;
      const unique = r.uniqueWords === undefined ? {} : { uniqueWords: r.uniqueWords };
      results.push({ source, output, totalWords: r.totalWords, ...unique, bytes: r.bytes });
    } else {
      failures.push({ source, code: outcome.error.code, message: outcome.error.message });
    }
  }
  const seconds = Math.max(base.wallMs / 1000, 1e-6);
  return {
    ...base,
    files: outcomes.length + problems.length,
    succeeded: results.length,
    failed: failures.length,
    bytes,
    totalWords,
    mbPerSec: Math.round((bytes / 1e6 / seconds) * 100) / 100,
    results,
    failures,
  };
}

export function formatSummary(s: RunSummary): string {
  const lines = [
    `wordmill: ${s.succeeded}/${s.files} files counted from ${s.input} into ${s.outDir} on ${s.threads} threads`,
    `  ${(s.bytes / 1e6).toFixed(2)} MB, ${s.totalWords} words in ${(s.wallMs / 1000).toFixed(2)} s (${s.mbPerSec} MB/s)`,
  ];
  if (s.skipped > 0) lines.push(`  ${s.skipped} files skipped by --ext`);
  if (s.failed > 0) lines.push(`  ${s.failed} failed:`, ...s.failures.map((f) => `    ${f.source}: ${f.code} ${f.message}`));
  lines.push(`  run ${s.runId}: ${s.manifest}`);
  return `${lines.join('\n')}\n`;
}
