/**
 * What each task's corpus result is made of: which merge adds up its counts
 * files (and in what order), and how its answer becomes the corpus result.
 * docs/incremental.md has the table.
 */
import type { MapOutcome } from '../../engine.ts';
import type { JobResult } from '../../dispatch/job.ts';
import type { NgramCountsFileHeader, NgramsOptions, TaskName, TaskOptionBag } from '../../protocol.ts';
import type { RunRow } from '../summary.ts';
import { WORDCOUNT_MERGE } from './corpus-merge.ts';
import type { CorpusMergeSpec } from './corpus-merge.ts';
import { readCountsHeader } from './counts-header.ts';
import { ngramsCorpus, ngramsCorpusOfOne, statsCorpus } from './corpus-result.ts';
import type { StatsSums, statsSums } from './corpus-result.ts';
import type { PlannedFile } from './incremental-run.ts';

type FileSums = Parameters<typeof statsSums>[0][number];

/**
 * wordcount's merge as it is; stats' as a wordcount merge with the run's
 * --top and --stopwords (`corpusWords`), joined to the sums of the files'
 * sentence figures; ngrams' as an ngrams merge, in file order, or for one
 * file as that file's own result.
 */
export function corpusMergeSpec(task: TaskName, validOptions: unknown, corpusWords: TaskOptionBag | undefined, sums: () => StatsSums): CorpusMergeSpec {
  if (task === 'stats') return { task: 'wordcount', options: corpusWords ?? {}, ordered: false, letters: true, finish: (merged) => statsCorpus(sums(), merged) };
  if (task === 'ngrams') {
    const n = (validOptions as NgramsOptions).n;
    return {
      task: 'ngrams',
      ordered: true,
      finish: (merged, files) => ngramsCorpus(merged, files, n),
      ofOneFile: async (result, countsPath) => ngramsCorpusOfOne(result, (await readCountsHeader(countsPath)) as Partial<NgramCountsFileHeader>, n),
    };
  }
  return WORDCOUNT_MERGE;
}

/** Each counted or reused file's stats sums, in file order, stdin (the outcome past the files) last. */
export function sumsOf(planned: readonly PlannedFile[], toCount: readonly PlannedFile[], outcomes: readonly MapOutcome[]): FileSums[] {
  const byFile = new Map(toCount.map((p, i) => [p, outcomes[i]!]));
  const rows: RunRow[] = planned.map((p) => (p.reused !== undefined ? { source: p.file.source, reused: p.reused } : { source: p.file.source, outcome: byFile.get(p)!, output: null }));
  if (outcomes.length > toCount.length) rows.push({ source: 'stdin', outcome: outcomes[toCount.length]!, output: null });
  return rows.map(rowSums);
}

/** This run's result of each file it counted (stdin, the outcome past the files, last), by the name of the counts file the file kept. */
export function countedResults(toCount: readonly PlannedFile[], outcomes: readonly MapOutcome[], stdinCounts: string | null): Map<string, JobResult> {
  const results = new Map<string, JobResult>();
  [...toCount.map((p) => p.counts), stdinCounts].forEach((name, i) => {
    const outcome = outcomes[i];
    if (name !== null && outcome?.ok === true) results.set(name, outcome.result);
  });
  return results;
}

export function rowSums(row: RunRow): FileSums {
  if ('reused' in row) return row.reused;
  const o = row.outcome;
  if (!o.ok || o.result.task !== 'stats') return { bytes: 0, totalWords: 0 };
  const s = o.result.stats;
  return { bytes: o.result.bytes, totalWords: o.result.totalWords, sums: { characters: s.characters, sentences: s.sentences, lines: s.lines } };
}
