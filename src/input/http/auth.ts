/**
 * Optional bearer-token auth. Probes (/healthz, /readyz), the API document and
 * the dashboard's page and scripts (they hold no data) stay open so load
 * balancers and tooling need no secret. The event stream, which a browser's
 * EventSource opens without custom headers, also takes the token as the
 * `wordmill_token` cookie or `?access_token=` (RFC 6750); no other route does,
 * so tokens stay out of URLs and access logs everywhere else.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { UnauthorizedError } from '../../errors.ts';

export const OPEN_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/openapi.json', '/']);
const OPEN_PREFIXES: readonly string[] = ['/dashboard/'];
export const BROWSER_TOKEN_PATHS: ReadonlySet<string> = new Set(['/v1/events']);
export const TOKEN_COOKIE = 'wordmill_token';
export const TOKEN_QUERY = 'access_token';

export function bearerAuth(token: string): MiddlewareHandler {
  // Compare digests so the comparison takes the same time whatever the length of the guess.
  const expected = digest(token);
  return async (c, next) => {
    const path = c.req.path;
    if (OPEN_PATHS.has(path) || OPEN_PREFIXES.some((prefix) => path.startsWith(prefix))) return next();
    const given = presentedToken(c);
    if (given === undefined || !timingSafeEqual(digest(given), expected)) throw new UnauthorizedError();
    return next();
  };
}

function presentedToken(c: Context): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '');
  if (match) return match[1]!.trim();
  if (c.req.method !== 'GET' || !BROWSER_TOKEN_PATHS.has(c.req.path)) return undefined;
  return c.req.query(TOKEN_QUERY) ?? getCookie(c, TOKEN_COOKIE);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
