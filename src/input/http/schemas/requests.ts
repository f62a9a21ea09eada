/**
 * Request schemas: the same objects validate input and generate
 * /openapi.json, so the document cannot drift from the code. Task options
 * come from the task descriptors (without their defaults, so that query and
 * body options merge before the engine fills in the rest).
 */
import { z } from '@hono/zod-openapi';
import { taskOptionsSchema } from '../../../tasks/options.ts';
import { JOB_ID_PATTERN } from '../../../ids.ts';
import { JOB_STATUSES } from '../../../jobs/job-index.ts';
import { TASK_NAMES } from '../../../protocol.ts';
import { taskQueryShape, wholeNumberText as wholeNumber } from './task-query.ts';

const flag = z
  .enum(['true', 'false', '1', '0'], { error: 'use true or false' })
  .transform((value) => value === 'true' || value === '1');

export const MAX_WAIT_MS = 10 * 60_000;

export const submitQuerySchema = z.object({
  task: z.string().optional().openapi({ description: `Task to run (${TASK_NAMES.join(', ')}); default wordcount` }),
  ...taskQueryShape,
  wait: flag.optional().openapi({ type: 'string', description: 'Answer 200 with the finished result instead of 202' }),
  timeout: wholeNumber('timeout')
    .pipe(z.number().min(1).max(MAX_WAIT_MS))
    .optional()
    .openapi({ type: 'string', description: `With wait=true: ms to wait before answering 202 (max ${MAX_WAIT_MS})` }),
});
export type SubmitQuery = z.output<typeof submitQuerySchema>;

export const idempotencyHeaderSchema = z.object({
  'idempotency-key': z.string().min(1).max(255).optional().openapi({
    description: 'Retrying a submit with the same key returns the first job instead of starting another; reusing the key for a different request (another text, task or options) answers 422 E_IDEMPOTENCY_MISMATCH',
  }),
});

/** Options of any task; the task's own schema then takes the ones it knows (src/tasks/registry.ts). */
export const jobOptionsSchema = taskOptionsSchema;

export const jobBodySchema = z
  .object({
    task: z.string().optional(),
    text: z.string({ error: (issue) => (issue.input === undefined ? 'text is required' : 'text must be a string') }),
    options: jobOptionsSchema.optional(),
    id: z.string().regex(JOB_ID_PATTERN, 'use 1-128 letters, digits, ".", "_" or "-"').optional().openapi({
      description: 'Your own job id; submitting the same id again returns the existing job, and for a different request answers 422 E_IDEMPOTENCY_MISMATCH',
    }),
  })
  .strict()
  .openapi('JobRequest');
export type JobBody = z.output<typeof jobBodySchema>;

export const jobIdParamSchema = z.object({
  id: z.string().regex(JOB_ID_PATTERN, 'not a job id').openapi({ param: { name: 'id', in: 'path' } }),
});

export const listQuerySchema = z.object({
  status: z.enum(JOB_STATUSES).optional(),
  limit: wholeNumber('limit').pipe(z.number().min(1).max(1000)).optional().openapi({ type: 'string', description: 'default 100' }),
});
