/**
 * The query and `Idempotency-Key` of `POST /v1/jobs`, validated against the
 * same schemas /openapi.json documents, without the per-request zod
 * middleware: that built every header and query parameter into objects and
 * ran the whole task-option schema (one optional field per option) on each
 * request, ~15 µs of a ~300 µs small job on the main thread. Clients send the
 * same few query strings over and over, so the validated query is kept per
 * raw query string (a small table, oldest out first); the header is checked
 * only when sent. Invalid input gets the same error, with the same message,
 * as the route's validation hook gave it.
 */
import type { Context } from 'hono';
import { InvalidJobError } from '../../errors.ts';
import { formatIssues } from '../../validation.ts';
import { idempotencyHeaderSchema, submitQuerySchema } from './schemas/requests.ts';
import type { SubmitQuery } from './schemas/requests.ts';

/** Distinct query strings kept validated; past this the oldest goes. */
export const QUERY_CACHE_SIZE = 64;

export class SubmitRequestValidator {
  private readonly queries = new Map<string, Readonly<SubmitQuery>>();

  /** The validated query; throws InvalidJobError for an invalid one. The object is shared: read it, never change it. */
  query(c: Context): Readonly<SubmitQuery> {
    const url = c.req.url;
    const at = url.indexOf('?');
    const search = at < 0 ? '' : url.slice(at);
    const known = this.queries.get(search);
    if (known !== undefined) return known;
    // As hono's query validator builds it: a parameter given once is a string, more often a list.
    const value = Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => (v.length === 1 ? [k, v[0]] : [k, v])));
    const parsed = submitQuerySchema.safeParse(value);
    if (!parsed.success) throw new InvalidJobError(formatIssues(parsed.error, 'query'));
    const query = Object.freeze(parsed.data);
    if (this.queries.size >= QUERY_CACHE_SIZE) this.queries.delete(this.queries.keys().next().value!);
    this.queries.set(search, query);
    return query;
  }

  /** The `Idempotency-Key` header, if sent; throws InvalidJobError for an invalid one. */
  idempotencyKey(c: Context): string | undefined {
    const key = c.req.header('idempotency-key');
    if (key === undefined) return undefined;
    const parsed = idempotencyHeaderSchema.safeParse({ 'idempotency-key': key });
    if (!parsed.success) throw new InvalidJobError(formatIssues(parsed.error, 'query'));
    return parsed.data['idempotency-key'];
  }

  /** Query strings held (for tests). */
  get size(): number {
    return this.queries.size;
  }
}
