import { setTimeout as sleep } from 'node:timers/promises';
import type { TestService } from './http-service.ts';

/** Polls GET /v1/jobs/:id until the job is done, failed or cancelled. */
export async function pollUntilFinished(t: Pick<TestService, 'call'>, id: string, timeoutMs = 20_000): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.call(`/v1/jobs/${id}`);
    if (res.status !== 200) throw new Error(`GET /v1/jobs/${id} answered ${res.status}: ${JSON.stringify(res.body)}`);
    if (['done', 'failed', 'cancelled'].includes(String(res.body['status']))) return res.body;
    if (Date.now() > until) throw new Error(`job ${id} still ${String(res.body['status'])} after ${timeoutMs} ms`);
    await sleep(20);
  }
}
