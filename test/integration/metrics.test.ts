/** GET /metrics: parsed Prometheus text, counters moving by exact amounts while jobs run. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceForSuite, startTestService, textBody } from '../helpers/http-service.ts';
import type { TestService } from '../helpers/http-service.ts';
import { scrape, valueOf } from '../helpers/prometheus.ts';
import type { Exposition } from '../helpers/prometheus.ts';

const wc = (source: string) => ({ task: 'wordcount', source });
const delta = (before: Exposition, after: Exposition, name: string, labels: Record<string, string> = {}): number =>
  valueOf(after, name, labels) - valueOf(before, name, labels);

describe('GET /metrics', () => {
  let t: TestService;
  beforeAll(async () => {
    // One running job at a time, so a burst leaves a measurable queue.
    t = await startTestService({}, { concurrency: 1, maxQueue: 100 });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('answers the Prometheus text format with conventional names', async () => {
    const response = await fetch(`${t.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const metrics = await scrape(t.url);
    for (const family of metrics.values()) {
      if (!family.name.startsWith('wordmill_')) continue;
      if (family.type === 'counter') expect(family.name).toMatch(/_total$/);
      else expect(family.name).not.toMatch(/_total$/);
      expect(family.name).not.toMatch(/_(ms|milliseconds|mb|kb)(_|$)/);
    }
    expect(metrics.get('wordmill_job_duration_seconds')?.type).toBe('histogram');
    expect(metrics.get('wordmill_job_size_bytes')?.type).toBe('histogram');
    expect(valueOf(metrics, 'wordmill_pool_threads')).toBe(1);
    expect(metrics.has('process_cpu_seconds_total')).toBe(true);
  });

  it('counts submitted, completed and failed jobs by task and source, with bytes and histograms', async () => {
    const before = await scrape(t.url);
    const texts = ['one two three', 'four five', 'six seven eight nine ten'];
    for (const text of texts) expect((await t.call('/v1/jobs?wait=true', textBody(text))).status).toBe(200);
    const binary = await t.call('/v1/jobs?wait=true', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([104, 105, 0, 1]) });
    expect(binary.status).toBe(422);
    await t.service.engine.submit({ input: { text: 'from a file' }, source: 'books/a.txt' });
    await t.service.engine.submit({ input: { text: 'from mqtt' }, source: 'mqtt:wordmill/jobs/wordcount/x' });
    const after = await scrape(t.url);

    const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    expect(delta(before, after, 'wordmill_jobs_submitted_total', wc('http'))).toBe(4);
    expect(delta(before, after, 'wordmill_jobs_completed_total', wc('http'))).toBe(3);
    expect(delta(before, after, 'wordmill_jobs_failed_total', { ...wc('http'), code: 'E_BINARY_INPUT' })).toBe(1);
    expect(delta(before, after, 'wordmill_processed_bytes_total', wc('http'))).toBe(bytes);
    expect(delta(before, after, 'wordmill_job_duration_seconds_count', wc('http'))).toBe(3);
    expect(delta(before, after, 'wordmill_job_size_bytes_count', wc('http'))).toBe(3);
    expect(delta(before, after, 'wordmill_job_size_bytes_sum', wc('http'))).toBe(bytes);
    expect(delta(before, after, 'wordmill_job_size_bytes_bucket', { ...wc('http'), le: '1024' })).toBe(3);
    expect(delta(before, after, 'wordmill_jobs_completed_total', wc('cli'))).toBe(1);
    expect(delta(before, after, 'wordmill_jobs_completed_total', wc('mqtt'))).toBe(1);
    expect(delta(before, after, 'wordmill_processed_bytes_total', wc('mqtt'))).toBe(Buffer.byteLength('from mqtt'));
    // Bounded labels: no file path, topic or job id became a label value.
    for (const family of after.values()) {
      for (const sample of family.samples) expect(Object.values(sample.labels).join(' ')).not.toMatch(/books|wordmill\/jobs|[0-9a-f]{8}-/);
    }
    expect(valueOf(after, 'wordmill_pool_tasks_completed_total')).toBeGreaterThanOrEqual(5);
    expect(valueOf(after, 'wordmill_pool_task_run_seconds', { quantile: '0.5' })).toBeGreaterThan(0);
    const utilization = valueOf(after, 'wordmill_pool_utilization_ratio');
    expect(utilization).toBeGreaterThan(0);
    expect(utilization).toBeLessThanOrEqual(1);
  });

  it('shows queue depth and in-flight jobs while a burst runs, consistent with the counters', async () => {
    const before = await scrape(t.url);
    const big = 'lorem ipsum dolor sit amet '.repeat(200_000); // ~5.4 MB: each job takes a while on one thread
    const jobs = Array.from({ length: 8 }, () => t.service.engine.submit({ input: { text: big }, source: 'http' }));
    const during = await scrape(t.url);
    const submitted = delta(before, during, 'wordmill_jobs_submitted_total', wc('http'));
    const completed = delta(before, during, 'wordmill_jobs_completed_total', wc('http'));
    expect(submitted).toBe(8);
    // Concurrency 1: while any job is unfinished exactly one runs and the rest wait. How many have
    // finished by the scrape depends on the machine's load, so the check is the invariant itself.
    const inFlight = valueOf(during, 'wordmill_jobs_in_flight');
    expect(inFlight).toBe(completed < 8 ? 1 : 0);
    expect(valueOf(during, 'wordmill_jobs_queued')).toBe(8 - completed - inFlight);
    await Promise.all(jobs);
    const after = await scrape(t.url);
    expect(delta(before, after, 'wordmill_jobs_completed_total', wc('http'))).toBe(8);
    expect(delta(before, after, 'wordmill_processed_bytes_total', wc('http'))).toBe(8 * Buffer.byteLength(big));
    expect(valueOf(after, 'wordmill_jobs_queued')).toBe(0);
    expect(valueOf(after, 'wordmill_jobs_in_flight')).toBe(0);
  });

  it('counts HTTP requests by route pattern and status, not by concrete path', async () => {
    const before = await scrape(t.url);
    const accepted = await t.call<{ id: string }>('/v1/jobs?wait=true', textBody('pattern test'));
    await t.call(`/v1/jobs/${accepted.body.id}`);
    await t.call('/v1/jobs/no-such-job');
    await t.call('/no/such/route');
    const after = await scrape(t.url);
    const requests = (labels: Record<string, string>) => delta(before, after, 'wordmill_http_requests_total', labels);
    expect(requests({ method: 'POST', route: '/v1/jobs', status: '200' })).toBe(1);
    expect(requests({ method: 'GET', route: '/v1/jobs/:id', status: '200' })).toBe(1);
    expect(requests({ method: 'GET', route: '/v1/jobs/:id', status: '404' })).toBe(1);
    expect(requests({ method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
    // The scrape before this one is counted too (the counter is read before that request ends).
    expect(requests({ method: 'GET', route: '/metrics', status: '200' })).toBe(1);
    expect(delta(before, after, 'wordmill_http_request_duration_seconds_count', { method: 'GET', route: '/v1/jobs/:id' })).toBe(2);
  });
});

describe('GET /metrics with a token', () => {
  const t = serviceForSuite({ token: 'sesame' });

  it('needs the bearer token, and counts the refusals', async () => {
    expect((await fetch(`${t.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${t.url}/metrics?access_token=sesame`)).status).toBe(401);
    const metrics = await scrape(t.url, { headers: { authorization: 'Bearer sesame' } });
    expect(valueOf(metrics, 'wordmill_http_requests_total', { method: 'GET', route: '/metrics', status: '401' })).toBe(2);
  });
});
