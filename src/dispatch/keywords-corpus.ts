/**
 * `keywords` over a corpus as a map-reduce on the pool: every document's
 * distinct words are gathered in parallel (stage `terms`, the map), their
 * document frequencies are added up here (the reduce: one pass over the
 * words' bytes), then every document is scored against them on the pool
 * (stage `score`). Outcomes come back in input order; a document that fails
 * in the first stage keeps that failure and is not scored.
 */
import { DocumentFrequencies } from './document-frequencies.ts';
import type { MapOutcome } from './intake.ts';
import type { JobInput } from './job.ts';

interface Mapper {
  map(jobs: Iterable<JobInput>): Promise<MapOutcome[]>;
}

export function addUpTerms(outcomes: readonly MapOutcome[]): DocumentFrequencies {
  const df = new DocumentFrequencies();
  for (const outcome of outcomes) {
    if (!outcome.ok || outcome.result.task !== 'keywords') continue;
    df.add(outcome.result.terms ?? new Uint8Array(0));
  }
  return df;
}

export async function mapKeywordsCorpus(engine: Mapper, jobs: readonly JobInput[]): Promise<MapOutcome[]> {
  const terms = await engine.map(jobs.map((job) => ({ ...job, task: 'keywords', corpus: { stage: 'terms' } })));
  const df = addUpTerms(terms);
  // Built once on shared memory: each score job's message shares it with the thread rather than copying it.
  const corpus = { stage: 'score' as const, documents: df.documents, df: df.table() };
  const toScore = jobs.flatMap((_, i) => (terms[i]!.ok ? [i] : []));
  const scored = await engine.map(toScore.map((i) => ({ ...jobs[i]!, task: 'keywords', corpus })));
  const outcomes = [...terms];
  toScore.forEach((inputIndex, k) => (outcomes[inputIndex] = scored[k]!));
  return outcomes;
}
