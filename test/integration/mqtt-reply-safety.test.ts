/**
 * Replies that cannot poison the MQTT input, against Mosquitto (MQTT 5):
 * a wildcard response topic (Mosquitto drops the connection that publishes
 * it), `$SYS` response topics (refused "not authorized", one receive-maximum
 * place each while unacknowledged), replies an ACL refuses and replies too
 * large for the broker. After each, normal messages must all be answered.
 */
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { registerMqttMetrics } from '../../src/metrics/mqtt-metrics.ts';
import type { BrokerTarget } from '../helpers/mqtt-brokers.ts';
import { BROKER_TARGETS } from '../helpers/mqtt-brokers.ts';
import type { Recorder } from '../helpers/mqtt-client.ts';
import { startStack } from '../helpers/mqtt-stack.ts';
import type { Stack } from '../helpers/mqtt-stack.ts';
import { parsePrometheus } from '../helpers/prometheus.ts';
import { privateMosquittoSkip, startPrivateMosquitto } from '../helpers/private-mosquitto.ts';
import type { PrivateMosquitto } from '../helpers/private-mosquitto.ts';

const mosquitto = BROKER_TARGETS.find((t) => t.name === 'mosquitto')!;
const TEXT = 'The quick brown fox jumps over the lazy dog. The dog sleeps.';

let stack: Stack | undefined;
let privateBroker: PrivateMosquitto | undefined;
afterEach(async () => {
  await stack?.teardown();
  await privateBroker?.stop();
  stack = undefined;
  privateBroker = undefined;
});

const codeOf = (json: Record<string, unknown>): string => (json['error'] as { code: string }).code;

/** Publishes five normal messages and expects five results of 12 words. */
async function fiveNormalMessagesAnswered(s: Stack, rec: Recorder): Promise<void> {
  const before = rec.received.filter((r) => r.topic.startsWith(`${s.prefix}/results/`)).length;
  for (let i = 0; i < 5; i++) await rec.publish(`${s.prefix}/jobs/wordcount`, `${TEXT} ${'extra '.repeat(i)}`);
  const all = await rec.until((r) => r.filter((m) => m.topic.startsWith(`${s.prefix}/results/`)).length === before + 5, 20_000);
  const totals = all.filter((m) => m.topic.startsWith(`${s.prefix}/results/`)).slice(before).map((m) => m.json['totalWords']);
  expect(totals.sort()).toEqual([12, 13, 14, 15, 16]);
  await expect.poll(() => s.input.stats()).toMatchObject({ inFlight: 0, unacknowledged: 0 });
}

describe.skipIf(mosquitto.skip !== undefined)('MQTT response topics on Mosquitto', () => {
  it('refuses a wildcard response topic and 70 $SYS ones with E_INVALID_RESPONSE_TOPIC, acks them, and answers the next messages', async () => {
    stack = await startStack(mosquitto);
    const { prefix } = stack;
    const rec = await stack.record([`${prefix}/results/#`, `${prefix}/errors/#`]);
    await rec.publish(`${prefix}/jobs/wordcount`, 'poison', { qos: 1, properties: { responseTopic: 'x/#', correlationData: Buffer.from('poison-1') } });
    // More than the window (64): each would hold a receive-maximum place if left unacknowledged.
    for (let i = 0; i < 70; i++) {
      await rec.publish(`${prefix}/jobs/wordcount`, JSON.stringify({ id: `sys-${i}`, text: 'x' }), { qos: 1, properties: { responseTopic: '$SYS/x' } });
    }
    const errors = await rec.until((r) => r.length === 71, 20_000);
    expect(errors.every((e) => e.topic.startsWith(`${prefix}/errors/`) && codeOf(e.json) === 'E_INVALID_RESPONSE_TOPIC')).toBe(true);
    const poison = errors.find((e) => e.correlationData?.toString() === 'poison-1');
    expect((poison?.json['error'] as { message: string }).message).toBe('response topic "x/#" refused: it contains a wildcard (+ or #); a reply needs a topic name, not a filter');
    expect(errors.filter((e) => e.topic === `${prefix}/errors/sys-7`)).toHaveLength(1);

    await fiveNormalMessagesAnswered(stack, rec);
    expect(stack.engine.stats().done).toBe(5); // the refused messages were not processed
    expect(stack.input.stats()).toMatchObject({ reconnects: 0, replies: { connected: true, reconnects: 0, failures: 0 } });
    expect(stack.input.stats().subscriptions[0]).toMatchObject({ messages: 76, errors: 71 });
  }, 40_000);

  it('refuses response topics outside the configured allow-list', async () => {
    stack = await startStack(mosquitto, (p) => ({ allowedResponseTopics: [`${p}/replies/+`] }));
    const { prefix } = stack;
    const rec = await stack.record([`${prefix}/replies/#`, `${prefix}/errors/#`, `${prefix}/elsewhere/#`]);
    await rec.publish(`${prefix}/jobs/wordcount`, TEXT, { qos: 1, properties: { responseTopic: `${prefix}/replies/me`, correlationData: Buffer.from('a') } });
    await rec.publish(`${prefix}/jobs/wordcount`, TEXT, { qos: 1, properties: { responseTopic: `${prefix}/elsewhere/me`, correlationData: Buffer.from('b') } });
    const all = await rec.until((r) => r.length === 2);
    const ok = all.find((r) => r.correlationData?.toString() === 'a');
    const refused = all.find((r) => r.correlationData?.toString() === 'b');
    expect(ok).toMatchObject({ topic: `${prefix}/replies/me`, json: { totalWords: 12 } });
    expect(refused?.topic).toMatch(new RegExp(`^${prefix}/errors/`));
    expect(refused?.json['error']).toEqual({
      code: 'E_INVALID_RESPONSE_TOPIC',
      message: `response topic "${prefix}/elsewhere/me" refused: it matches none of the allowed response topics (${prefix}/replies/+)`,
    });
  });
});

describe.skipIf(privateMosquittoSkip !== undefined)('MQTT replies the broker refuses or drops (a private Mosquitto)', () => {
  const privateTarget = (url: string): BrokerTarget => ({ name: 'mosquitto', v5: true, skip: undefined, start: async () => ({ url, close: async () => {} }) });

  it('counts, reports and acknowledges 70 replies an ACL refuses (PUBACK 0x87), then answers the next messages', async () => {
    privateBroker = await startPrivateMosquitto('', 'topic readwrite #\ntopic deny denied/#\n');
    stack = await startStack(privateTarget(privateBroker.url));
    const { prefix } = stack;
    const rec = await stack.record([`${prefix}/results/#`, `${prefix}/errors/#`]);
    for (let i = 0; i < 70; i++) {
      await rec.publish(`${prefix}/jobs/wordcount`, JSON.stringify({ id: `acl-${i}`, text: 'one two' }), { qos: 1, properties: { responseTopic: 'denied/me' } });
    }
    const errors = await rec.until((r) => r.length === 70, 30_000);
    expect(errors.every((e) => codeOf(e.json) === 'E_REPLY_FAILED')).toBe(true);
    expect((errors.find((e) => e.topic === `${prefix}/errors/acl-3`)?.json['error'] as { message: string }).message)
      .toBe('the reply to "denied/me" was not delivered: the broker refused it: Publish error: Not authorized (reason code 0x87)');
    await fiveNormalMessagesAnswered(stack, rec);
    expect(stack.input.stats()).toMatchObject({ reconnects: 0, replies: { failures: 70 } });
    const registry = new Registry();
    registerMqttMetrics(registry, () => stack!.input.stats());
    expect(parsePrometheus(await registry.metrics()).get('wordmill_mqtt_reply_failures_total')?.samples).toEqual([
      { name: 'wordmill_mqtt_reply_failures_total', labels: {}, value: 70 },
    ]);
  }, 60_000);

  it('gives up on a reply the broker drops the connection for (twice), reports it, and the reply connection recovers', async () => {
    privateBroker = await startPrivateMosquitto('max_packet_size 2000');
    stack = await startStack(privateTarget(privateBroker.url));
    const { prefix } = stack;
    const rec = await stack.record([`${prefix}/results/#`, `${prefix}/errors/#`]);
    // ~1.6 kB in, a result with 100 top words (~4 kB) out: over the broker's max_packet_size.
    const words = Array.from({ length: 100 }, (_, i) => `word${String(i).padStart(3, '0')}xxxxxxx`).join(' ');
    await rec.publish(`${prefix}/jobs/wordcount`, JSON.stringify({ id: 'too-big', text: words, options: { top: 100, stopwords: 'none' } }));
    const [report] = await rec.until((r) => r.length === 1, 20_000);
    expect(report?.topic).toBe(`${prefix}/errors/too-big`);
    expect(codeOf(report!.json)).toBe('E_REPLY_FAILED');
    expect((report!.json['error'] as { message: string }).message).toMatch(/^the reply to ".*\/results\/too-big" was not delivered: the connection was lost with it in flight \(2 times\)/);
    await fiveNormalMessagesAnswered(stack, rec);
    const stats = stack.input.stats();
    expect(stats.replies).toMatchObject({ connected: true, failures: 1 });
    expect(stats.replies.reconnects).toBeGreaterThanOrEqual(2);
    expect(stats.reconnects).toBe(stats.replies.reconnects); // the job connection never dropped
  }, 60_000);
});
