/**
 * The corpus result: jobs on the pool that add up the kept counts files (a
 * worker reads them one at a time into one word table, so memory follows the
 * corpus's distinct words or n-grams, not its size), report the whole corpus
 * as the task reports a file, and keep the sum for the next run. Word counts
 * (wordcount, stats) are added by a `wordcount` merge; n-gram counts by an
 * `ngrams` merge, which takes them in file order (the n-grams across the
 * newline between two files depend on it).
 * Many files are added up in parts, one per thread at the same time, and
 * the parts' sums then in one more job: the merge is the last step of a run
 * and would otherwise keep one thread busy while the others wait. A corpus of
 * one file counted in this run is, for a task that says so (`ofOneFile`), that
 * file's own result, and its counts file is the corpus's: no merge, no copy.
 */
import type { MapOutcome } from '../../engine.ts';
import type { JobInput, JobResult } from '../../dispatch/job.ts';
import { newJobId } from '../../ids.ts';
import type { TaskOptionBag } from '../../protocol.ts';
import type { IncrementalRun, KeptCorpus } from './incremental-run.ts';
import { wordcountCorpus } from './corpus-result.ts';
import type { CorpusResult } from './corpus-result.ts';

interface Mapper {
  map(jobs: Iterable<JobInput>): Promise<MapOutcome[]>;
}

/** Fewer counts files than this per thread are added up in one job: a part costs a counts file written and read. */
const MIN_FILES_PER_PART = 16;

/** What a task's corpus merge is: the merge job's task and options, and its answer as the corpus result. */
export interface CorpusMergeSpec {
  task: 'wordcount' | 'ngrams';
  /** The merge job's options; none: the run's (the engine's defaults). */
  options?: TaskOptionBag;
  /** The counts files must be added in file order, and a kept sum reused only for files appended after it. */
  ordered: boolean;
  /** The sum's letters too (`MergeRequest.letters`): the stats corpus's average word length. */
  letters?: true;
  finish(merged: MapOutcome, files: number): CorpusResult;
  /** The corpus result of one file from its own result and counts file, when they hold all of it. */
  ofOneFile?(result: JobResult, countsPath: string): Promise<CorpusResult>;
}

export const WORDCOUNT_MERGE: CorpusMergeSpec = { task: 'wordcount', ordered: false, finish: wordcountCorpus };

/** `counted`: this run's result of each file by the name of the counts file it kept. */
export async function mergeCorpus(engine: Mapper, run: IncrementalRun, countsNames: readonly string[], threads = 1, spec: CorpusMergeSpec = WORDCOUNT_MERGE, counted: ReadonlyMap<string, JobResult> = new Map()): Promise<{ corpus: CorpusResult; kept: KeptCorpus }> {
  const unchanged = run.lastCorpus(countsNames, spec.ordered);
  if (unchanged !== undefined) return unchanged;
  const only = countsNames.length === 1 ? countsNames[0]! : undefined;
  const own = only === undefined ? undefined : counted.get(only);
  if (only !== undefined && own !== undefined && spec.ofOneFile !== undefined) {
    // The file's counts file stays the file's too: the index refers to it twice, and keeps it while either does.
    const corpus = await spec.ofOneFile(own, run.countsPath(only));
    return { corpus, kept: { counts: only, of: [only], result: corpus } };
  }
  const inputs = await run.mergeInputs(countsNames, spec.ordered);
  const parts = Math.min(threads, Math.floor(inputs.add.length / MIN_FILES_PER_PART));
  let add = inputs.add;
  if (parts > 1) {
    // The part files are in no index: the run's save removes them with every other counts file nothing refers to.
    const slices = Array.from({ length: parts }, (_, k) => inputs.add.slice(Math.floor((k * add.length) / parts), Math.floor(((k + 1) * add.length) / parts)));
    const partPaths = slices.map(() => run.countsPath(`corpus-part-${newJobId()}.counts`));
    const done = await engine.map(slices.map((slice, k) => mergeJob(spec, slice, partPaths[k]!, false)));
    for (const outcome of done) if (!outcome.ok) throw outcome.error;
    add = partPaths;
  }
  const [merged] = await engine.map([mergeJob(spec, add, run.countsPath(inputs.keep), true)]);
  const corpus = spec.finish(merged!, countsNames.length);
  return { corpus, kept: { counts: inputs.keep, of: inputs.of, result: corpus } };
}

/** `last`: the merge whose answer is the corpus result (not a part's). */
function mergeJob(spec: CorpusMergeSpec, add: string[], keep: string, last: boolean): JobInput {
  const options = spec.options === undefined ? {} : { options: spec.options };
  const letters = last && spec.letters ? { letters: spec.letters } : {};
  return { task: spec.task, ...options, input: { text: '' }, source: 'corpus', name: 'corpus', counts: { add, keep, ...letters } };
}
