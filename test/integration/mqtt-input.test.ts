/**
 * The MQTT input against real brokers: the embedded Aedes always, the
 * machine's Mosquitto when it answers (required under CI=true).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BROKER_TARGETS } from '../helpers/mqtt-brokers.ts';
import { startStack } from '../helpers/mqtt-stack.ts';
import type { Stack } from '../helpers/mqtt-stack.ts';

const TEXT = 'The quick brown fox jumps over the lazy dog. The dog sleeps.';
const EXPECTED = {
  totalWords: 12,
  uniqueWords: 9,
  top: [
    { word: 'dog', count: 2 }, { word: 'brown', count: 1 }, { word: 'fox', count: 1 }, { word: 'jumps', count: 1 },
    { word: 'lazy', count: 1 }, { word: 'quick', count: 1 }, { word: 'sleeps', count: 1 },
  ],
};

for (const target of BROKER_TARGETS) {
  describe.skipIf(target.skip !== undefined)(`MQTT input on ${target.name}`, () => {
    let stack: Stack | undefined;
    afterEach(async () => {
      await stack?.teardown();
      stack = undefined;
    });

    it('counts a raw UTF-8 payload, task from the topic, and publishes the result JSON', async () => {
      stack = await startStack(target);
      const { prefix } = stack;
      const results = await stack.record([`${prefix}/results/#`]);
      await results.publish(`${prefix}/jobs/wordcount`, TEXT);
      const [reply] = await results.until((r) => r.length === 1);
      const id = String(reply!.json['id']);
      expect(reply!.topic).toBe(`${prefix}/results/${id}`);
      expect(reply!.json).toMatchObject({ ...EXPECTED, task: 'wordcount', source: `mqtt:${prefix}/jobs/wordcount`, bytes: 60 });
      const file = JSON.parse(await readFile(join(stack.outDir, `mqtt_${id}.json`), 'utf8')) as Record<string, unknown>;
      expect(file).toMatchObject({ id, ...EXPECTED });
      const stats = stack.input.stats();
      expect(stats).toMatchObject({ connected: true, inFlight: 0 });
      expect(stats.subscriptions[0]).toMatchObject({ topic: `${prefix}/jobs/#`, messages: 1, errors: 0 });
      expect(stats.subscriptions[0]!.lastMessageAt).not.toBeNull();
    });

    it('takes a JSON envelope with id, task and options', async () => {
      stack = await startStack(target);
      const { prefix } = stack;
      const results = await stack.record([`${prefix}/results/#`]);
      await results.publish(`${prefix}/jobs/anything`, JSON.stringify({ id: 'env-1', task: 'wordcount', text: TEXT, options: { top: 2 } }));
      const [reply] = await results.until((r) => r.length === 1);
      expect(reply!.topic).toBe(`${prefix}/results/env-1`);
      expect(reply!.json).toMatchObject({ id: 'env-1', totalWords: 12, uniqueWords: 9, top: EXPECTED.top.slice(0, 2) });
    });

    it('routes wildcard subscriptions with their own task options and QoS', async () => {
      stack = await startStack(target, (p) => ({
        subscriptions: [
          { topic: `${p}/sensors/+/text`, task: 'wordcount', options: { top: 1 }, qos: 1 },
          { topic: `${p}/bulk/#`, qos: 2, mode: 'sync' },
        ],
      }));
      const { prefix } = stack;
      const results = await stack.record([`${prefix}/results/#`]);
      await results.publish(`${prefix}/sensors/a/text`, 'alpha beta beta');
      await results.publish(`${prefix}/sensors/b/text`, 'gamma gamma delta');
      await results.publish(`${prefix}/sensors/b/other`, 'not subscribed');
      await results.publish(`${prefix}/bulk/x/y`, TEXT, { qos: 2 });
      const replies = await results.until((r) => r.length === 3);
      const bySource = Object.fromEntries(replies.map((r) => [r.json['source'], r.json]));
      expect(bySource[`mqtt:${prefix}/sensors/a/text`]).toMatchObject({ totalWords: 3, top: [{ word: 'beta', count: 2 }] });
      expect(bySource[`mqtt:${prefix}/sensors/b/text`]).toMatchObject({ totalWords: 3, top: [{ word: 'gamma', count: 2 }] });
      expect(bySource[`mqtt:${prefix}/bulk/x/y`]).toMatchObject(EXPECTED);
      expect(stack.input.stats().subscriptions.map((s) => s.messages)).toEqual([2, 1]);
    });

    it('reports poison messages on the errors topic, acknowledges them, and goes on', async () => {
      stack = await startStack(target);
      const { prefix } = stack;
      const rec = await stack.record([`${prefix}/results/#`, `${prefix}/errors/#`]);
      await rec.publish(`${prefix}/jobs/wordcount`, '{"text": 42}');
      await rec.publish(`${prefix}/jobs/nosuchtask`, 'some words');
      await rec.publish(`${prefix}/jobs/wordcount`, Buffer.from([0x61, 0x00, 0x62]));
      await rec.publish(`${prefix}/jobs/wordcount`, TEXT);
      const all = await rec.until((r) => r.length === 4);
      const errors = all.filter((r) => r.topic.startsWith(`${prefix}/errors/`));
      expect(errors.map((e) => (e.json['error'] as { code: string }).code).sort()).toEqual(['E_BINARY_INPUT', 'E_INVALID_MESSAGE', 'E_UNKNOWN_TASK']);
      for (const e of errors) {
        expect(e.topic).toBe(`${prefix}/errors/${String(e.json['id'])}`);
        expect(e.json['error']).toMatchObject({ message: expect.any(String) });
      }
      expect(all.filter((r) => r.topic.startsWith(`${prefix}/results/`)).map((r) => r.json['totalWords'])).toEqual([12]);
      expect(stack.input.stats().subscriptions[0]).toMatchObject({ messages: 4, errors: 3 });
      await expect.poll(() => stack!.input.stats().inFlight).toBe(0);
    });

    it('does not process a duplicate delivery twice (same id, or same topic and payload)', async () => {
      stack = await startStack(target);
      const { prefix } = stack;
      const rec = await stack.record([`${prefix}/results/#`]);
      const envelope = JSON.stringify({ id: 'dup-1', text: TEXT });
      await rec.publish(`${prefix}/jobs/wordcount`, envelope);
      await rec.publish(`${prefix}/jobs/wordcount`, envelope);
      await rec.publish(`${prefix}/jobs/wordcount`, 'same raw text');
      await rec.publish(`${prefix}/jobs/wordcount`, 'same raw text');
      await rec.publish(`${prefix}/jobs/wordcount`, 'last one');
      // Results may arrive in any order (the engine runs jobs in parallel).
      await rec.until((r) => r.length >= 3);
      await expect.poll(() => stack!.input.stats().inFlight).toBe(0);
      expect(rec.received).toHaveLength(3);
      expect(stack.engine.stats().done).toBe(3);
      expect(stack.input.stats().subscriptions[0]).toMatchObject({ messages: 5, duplicates: 2 });
      expect((await readdir(stack.outDir)).filter((f) => f.endsWith('.json'))).toHaveLength(3);
    });

    it.runIf(target.v5)('answers on the MQTT 5 response topic with the correlation data', async () => {
      stack = await startStack(target);
      const { prefix } = stack;
      const rec = await stack.record([`${prefix}/replies/#`, `${prefix}/results/#`]);
      const correlationData = Buffer.from('req-42');
      await rec.publish(`${prefix}/jobs/wordcount`, TEXT, { qos: 1, properties: { responseTopic: `${prefix}/replies/me`, correlationData } });
      await rec.publish(`${prefix}/jobs/nosuchtask`, 'x', { qos: 1, properties: { responseTopic: `${prefix}/replies/me`, correlationData: Buffer.from('req-43') } });
      const replies = await rec.until((r) => r.length === 2);
      expect(replies.every((r) => r.topic === `${prefix}/replies/me`)).toBe(true);
      const ok = replies.find((r) => r.correlationData?.toString() === 'req-42');
      const failed = replies.find((r) => r.correlationData?.toString() === 'req-43');
      expect(ok?.json).toMatchObject(EXPECTED);
      expect(failed?.json['error']).toMatchObject({ code: 'E_UNKNOWN_TASK' });
    });

    it.runIf(target.v5)('splits a $share/<group>/ subscription and routes by the inner filter', async () => {
      stack = await startStack(target, (p) => ({ subscriptions: [{ topic: `$share/g1/${p}/shared/#`, task: 'wordcount' }] }));
      const { prefix } = stack;
      const rec = await stack.record([`${prefix}/results/#`]);
      await rec.publish(`${prefix}/shared/one`, 'one two three');
      const [reply] = await rec.until((r) => r.length === 1);
      expect(reply!.json).toMatchObject({ totalWords: 3, source: `mqtt:${prefix}/shared/one` });
      expect(stack.input.stats().subscriptions[0]).toMatchObject({ topic: `$share/g1/${prefix}/shared/#`, messages: 1 });
    });
  });
}
