/** The scope registry: a new scope is one file and one line here. */
import type { Scope } from '../lib/types.ts';
import { corpusScope } from './corpus.ts';
import { httpScope } from './http.ts';
import { memoryScope } from './memory.ts';
import { mqttScope } from './mqtt.ts';
import { poolScope } from './pool.ts';
import { queueScope } from './queue.ts';
import { tasksScope } from './tasks.ts';

export const SCOPES: readonly Scope[] = [corpusScope, poolScope, memoryScope, tasksScope, httpScope, mqttScope, queueScope];

/** What `--scope all` runs: everything but the opt-in memory scope (it writes a 1 GiB file); queue skips without Redis. */
export const DEFAULT_ALL = ['corpus', 'pool', 'tasks', 'http', 'mqtt', 'queue'];
