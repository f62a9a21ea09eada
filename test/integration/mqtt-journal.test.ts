/**
 * Which MQTT jobs go into the journal: async-mode ones (acknowledged before
 * their result, so a crash must not lose them) and not sync-mode ones (the
 * broker keeps those until their result is out).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal } from '../../src/journal/journal.ts';
import { journalRecords } from '../../src/journal/journal-files.ts';
import { BROKER_TARGETS } from '../helpers/mqtt-brokers.ts';
import { startStack } from '../helpers/mqtt-stack.ts';
import type { Stack } from '../helpers/mqtt-stack.ts';

const embedded = BROKER_TARGETS.find((t) => t.name === 'aedes')!;

describe('MQTT jobs and the journal', () => {
  let stack: Stack | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await stack?.teardown();
    stack = undefined;
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('journals async-mode jobs before acking them, and not sync-mode ones', async () => {
    dir = await mkdtemp(join(tmpdir(), 'wordmill-mqtt-journal-'));
    const { journal } = await Journal.open(dir);
    stack = await startStack(embedded, (p) => ({
      subscriptions: [
        { topic: `${p}/async/#`, task: 'wordcount', qos: 1, mode: 'async' },
        { topic: `${p}/sync/#`, task: 'wordcount', qos: 1, mode: 'sync' },
      ],
    }), { journal });
    stack.defer(() => journal.close());
    const { prefix } = stack;
    const results = await stack.record([`${prefix}/results/#`]);
    await results.publish(`${prefix}/async/x`, JSON.stringify({ id: 'async-1', text: 'one two' }), { qos: 1 });
    await results.publish(`${prefix}/sync/x`, JSON.stringify({ id: 'sync-1', text: 'three' }), { qos: 1 });
    const replies = await results.until((r) => r.length === 2);
    expect(replies.map((r) => r.json['id']).sort()).toEqual(['async-1', 'sync-1']);
    await journal.close();
    const adds = [];
    for await (const record of journalRecords(dir)) if (record.op === 'add') adds.push(record.entry.job);
    expect(adds.map((job) => ({ id: job.id, name: job.name, input: job.input }))).toEqual([{ id: 'async-1', name: 'mqtt', input: { bytes: new Uint8Array(Buffer.from('one two')) } }]);
  });
});
