/**
 * A job message's payload: raw UTF-8 text, or a JSON envelope
 * `{ id?, task?, text, options? }`. A payload whose first non-blank byte is
 * `{` is an envelope (send content type `text/plain` to force raw text).
 */
import { z } from 'zod';
import { formatIssues } from '../../validation.ts';
import type { JobInputSource } from '../../dispatch/job.ts';
import { InvalidMessageError, PayloadTooLargeError } from '../../errors.ts';
import { JOB_ID_PATTERN } from '../../ids.ts';
import { isPlainObject } from '../../plain-values.ts';
import { parseTextBytesJson } from '../json/json-text-bytes.ts';

export interface ParsedPayload {
  kind: 'raw' | 'envelope';
  id: string | undefined;
  task: string | undefined;
  input: JobInputSource;
  options: Record<string, unknown> | undefined;
}

const envelopeSchema = z
  .object({
    id: z.string().regex(JOB_ID_PATTERN, 'use 1-128 letters, digits, ".", "_" or "-"').optional(),
    task: z.string().min(1).optional(),
    text: z.string(),
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

const OPEN_BRACE = 0x7b;

export function parsePayload(payload: Uint8Array, contentType: string | undefined, maxBytes: number): ParsedPayload {
  if (payload.byteLength > maxBytes) throw new PayloadTooLargeError(payload.byteLength, maxBytes);
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  const json = type === undefined ? firstNonBlank(payload) === OPEN_BRACE : type === 'application/json';
  if (!json) return { kind: 'raw', id: undefined, task: undefined, input: { bytes: payload }, options: undefined };
  const fast = parseTextBytesJson(payload);
  if (fast !== undefined && isPlainEnvelope(fast.value)) {
    const { id, task, options } = fast.value;
    return { kind: 'envelope', id, task, input: { bytes: fast.text }, options };
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch (error) {
    throw new InvalidMessageError(`the payload starts with "{" but is not a JSON envelope: ${(error as Error).message}`);
  }
  const { id, task, text, options } = isPlainEnvelope(value) ? value : validEnvelope(value);
  return { kind: 'envelope', id, task, input: { text }, options };
}

type Envelope = z.output<typeof envelopeSchema>;

function validEnvelope(value: unknown): Envelope {
  const parsed = envelopeSchema.safeParse(value);
  if (!parsed.success) throw new InvalidMessageError(formatIssues(parsed.error, 'envelope'));
  return parsed.data;
}

const ENVELOPE_FIELDS: ReadonlySet<string> = new Set(['id', 'task', 'text', 'options']);

/**
 * An envelope the schema surely accepts as it is, checked by hand (a few µs of zod per message
 * before); anything else goes through the schema, so every refusal reads as before.
 */
function isPlainEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const key of Object.keys(value)) if (!ENVELOPE_FIELDS.has(key)) return false;
  const { id, task, text, options } = value as Record<string, unknown>;
  return typeof text === 'string'
    && (id === undefined || (typeof id === 'string' && JOB_ID_PATTERN.test(id)))
    && (task === undefined || (typeof task === 'string' && task.length > 0))
    && (options === undefined || isPlainObject(options));
}

function firstNonBlank(bytes: Uint8Array): number | undefined {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let i = bom; i < bytes.length && i < 64; i++) {
    const b = bytes[i]!;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return b;
  }
  return undefined;
}
