/** What one request can make the service keep or echo is bounded: option digests, list caps, short error details, nesting. */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonBody, serviceForSuite } from '../helpers/http-service.ts';

const sha256Lines = (words: string[]): string => createHash('sha256').update(words.map((w) => `${w}\n`).join('')).digest('hex');

describe('HTTP input bounds', () => {
  const t = serviceForSuite();

  it('an inline stopword list of 10,000 words works; the record and the result file keep only its size and hash', async () => {
    const words = Array.from({ length: 10_000 }, (_, i) => `w${i}`);
    const res = await t.call<Record<string, unknown>>('/v1/jobs?wait=true', jsonBody({ text: 'w1 w2 keep keep', options: { top: 5, stopwords: { words } } }));
    expect(res.status).toBe(200);
    const digest = { words: 10_000, sha256: sha256Lines(words) };
    expect(res.body).toMatchObject({ totalWords: 4, top: [{ word: 'keep', count: 2 }], options: { top: 5, stopwords: digest } });
    const record = await t.call<{ result: Record<string, unknown> }>(`/v1/jobs/${String(res.body['id'])}`);
    expect(record.body.result['options']).toEqual({ top: 5, stopwords: digest });
    const file = await readFile(join(t.outDir, `http_${String(res.body['id'])}.json`), 'utf8');
    expect(JSON.parse(file).options).toEqual({ top: 5, stopwords: digest });
    expect(file.length).toBeLessThan(2000);
  });

  it('422 naming the option for a list over 10,000 words or over 1 MiB', async () => {
    const many = await t.call('/v1/jobs', jsonBody({ text: 'a', options: { stopwords: { words: Array.from({ length: 10_001 }, (_, i) => `w${i}`) } } }));
    expect(many.status).toBe(422);
    expect(many.body).toMatchObject({ code: 'E_INVALID_JOB' });
    expect(String(many.body['detail'])).toMatch(/^body "options\.stopwords\.words": a stopword list holds at most 10000 words \(got \["w0","w1",/);
    const long = await t.call('/v1/jobs', jsonBody({ text: 'a', options: { stopwords: { words: Array.from({ length: 11 }, () => 'x'.repeat(100_000)) } } }));
    expect(long.status).toBe(422);
    expect(String(long.body['detail'])).toMatch(/"options\.stopwords\.words": a stopword list holds at most 1048576 bytes/);
  });

  it('error details quote at most 100 characters of the rejected input', async () => {
    const huge = 'x'.repeat(1_000_000);
    const option = await t.call('/v1/jobs', jsonBody({ text: 'a', options: { stopwords: huge } }));
    expect(option.status).toBe(422);
    const detail = String(option.body['detail']);
    expect(detail).toContain(`(got "${'x'.repeat(99)}…)`);
    expect(detail.length).toBeLessThan(400);
    const task = await t.call('/v1/jobs', jsonBody({ task: huge, text: 'a' }));
    expect(task.status).toBe(422);
    expect(task.body).toMatchObject({ code: 'E_UNKNOWN_TASK' });
    expect(String(task.body['detail'])).toMatch(/^unknown task "x{100}…" \(known: /);
    const text = await t.call('/v1/jobs', jsonBody({ text: Array.from({ length: 100_000 }, (_, i) => i) }));
    expect(text.status).toBe(422);
    expect(String(text.body['detail'])).toBe(`body "text": text must be a string (got [${Array.from({ length: 40 }, (_, i) => i).join(',').slice(0, 99)}…)`);
  });

  it('400 for JSON nested 100,000 deep, wherever the nesting is', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    for (const body of [deep, `{"text":${deep}}`, `{"text":"a","options":{"top":${deep}}}`]) {
      const res = await t.call('/v1/jobs', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(res.status).toBe(400);
      expect(res.contentType).toBe('application/problem+json');
      expect(res.body).toMatchObject({ code: 'E_INVALID_JSON', detail: 'the body is not valid JSON: it nests arrays or objects more than 64 levels deep' });
    }
    // The service is fine afterwards.
    expect((await t.call('/v1/jobs?wait=true', jsonBody({ text: 'still here' }))).status).toBe(200);
  });
});
