/** The submit route's own query and header validation: kept per query string, refused as the route's hook refused. */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { describe, expect, it } from 'vitest';
import { InvalidJobError } from '../../../src/errors.ts';
import { QUERY_CACHE_SIZE, SubmitRequestValidator } from '../../../src/input/http/submit-request.ts';

/** Runs `read` on a request to `path` and hands back what it returned or threw. */
async function through<T>(read: (validate: SubmitRequestValidator, c: Context) => T, validate: SubmitRequestValidator, path: string, headers: Record<string, string> = {}): Promise<{ value?: T; error?: unknown }> {
  const app = new Hono();
  let outcome: { value?: T; error?: unknown } = {};
  app.post('/v1/jobs', (c) => {
    try {
      outcome = { value: read(validate, c) };
    } catch (error) {
      outcome = { error };
    }
    return c.text('ok');
  });
  await app.request(path, { method: 'POST', headers });
  return outcome;
}

const query = (validate: SubmitRequestValidator, path: string) => through((v, c) => v.query(c), validate, path);

describe('SubmitRequestValidator', () => {
  it('validates a query string once and hands the same frozen query to its repeats', async () => {
    const validate = new SubmitRequestValidator();
    const first = await query(validate, '/v1/jobs?wait=true&top=3');
    const again = await query(validate, '/v1/jobs?wait=true&top=3');
    expect(first.value).toEqual({ wait: true, top: 3 });
    expect(again.value).toBe(first.value);
    expect(Object.isFrozen(first.value)).toBe(true);
    expect((await query(validate, '/v1/jobs')).value).toEqual({});
    expect(validate.size).toBe(2);
  });

  it('keeps at most QUERY_CACHE_SIZE query strings, the oldest going first', async () => {
    const validate = new SubmitRequestValidator();
    const oldest = (await query(validate, '/v1/jobs?top=1')).value;
    for (let top = 2; top <= QUERY_CACHE_SIZE + 1; top++) await query(validate, `/v1/jobs?top=${top}`);
    expect(validate.size).toBe(QUERY_CACHE_SIZE);
    const again = (await query(validate, '/v1/jobs?top=1')).value;
    expect(again).toEqual({ top: 1 });
    expect(again).not.toBe(oldest);
  });

  it('refuses an invalid query with E_INVALID_JOB naming the parameter, and does not keep it', async () => {
    const validate = new SubmitRequestValidator();
    const bad = await query(validate, '/v1/jobs?top=many');
    expect(bad.error).toBeInstanceOf(InvalidJobError);
    expect((bad.error as InvalidJobError).message).toBe('query "top": top must be a whole number');
    const twice = await query(validate, '/v1/jobs?wait=true&wait=false');
    expect((twice.error as InvalidJobError).message).toBe('query "wait": use true or false');
    expect(validate.size).toBe(0);
  });

  it('reads the Idempotency-Key header only when sent, and refuses one over 255 characters', async () => {
    const validate = new SubmitRequestValidator();
    const key = (headers: Record<string, string>) => through((v, c) => v.idempotencyKey(c), validate, '/v1/jobs', headers);
    expect(await key({})).toEqual({ value: undefined });
    expect(await key({ 'idempotency-key': 'k-1' })).toEqual({ value: 'k-1' });
    const long = await key({ 'idempotency-key': 'k'.repeat(256) });
    expect(long.error).toBeInstanceOf(InvalidJobError);
    expect((long.error as InvalidJobError).message).toMatch(/^query "idempotency-key": /);
  });
});
