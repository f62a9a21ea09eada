/**
 * Optional bearer-token auth. Probes (/healthz, /readyz), the API document and
 * the dashboard's page and scripts (they hold no data) stay open so load
 * balancers and tooling need no secret. The event stream, which a browser's
 * EventSource opens without custom headers, also takes the token as the
 * `wordmill_token` cookie or `?access_token=` (RFC 6750); no other route does,
 * so tokens stay out of URLs and access logs everywhere else.
 *
 * Why not hono/bearer-auth: it reads the token from one header only (the
 * event stream needs the query and the cookie too), and it answers 400 for
 * any token outside RFC 6750's b64token characters before comparing, while
 * --token / WORDMILL_TOKEN (also the embedded MQTT broker's password) takes
 * any string, so a deployed token with, say, "@" or "!" would lock everyone
 * out. What it does besides (a hashed, constant-time compare; the
 * WWW-Authenticate challenge, which problem.ts adds to every 401) is done
 * here with node:crypto in the same way.
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

/** The OpenAPI security schemes, and the alternatives the event stream accepts. */
export const SECURITY_SCHEMES = {
  bearer: { type: 'http', scheme: 'bearer', description: 'Required when the service runs with --token / WORDMILL_TOKEN' },
  accessTokenQuery: { type: 'apiKey', in: 'query', name: TOKEN_QUERY, description: 'The same token, on GET /v1/events only' },
  tokenCookie: { type: 'apiKey', in: 'cookie', name: TOKEN_COOKIE, description: 'The same token, on GET /v1/events only' },
} as const;
export const BROWSER_TOKEN_SECURITY: Array<Record<string, string[]>> = [{ bearer: [] }, { accessTokenQuery: [] }, { tokenCookie: [] }];

export function bearerAuth(token: string): MiddlewareHandler {
  // Compare digests so the comparison takes the same time whatever the length of the guess.
  const expected = digest(token);
  return async (c, next) => {
    if (isOpenPath(c.req.path)) return next();
    const given = presentedToken(c);
    if (given === undefined || !timingSafeEqual(digest(given), expected)) throw new UnauthorizedError();
    return next();
  };
}

/** Whether a path needs no token (routes declare the same as `security: OPEN`; the OpenAPI test compares them). */
export function isOpenPath(path: string): boolean {
  return OPEN_PATHS.has(path) || OPEN_PREFIXES.some((prefix) => path.startsWith(prefix));
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
