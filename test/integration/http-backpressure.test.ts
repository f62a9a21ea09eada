/** A flood that fills the engine's queue: 429s with Retry-After, a healthy server, every accepted job finished. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollUntilFinished } from '../helpers/http-poll.ts';
import { startTestService, textBody } from '../helpers/http-service.ts';
import type { TestService } from '../helpers/http-service.ts';

const REPEATS = 100_000;
const SENTENCE = 'the quick brown fox jumps over the lazy dog ';

describe('HTTP backpressure', () => {
  let t: TestService;
  beforeAll(async () => {
    // One job runs, two wait: the third concurrent submit onward must be refused, not buffered.
    t = await startTestService({ threads: 1, maxQueue: 2 }, { concurrency: 1 });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('answers 429 with Retry-After when full, stays healthy, and finishes every accepted job', async () => {
    const text = SENTENCE.repeat(REPEATS); // ~4.4 MB, 900 k words
    const answers = await Promise.all(Array.from({ length: 12 }, () => t.call('/v1/jobs?stopwords=none&top=2', textBody(text))));
    const health = await t.call('/healthz');
    expect(health.status).toBe(200);

    const accepted = answers.filter((a) => a.status === 202);
    const refused = answers.filter((a) => a.status === 429);
    expect(accepted.length + refused.length).toBe(answers.length);
    expect(accepted.length).toBeGreaterThanOrEqual(3);
    expect(refused.length).toBeGreaterThan(0);
    for (const r of refused) {
      expect(r.contentType).toBe('application/problem+json');
      expect(r.body['code']).toBe('E_QUEUE_FULL');
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }

    for (const a of accepted) {
      const job = await pollUntilFinished(t, String(a.body['id']), 60_000);
      expect(job['status']).toBe('done');
      expect(job['result']).toMatchObject({ totalWords: 9 * REPEATS, top: [{ word: 'the', count: 2 * REPEATS }, { word: 'brown', count: REPEATS }] });
    }
    const files = await t.outputs();
    expect(files.map((f) => f['id']).sort()).toEqual(accepted.map((a) => a.body['id']).sort());
    const stats = await t.call('/v1/stats');
    expect(stats.body).toMatchObject({ done: accepted.length, failed: 0, queued: 0, running: 0 });
  });
});
