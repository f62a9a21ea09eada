/**
 * Optional bearer-token auth. Probes (/healthz, /readyz) and the API
 * document stay open so load balancers and tooling need no secret.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { UnauthorizedError } from '../../errors.ts';

export const OPEN_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/openapi.json']);

export function bearerAuth(token: string): MiddlewareHandler {
  // Compare digests so the comparison takes the same time whatever the length of the guess.
  const expected = digest(token);
  return async (c, next) => {
    if (OPEN_PATHS.has(c.req.path)) return next();
    const match = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '');
    if (!match || !timingSafeEqual(digest(match[1]!.trim()), expected)) throw new UnauthorizedError();
    return next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
