/**
 * The wordcount corpus result: one job on the pool that adds up the kept
 * counts files (a worker reads them one at a time into one word table, so
 * memory follows the corpus's distinct words, not its size), reports the
 * whole corpus as wordcount reports a file, and keeps the sum for the next run.
 */
import type { MapOutcome } from '../../engine.ts';
import type { JobInput } from '../../dispatch/job.ts';
import type { IncrementalRun, KeptCorpus } from './incremental-run.ts';
import { wordcountCorpus } from './corpus-result.ts';
import type { WordcountCorpus } from './corpus-result.ts';

interface Mapper {
  map(jobs: Iterable<JobInput>): Promise<MapOutcome[]>;
}

export async function mergeCorpus(engine: Mapper, run: IncrementalRun, countsNames: readonly string[]): Promise<{ corpus: WordcountCorpus; kept: KeptCorpus }> {
  const unchanged = run.lastCorpus(countsNames);
  if (unchanged !== undefined) return unchanged;
  const inputs = await run.mergeInputs(countsNames);
  const [merged] = await engine.map([{
    task: 'wordcount',
    input: { text: '' },
    source: 'corpus',
    name: 'corpus',
    counts: { add: inputs.add, keep: run.countsPath(inputs.keep) },
  }]);
  const corpus = wordcountCorpus(merged!, countsNames.length);
  return { corpus, kept: { counts: inputs.keep, of: inputs.of, result: corpus } };
}
