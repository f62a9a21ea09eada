/** `/v1/jobs`: submit, read, list and cancel jobs. */
import { createRoute } from '@hono/zod-openapi';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { InvalidRequestError, NotCancellableError, NotFoundError } from '../../../errors.ts';
import { formatIssues } from '../../../validation.ts';
import { isFinished } from '../../../jobs/job-index.ts';
import { jobPath, linksFor, recordView } from '../context.ts';
import type { HttpContext } from '../context.ts';
import { idempotencyHeaderSchema, jobBodySchema, jobIdParamSchema, listQuerySchema, submitQuerySchema } from '../schemas/requests.ts';
import { acceptedSchema, jobListSchema, jobRecordSchema, jobResultSchema, problems } from '../schemas/responses.ts';
import { nodeIncoming } from '../read-body.ts';
import { readSubmission } from '../submission.ts';
import { streamUpload } from '../stream-upload.ts';
import { SubmitRequestValidator } from '../submit-request.ts';
import { awaitOutcome, submitJob } from '../submit.ts';
import { BEARER, invalid, json, resultResponse } from './route-helpers.ts';

/** Cancelling waits this long for the job to stop before answering with its current state. */
const CANCEL_WAIT_MS = 5_000;

const submitRoute = createRoute({
  method: 'post', path: '/v1/jobs', operationId: 'submitJob', summary: 'Submit text as a job', security: BEARER,
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
    ...problems(
      'E_INVALID_JSON', 'E_INVALID_REQUEST', 'E_UNAUTHORIZED', 'E_CANCELLED', 'E_BODY_TOO_LARGE', 'E_UNSUPPORTED_MEDIA_TYPE',
      'E_INVALID_JOB', 'E_INVALID_OPTIONS', 'E_UNKNOWN_TASK', 'E_UNSUPPORTED_LANGUAGE', 'E_BINARY_INPUT', 'E_WORD_TOO_LONG',
      'E_TOO_MANY_WORDS', 'E_IDEMPOTENCY_MISMATCH', 'E_QUEUE_FULL', 'E_INTERNAL', 'E_TASK_FAILED', 'E_WORKER_CRASHED',
      'E_ENGINE_CLOSED', 'E_QUEUE_UNAVAILABLE', 'E_TIMEOUT',
    ),
  },
});

const getRoute = createRoute({
  method: 'get', path: '/v1/jobs/{id}', operationId: 'getJob', summary: 'A job: status, and result or error', security: BEARER,
  request: { params: jobIdParamSchema },
  responses: { 200: json(jobRecordSchema, 'The job'), ...problems('E_UNAUTHORIZED', 'E_NOT_FOUND') },
});
const listRoute = createRoute({
  method: 'get', path: '/v1/jobs', operationId: 'listJobs', summary: 'Recent jobs, newest first', security: BEARER,
  request: { query: listQuerySchema },
  responses: { 200: json(jobListSchema, 'Jobs (without results)'), ...problems('E_INVALID_REQUEST', 'E_UNAUTHORIZED') },
});
const cancelRoute = createRoute({
  method: 'delete', path: '/v1/jobs/{id}', operationId: 'cancelJob', summary: 'Cancel a queued or running job', security: BEARER,
  request: { params: jobIdParamSchema },
  responses: { 200: json(jobRecordSchema, 'The job after cancelling'), ...problems('E_UNAUTHORIZED', 'E_NOT_FOUND', 'E_NOT_CANCELLABLE') },
});

export function registerJobRoutes(app: OpenAPIHono, ctx: HttpContext): void {
  app.openAPIRegistry.registerPath(submitRoute);
  // The handler validates the query and header itself (submit-request.ts) and reads the body
  // itself (size limit, raw bytes): the route below is for routing only, the document has the rest.
  const validate = new SubmitRequestValidator();
  app.openapi({ ...submitRoute, request: {}, hide: true }, async (c) => {
    const query = validate.query(c);
    const key = validate.idempotencyKey(c);
    const streamed = await streamUpload(c.req.raw, nodeIncoming(c.env), ctx, query, { key });
    if (streamed) {
      if (streamed.replayed) c.header('idempotent-replayed', 'true');
      c.header('location', jobPath(streamed.id));
      if (query.wait && streamed.result) return resultResponse(c, streamed.result);
      return c.json({ id: streamed.id, status: streamed.status, links: linksFor(streamed.id) }, 202);
    }
    const submission = await readSubmission(c.req.raw, query, { bodyLimit: ctx.bodyLimit, incoming: nodeIncoming(c.env) });
    const { record, replayed } = await submitJob(ctx, submission, key);
    if (replayed) c.header('idempotent-replayed', 'true');
    c.header('location', jobPath(record.id));
    if (query.wait) {
      const outcome = await awaitOutcome(ctx, record, query.timeout ?? ctx.waitTimeoutMs, c.req.raw.signal);
      if (outcome.result) return resultResponse(c, outcome.result);
      return c.json({ id: outcome.id, status: outcome.status, links: linksFor(outcome.id) }, 202);
    }
    return c.json({ id: record.id, status: record.status, links: linksFor(record.id) }, 202);
  });

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
