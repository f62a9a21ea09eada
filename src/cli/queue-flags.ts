/** Flags shared by every command that talks to the queue, with their WORDMILL_* variables. */
import { Option } from 'commander';
import { QUEUE_DEFAULTS } from '../queue/options.ts';

export const queueUrlOption = (description = 'run jobs through this Redis queue (BullMQ) instead of local threads'): Option =>
  new Option('--queue <url>', description).env('WORDMILL_QUEUE');

export const queueNameOption = (): Option =>
  new Option('--queue-name <name>', 'BullMQ queue name').default(QUEUE_DEFAULTS.name).env('WORDMILL_QUEUE_NAME');

export const maxRetriesOption = (): Option =>
  new Option('--max-retries <n>', 'queue mode: retries (exponential backoff) after a crash or timeout; invalid input is never retried')
    .default(String(QUEUE_DEFAULTS.maxRetries))
    .env('WORDMILL_MAX_RETRIES');

export const jsonOption = (): Option => new Option('--json', 'print JSON for scripts').default(false);
