/** `/v1/jobs`: submit, read, list and cancel jobs. */
import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { InvalidJobError, InvalidRequestError, NotCancellableError, NotFoundError } from '../../../errors.ts';
import { formatIssues } from '../../../config.ts';
import { isFinished } from '../../../jobs/job-index.ts';
import { jobPath, linksFor, recordView } from '../context.ts';
import type { HttpContext } from '../context.ts';
import { idempotencyHeaderSchema, jobBodySchema, jobIdParamSchema, listQuerySchema, submitQuerySchema } from '../schemas/requests.ts';
import { acceptedSchema, jobListSchema, jobRecordSchema, jobResultSchema, problems } from '../schemas/responses.ts';
import { nodeIncoming } from '../read-body.ts';
import { readSubmission } from '../submission.ts';
import { awaitOutcome, submitJob } from '../submit.ts';
import { invalid, json } from './route-helpers.ts';

/** Cancelling waits this long for the job to stop before answering with its current state. */
const CANCEL_WAIT_MS = 5_000;

const submitRoute = createRoute({
  method: 'post', path: '/v1/jobs', summary: 'Submit text as a job',
  description: 'A text/plain (or any raw) body with task and options in the query, or a JSON JobRequest.',
  request: {
    query: submitQuerySchema,
    headers: idempotencyHeaderSchema,
    body: {
      required: true,
      content: {
        'application/json': { schema: jobBodySchema },
        'text/plain': { schema: { type: 'string' } },
        'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
      },
    },
  },
  responses: {
    200: json(jobResultSchema, 'With wait=true: the finished result (the output file shape)'),
    202: json(acceptedSchema, 'Accepted; poll links.self'),
    ...problems(400, 401, 409, 413, 415, 422, 429, 500, 503, 504),
  },
});
// The body is read by the handler (size limit, raw bytes), so the validating route omits it.
const { body: _documentedOnly, ...submitRequest } = submitRoute.request;

const getRoute = createRoute({
  method: 'get', path: '/v1/jobs/{id}', summary: 'A job: status, and result or error',
  request: { params: jobIdParamSchema },
  responses: { 200: json(jobRecordSchema, 'The job'), ...problems(401, 404) },
});
const listRoute = createRoute({
  method: 'get', path: '/v1/jobs', summary: 'Recent jobs, newest first',
  request: { query: listQuerySchema },
  responses: { 200: json(jobListSchema, 'Jobs (without results)'), ...problems(400, 401) },
});
const cancelRoute = createRoute({
  method: 'delete', path: '/v1/jobs/{id}', summary: 'Cancel a queued or running job',
  request: { params: jobIdParamSchema },
  responses: { 200: json(jobRecordSchema, 'The job after cancelling'), ...problems(401, 404, 409) },
});

export function registerJobRoutes(app: OpenAPIHono, ctx: HttpContext): void {
  app.openAPIRegistry.registerPath(submitRoute);
  app.openapi({ ...submitRoute, request: submitRequest, hide: true }, async (c) => {
    const query = c.req.valid('query');
    const submission = await readSubmission(c.req.raw, query, { bodyLimit: ctx.bodyLimit, incoming: nodeIncoming(c.env) });
    const { record, replayed } = await submitJob(ctx, submission, c.req.valid('header')['idempotency-key']);
    if (replayed) c.header('idempotent-replayed', 'true');
    c.header('location', jobPath(record.id));
    if (query.wait) {
      const outcome = await awaitOutcome(ctx, record, query.timeout ?? ctx.waitTimeoutMs, c.req.raw.signal);
      if (outcome.result) return c.json(outcome.result, 200);
      return c.json({ id: outcome.id, status: outcome.status, links: linksFor(outcome.id) }, 202);
    }
    return c.json({ id: record.id, status: record.status, links: linksFor(record.id) }, 202);
  }, invalid((error) => new InvalidJobError(formatIssues(error, 'query'))));

  app.openapi(getRoute, async (c) => {
    const { id } = c.req.valid('param');
    // After a restart (or past --keep-jobs) a finished job is still answered, from its result file.
    const record = ctx.store.get(id) ?? (await ctx.results?.find(id));
    if (!record) throw new NotFoundError(`job ${id}`);
    return c.json(recordView(record), 200);
  }, invalid((error) => new NotFoundError(`job (${formatIssues(error, 'id')})`)));

  app.openapi(listRoute, (c) => {
    const { status, limit } = c.req.valid('query');
    const jobs = ctx.store
      .list({ ...(status === undefined ? {} : { status }), limit: limit ?? 100 })
      .map(({ result: _omitted, ...summary }) => recordView(summary));
    return c.json({ count: jobs.length, jobs }, 200);
  }, invalid((error) => new InvalidRequestError(formatIssues(error, 'query'))));

  app.openapi(cancelRoute, async (c) => {
    const { id } = c.req.valid('param');
    const record = ctx.store.get(id);
    if (!record) throw new NotFoundError(`job ${id}`);
    if (isFinished(record.status)) throw new NotCancellableError(id, record.status);
    ctx.engine.cancel(id);
    const settled = await ctx.store.whenSettled(id, CANCEL_WAIT_MS, c.req.raw.signal);
    return c.json(recordView(settled ?? ctx.store.get(id) ?? record), 200);
  }, invalid((error) => new NotFoundError(`job (${formatIssues(error, 'id')})`)));
}
