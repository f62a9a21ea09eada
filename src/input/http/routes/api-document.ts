/**
 * `GET /openapi.json`: the OpenAPI 3.1 document generated from the routes'
 * zod schemas and metadata. It is the same whether or not this instance
 * requires a token (each operation states its security), and its server is
 * relative, so it stays right behind a proxy under any host name.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { SECURITY_SCHEMES } from '../auth.ts';
import { json, OPEN } from './route-helpers.ts';

export const API_DOCUMENT_PATH = '/openapi.json';

const documentRoute = createRoute({
  method: 'get', path: API_DOCUMENT_PATH, operationId: 'apiDocument', summary: 'This document (OpenAPI 3.1)', security: OPEN,
  responses: { 200: json(z.record(z.string(), z.unknown()), 'The OpenAPI document') },
});

// OpenAPI 3.1's SPDX `identifier`, which the 3.0-era types of the generator do not list yet.
const LICENSE = { name: 'MIT', identifier: 'MIT' };

export function registerApiDocument(app: OpenAPIHono): void {
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) app.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
  app.openAPIRegistry.registerPath(documentRoute);
  app.doc31(API_DOCUMENT_PATH, {
    openapi: '3.1.0',
    info: {
      title: 'wordmill',
      version: '1',
      description: 'Submit text, get word statistics. Errors are application/problem+json (RFC 9457) with a stable `code`.',
      license: LICENSE,
    },
    servers: [{ url: '/', description: 'this service' }],
  });
}
