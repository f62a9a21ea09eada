/**
 * Every failure a user can see is one of these classes, with a stable `code`.
 * Adapters map codes to HTTP statuses / MQTT reasons in one table
 * (`ERROR_STATUS`); nothing matches on message text.
 */
import { clip } from './excerpt.ts';
import type { WorkerErrorCode } from './protocol.ts';

export type ErrorCode =
  | WorkerErrorCode
  | 'E_INVALID_JOB'
  | 'E_INVALID_OPTIONS'
  | 'E_UNKNOWN_TASK'
  | 'E_UNSUPPORTED_LANGUAGE'
  | 'E_QUEUE_FULL'
  | 'E_ENGINE_CLOSED'
  | 'E_TIMEOUT'
  | 'E_CANCELLED'
  | 'E_WORKER_CRASHED'
  | 'E_TASK_FAILED'
  | 'E_NOT_A_FILE'
  | 'E_OUTPUT_FAILED'
  | 'E_OUTPUT_UNAVAILABLE'
  | 'E_INVALID_MESSAGE'
  | 'E_PAYLOAD_TOO_LARGE'
  | 'E_MQTT_BROKER'
  | 'E_INVALID_RESPONSE_TOPIC'
  | 'E_REPLY_FAILED'
  | 'E_MQTT_SESSION_TAKEN_OVER'
  | 'E_MQTT_CLIENT_INCOMPATIBLE'
  | 'E_QUEUE_UNAVAILABLE'
  | 'E_NOT_RETRYABLE'
  | 'E_INVALID_REQUEST'
  | 'E_INVALID_JSON'
  | 'E_BODY_TOO_LARGE'
  | 'E_UNSUPPORTED_MEDIA_TYPE'
  | 'E_UNAUTHORIZED'
  | 'E_NOT_FOUND'
  | 'E_NOT_CANCELLABLE'
  | 'E_IDEMPOTENCY_MISMATCH'
  | 'E_INTERNAL';

export class WordmillError extends Error {
  readonly code: ErrorCode;
  /** Whether running the same job again may succeed (drives retries). */
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; retryable?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options?.retryable ?? false;
  }

  toJSON(): { code: ErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

export class InvalidJobError extends WordmillError {
  constructor(message: string) { super('E_INVALID_JOB', message); }
}
export class InvalidOptionsError extends WordmillError {
  constructor(message: string) { super('E_INVALID_OPTIONS', message); }
}
export class UnknownTaskError extends WordmillError {
  constructor(task: string, known: readonly string[]) {
    super('E_UNKNOWN_TASK', `unknown task "${clip(task)}" (known: ${known.join(', ')})`);
  }
}
/** A task asked for a language it has no resources for (sentiment: English only). */
export class UnsupportedLanguageError extends WordmillError {
  constructor(task: string, language: string, supported: readonly string[]) {
    super('E_UNSUPPORTED_LANGUAGE', `task "${task}" does not support language "${language}" (supported: ${supported.join(', ')})`);
  }
}
export class QueueFullError extends WordmillError {
  constructor(limit: number) { super('E_QUEUE_FULL', `the job queue is full (${limit} jobs waiting); retry later`); }
}
export class EngineClosedError extends WordmillError {
  constructor() { super('E_ENGINE_CLOSED', 'the engine is shutting down and takes no new jobs'); }
}
export class JobTimeoutError extends WordmillError {
  constructor(ms: number) { super('E_TIMEOUT', `the job did not finish within ${ms} ms`, { retryable: true }); }
}
export class JobCancelledError extends WordmillError {
  constructor() { super('E_CANCELLED', 'the job was cancelled'); }
}
export class WorkerCrashedError extends WordmillError {
  constructor(cause: unknown) {
    super('E_WORKER_CRASHED', `a worker thread failed: ${describe(cause)}`, { cause, retryable: true });
  }
}
export class InputError extends WordmillError {
  constructor(code: Exclude<WorkerErrorCode, 'E_OUTPUT_FAILED'> | 'E_NOT_A_FILE', message: string) { super(code, message); }
}
export class OutputError extends WordmillError {
  constructor(path: string, cause: unknown) {
    super('E_OUTPUT_FAILED', `could not write ${path}: ${describe(cause)}`, { cause });
  }
}
/** A worker thread could not write its log: the same disk trouble as a result file that cannot be written. */
export class WorkerLogError extends WordmillError {
  constructor(message: string) { super('E_OUTPUT_FAILED', message); }
}
/** Readiness: the output folder cannot take result files now (so jobs would fail with E_OUTPUT_FAILED). */
export class OutputUnavailableError extends WordmillError {
  constructor(dir: string, reason: string) { super('E_OUTPUT_UNAVAILABLE', `the output folder ${dir} is not writable: ${reason}`); }
}
export class InvalidRequestError extends WordmillError {
  constructor(message: string) { super('E_INVALID_REQUEST', message); }
}
export class InvalidJsonError extends WordmillError {
  constructor(detail: string) { super('E_INVALID_JSON', `the body is not valid JSON: ${detail}`); }
}
export class BodyTooLargeError extends WordmillError {
  /** `of`: which limit, and what to do instead, when there is more to say than the size. */
  constructor(limit: number, of?: string) {
    super('E_BODY_TOO_LARGE', `the request body is larger than the limit of ${limit} bytes${of === undefined ? '' : `: ${of}`}`);
  }
}
export class UnsupportedMediaTypeError extends WordmillError {
  constructor(type: string, accepted: readonly string[]) {
    super('E_UNSUPPORTED_MEDIA_TYPE', `content type "${clip(type)}" is not accepted here (use ${accepted.join(', ')})`);
  }
}
export class UnauthorizedError extends WordmillError {
  constructor() { super('E_UNAUTHORIZED', 'a valid "Authorization: Bearer <token>" header is required'); }
}
export class NotFoundError extends WordmillError {
  constructor(what: string) { super('E_NOT_FOUND', `${what} was not found`); }
}
export class NotCancellableError extends WordmillError {
  constructor(id: string, status: string) { super('E_NOT_CANCELLABLE', `job ${id} is already ${status} and cannot be cancelled`); }
}
export class IdempotencyMismatchError extends WordmillError {
  /** `kind`: whether the reused name was an Idempotency-Key header or a job id (a JSON body's `id`). */
  constructor(key: string, kind: 'key' | 'id' = 'key') {
    super('E_IDEMPOTENCY_MISMATCH', `${kind === 'key' ? 'idempotency key' : 'job id'} "${key}" was already used for a different request`);
  }
}

/** An MQTT job message that is neither raw text nor a valid JSON envelope. */
export class InvalidMessageError extends WordmillError {
  constructor(message: string) { super('E_INVALID_MESSAGE', message); }
}
export class PayloadTooLargeError extends WordmillError {
  constructor(bytes: number, limit: number) {
    super('E_PAYLOAD_TOO_LARGE', `the message has ${bytes} bytes; the limit is ${limit}`);
  }
}
/** The MQTT broker could not be started or reached. */
export class MqttBrokerError extends WordmillError {
  constructor(message: string, cause?: unknown) { super('E_MQTT_BROKER', message, { cause }); }
}
/** An MQTT 5 response topic wordmill will not publish to (wildcards, `$` topics, bad UTF-8, too long, not allowed). */
export class InvalidResponseTopicError extends WordmillError {
  constructor(topic: string, reason: string) {
    super('E_INVALID_RESPONSE_TOPIC', `response topic ${JSON.stringify(topic.length > 200 ? `${topic.slice(0, 200)}…` : topic)} refused: ${reason}`);
  }
}
/** An MQTT reply the broker refused (MQTT 5 reason code >= 0x80) or lost with its connection twice. */
export class ReplyFailedError extends WordmillError {
  /** The broker's reason code, when it refused the publish. */
  readonly reasonCode: number | undefined;
  constructor(topic: string, reason: string, reasonCode?: number, cause?: unknown) {
    super('E_REPLY_FAILED', `the reply to ${JSON.stringify(topic)} was not delivered: ${reason}`, { cause });
    this.reasonCode = reasonCode;
  }
}
/** Another client connected with wordmill's MQTT client id and took its session. */
export class MqttSessionTakenOverError extends WordmillError {
  constructor(clientId: string) {
    super('E_MQTT_SESSION_TAKEN_OVER', `another MQTT client connected with the client id "${clientId}" and took over the session; not reconnecting (give each wordmill instance its own --mqtt-client-id)`);
  }
}
/** The installed mqtt.js lacks a member wordmill's MQTT input relies on (src/input/mqtt/mqtt-internals.ts). */
export class MqttClientIncompatibleError extends WordmillError {
  constructor(installed: string, tested: string, problems: readonly string[]) {
    super('E_MQTT_CLIENT_INCOMPATIBLE', `mqtt.js ${installed} is not compatible with wordmill's MQTT input (tested with mqtt.js ${tested}): ${problems.join('; ')}; install the mqtt version package.json pins`);
  }
}
/** Queue mode: Redis could not be reached. */
export class QueueUnavailableError extends WordmillError {
  constructor(url: string, cause?: unknown) {
    super('E_QUEUE_UNAVAILABLE', `the job queue at ${url} is unreachable: ${describe(cause)}`, { cause, retryable: true });
  }
}
/** `wordmill jobs retry`: only failed jobs go back in the queue. */
export class JobNotRetryableError extends WordmillError {
  constructor(id: string, state: string) { super('E_NOT_RETRYABLE', `job ${id} is ${state}; only failed jobs can be retried`); }
}
/** Queue mode: a text too large to carry inside a Redis job (send a file path instead). */
export class QueueTextTooLargeError extends WordmillError {
  constructor(bytes: number, limit: number) {
    super('E_PAYLOAD_TOO_LARGE', `the text has ${bytes} bytes; jobs sent through the queue carry at most ${limit}`);
  }
}
export class InternalError extends WordmillError {
  constructor() { super('E_INTERNAL', 'an unexpected error occurred; it has been logged'); }
}

/** HTTP status for each code: the one place adapters look it up. */
export const ERROR_STATUS: Readonly<Record<ErrorCode, number>> = Object.freeze({
  E_INVALID_JOB: 422,
  E_INVALID_OPTIONS: 422,
  E_UNKNOWN_TASK: 422,
  E_UNSUPPORTED_LANGUAGE: 422,
  E_BINARY_INPUT: 422,
  E_WORD_TOO_LONG: 422,
  E_TOO_MANY_WORDS: 422,
  E_INPUT_NOT_FOUND: 404,
  E_INPUT_UNREADABLE: 422,
  E_INPUT_CHANGED: 409,
  E_INPUT_DAMAGED: 422,
  E_NOT_A_FILE: 422,
  E_QUEUE_FULL: 429,
  E_ENGINE_CLOSED: 503,
  E_TIMEOUT: 504,
  E_CANCELLED: 409,
  E_WORKER_CRASHED: 500,
  E_TASK_FAILED: 500,
  E_OUTPUT_FAILED: 500,
  E_OUTPUT_UNAVAILABLE: 503,
  E_INVALID_MESSAGE: 422,
  E_PAYLOAD_TOO_LARGE: 413,
  E_MQTT_BROKER: 503,
  E_INVALID_RESPONSE_TOPIC: 422,
  E_REPLY_FAILED: 502,
  E_MQTT_SESSION_TAKEN_OVER: 503,
  E_MQTT_CLIENT_INCOMPATIBLE: 500,
  E_QUEUE_UNAVAILABLE: 503,
  E_NOT_RETRYABLE: 409,
  E_INVALID_REQUEST: 400,
  E_INVALID_JSON: 400,
  E_BODY_TOO_LARGE: 413,
  E_UNSUPPORTED_MEDIA_TYPE: 415,
  E_UNAUTHORIZED: 401,
  E_NOT_FOUND: 404,
  E_NOT_CANCELLABLE: 409,
  E_IDEMPOTENCY_MISMATCH: 422,
  E_INTERNAL: 500,
});

export function toWordmillError(error: unknown): WordmillError {
  if (error instanceof WordmillError) return error;
  return new WordmillError('E_TASK_FAILED', describe(error), { cause: error });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
