/** `POST /data`: the plain form, for clients that cannot send JSON or set a content type. Any body is raw text; the answer is 202 with the job. */
import { createRoute, z } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { InvalidJobError } from '../../../errors.ts';
import { formatIssues } from '../../../validation.ts';
import { jobPath, linksFor } from '../context.ts';
import type { HttpContext } from '../context.ts';
import { submitQuerySchema } from '../schemas/requests.ts';
import { engineWideQueryShape } from '../schemas/task-query.ts';
import { acceptedSchema, problems } from '../schemas/responses.ts';
import { nodeIncoming } from '../read-body.ts';
import { readSubmission } from '../submission.ts';
import { streamUpload } from '../stream-upload.ts';
import { submitJob } from '../submit.ts';
import { BEARER, invalid, json } from './route-helpers.ts';

const dataQuerySchema = z.object({ task: submitQuerySchema.shape.task, ...engineWideQueryShape });

const dataRoute = createRoute({
  method: 'post', path: '/data', operationId: 'submitData', summary: 'Submit raw text, whatever the content type; always answers 202',
  security: BEARER,
  request: {
    query: dataQuerySchema,
    body: { required: true, content: { 'text/plain': { schema: { type: 'string' } } } },
  },
  responses: { 202: json(acceptedSchema, 'Accepted; poll links.self'), ...problems(
    'E_UNAUTHORIZED', 'E_BODY_TOO_LARGE', 'E_INVALID_JOB', 'E_INVALID_OPTIONS', 'E_UNKNOWN_TASK', 'E_UNSUPPORTED_LANGUAGE',
    'E_QUEUE_FULL', 'E_ENGINE_CLOSED', 'E_QUEUE_UNAVAILABLE',
  ) },
});
const { body: _documentedOnly, ...dataRequest } = dataRoute.request;

export function registerDataRoute(app: OpenAPIHono, ctx: HttpContext): void {
  app.openAPIRegistry.registerPath(dataRoute);
  app.openapi({ ...dataRoute, request: dataRequest, hide: true }, async (c) => {
    const streamed = await streamUpload(c.req.raw, nodeIncoming(c.env), ctx, c.req.valid('query'), { anyType: true });
    if (streamed) {
      c.header('location', jobPath(streamed.id));
      return c.json({ id: streamed.id, status: streamed.status, links: linksFor(streamed.id) }, 202);
    }
    const submission = await readSubmission(c.req.raw, c.req.valid('query'), { bodyLimit: ctx.bodyLimit, anyType: true, incoming: nodeIncoming(c.env) });
    const { record } = await submitJob(ctx, submission, undefined);
    c.header('location', jobPath(record.id));
    return c.json({ id: record.id, status: record.status, links: linksFor(record.id) }, 202);
  }, invalid((error) => new InvalidJobError(formatIssues(error, 'query'))));
}
