/**
 * The wordcount corpus result: jobs on the pool that add up the kept counts
 * files (a worker reads them one at a time into one word table, so memory
 * follows the corpus's distinct words, not its size), report the whole
 * corpus as wordcount reports a file, and keep the sum for the next run.
 * Many files are added up in parts, one per thread at the same time, and
 * the parts' sums then in one more job: the merge is the last step of a run
 * and would otherwise keep one thread busy while the others wait.
 */
import type { MapOutcome } from '../../engine.ts';
import type { JobInput } from '../../dispatch/job.ts';
import { newJobId } from '../../ids.ts';
import type { IncrementalRun, KeptCorpus } from './incremental-run.ts';
import { wordcountCorpus } from './corpus-result.ts';
import type { WordcountCorpus } from './corpus-result.ts';

interface Mapper {
  map(jobs: Iterable<JobInput>): Promise<MapOutcome[]>;
}

/** Fewer counts files than this per thread are added up in one job: a part costs a counts file written and read. */
const MIN_FILES_PER_PART = 16;

export async function mergeCorpus(engine: Mapper, run: IncrementalRun, countsNames: readonly string[], threads = 1): Promise<{ corpus: WordcountCorpus; kept: KeptCorpus }> {
  const unchanged = run.lastCorpus(countsNames);
  if (unchanged !== undefined) return unchanged;
  const inputs = await run.mergeInputs(countsNames);
  const parts = Math.min(threads, Math.floor(inputs.add.length / MIN_FILES_PER_PART));
  let add = inputs.add;
  if (parts > 1) {
    // The part files are in no index: the run's save removes them with every other counts file nothing refers to.
    const slices = Array.from({ length: parts }, (_, k) => inputs.add.slice(Math.floor((k * add.length) / parts), Math.floor(((k + 1) * add.length) / parts)));
    const partPaths = slices.map(() => run.countsPath(`corpus-part-${newJobId()}.counts`));
    const done = await engine.map(slices.map((slice, k) => mergeJob(slice, partPaths[k]!)));
    for (const outcome of done) if (!outcome.ok) throw outcome.error;
    add = partPaths;
  }
  const [merged] = await engine.map([mergeJob(add, run.countsPath(inputs.keep))]);
  const corpus = wordcountCorpus(merged!, countsNames.length);
  return { corpus, kept: { counts: inputs.keep, of: inputs.of, result: corpus } };
}

function mergeJob(add: string[], keep: string): JobInput {
  return { task: 'wordcount', input: { text: '' }, source: 'corpus', name: 'corpus', counts: { add, keep } };
}
