/**
 * `keywords` over a corpus as a map-reduce on the pool: every document's
 * distinct terms are gathered in parallel (stage `terms`, the map), their
 * document frequencies are added up here (the reduce: one pass over the
 * term lists), then every document is scored against them on the pool
 * (stage `score`). Outcomes come back in input order; a document that fails
 * in the first stage keeps that failure and is not scored.
 */
import type { MapOutcome } from './intake.ts';
import type { JobInput } from './job.ts';

interface Mapper {
  map(jobs: Iterable<JobInput>): Promise<MapOutcome[]>;
}

export interface DocumentFrequencies {
  documents: number;
  df: Map<string, number>;
}

export function addUpTerms(outcomes: readonly MapOutcome[]): DocumentFrequencies {
  const df = new Map<string, number>();
  let documents = 0;
  for (const outcome of outcomes) {
    if (!outcome.ok || outcome.result.task !== 'keywords') continue;
    documents++;
    const terms = outcome.result.terms ?? '';
    if (terms === '') continue;
    for (const word of terms.split('\n')) df.set(word, (df.get(word) ?? 0) + 1);
  }
  return { documents, df };
}

export async function mapKeywordsCorpus(engine: Mapper, jobs: readonly JobInput[]): Promise<MapOutcome[]> {
  const terms = await engine.map(jobs.map((job) => ({ ...job, task: 'keywords', corpus: { stage: 'terms' } })));
  const { documents, df } = addUpTerms(terms);
  const table = { words: [...df.keys()].join('\n'), counts: [...df.values()] };
  const toScore = jobs.flatMap((_, i) => (terms[i]!.ok ? [i] : []));
  const scored = await engine.map(
    toScore.map((i) => ({ ...jobs[i]!, task: 'keywords', corpus: { stage: 'score' as const, documents, df: table } })),
  );
  const outcomes = [...terms];
  toScore.forEach((inputIndex, k) => (outcomes[inputIndex] = scored[k]!));
  return outcomes;
}
