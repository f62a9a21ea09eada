/** The YAML config file's MQTT part: parsed, validated with messages that name the option, merged under flags. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidOptionsError } from '../../src/errors.ts';
import { loadMqttConfigFile, mergeMqttOptions, parseMqttConfig } from '../../src/input/mqtt/config-file.ts';
import { resolveMqttOptions } from '../../src/input/mqtt/options.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidOptionsError);
    return (error as InvalidOptionsError).message;
  }
  throw new Error('expected an InvalidOptionsError');
}

describe('MQTT config file', () => {
  it('loads a subscriptions list with filters, tasks, options, QoS and modes', async () => {
    dir = await mkdtemp(join(tmpdir(), 'wordmill-config-'));
    const path = join(dir, 'wordmill.config.yaml');
    await writeFile(path, [
      'http:            # another part of wordmill: left alone',
      '  port: 8080',
      'mqtt:',
      '  broker: mqtt://broker.local:1883',
      '  clientId: line-7',
      '  maxPayloadBytes: 4MiB',
      '  allowedResponseTopics: [replies/+]',
      'subscriptions:',
      '  - topic: sensors/+/text',
      '    task: wordcount',
      '    qos: 2',
      '    options: { top: 5, stopwords: none }',
      '  - topic: $share/workers/wordmill/jobs/#',
      '    mode: async',
      '',
    ].join('\n'));
    const fileOptions = await loadMqttConfigFile(path);
    const resolved = resolveMqttOptions(mergeMqttOptions(fileOptions, { clientId: 'from-flag', username: undefined }));
    expect(resolved).toMatchObject({ broker: 'mqtt://broker.local:1883', clientId: 'from-flag', maxPayloadBytes: 4 * 1024 * 1024, allowedResponseTopics: ['replies/+'] });
    expect(resolved.subscriptions).toEqual([
      { topic: 'sensors/+/text', task: 'wordcount', qos: 2, mode: 'sync', options: { top: 5, stopwords: 'none' } },
      { topic: '$share/workers/wordmill/jobs/#', task: undefined, qos: 1, mode: 'async', options: undefined },
    ]);
  });

  it('names the file, the option and the bad value', () => {
    expect(message(() => parseMqttConfig('subscriptions:\n  - topic: a/#/b\n', 'w.yaml'))).toMatch(/config file w\.yaml: option "subscriptions\.0\.topic": "a\/#\/b" is not a valid topic filter/);
    expect(message(() => parseMqttConfig('subscriptions:\n  - topic: a\n    qos: 3\n', 'w.yaml'))).toContain('"subscriptions.0.qos"');
    expect(message(() => parseMqttConfig('subscriptions:\n  - topic: a\n    mode: later\n', 'w.yaml'))).toContain('"subscriptions.0.mode"');
    expect(message(() => parseMqttConfig('subscriptions:\n  - topic: a\n    task: shout\n', 'w.yaml'))).toContain('"subscriptions.0.task"');
    expect(message(() => parseMqttConfig('mqtt:\n  brokr: embedded\n', 'w.yaml'))).toMatch(/"mqtt".*brokr/);
    expect(message(() => parseMqttConfig('mqtt:\n  window: 5000\n', 'w.yaml'))).toContain('"mqtt.window"');
    expect(message(() => parseMqttConfig('mqtt:\n  allowedResponseTopics: [replies/+, $SYS/#]\n', 'w.yaml')))
      .toContain('option "mqtt.allowedResponseTopics.1": "$SYS/#" is not a valid topic filter for replies');
    expect(message(() => parseMqttConfig('mqtt:\n  topicPrefix: $SYS\n', 'w.yaml'))).toContain('"mqtt.topicPrefix"');
    expect(message(() => parseMqttConfig('subscriptions: [\n', 'w.yaml'))).toMatch(/config file w\.yaml line \d+: not valid YAML/);
    expect(message(() => parseMqttConfig('mqtt:\n  subscriptions: [{topic: a}]\nsubscriptions: [{topic: b}]\n'))).toContain('not both');
  });

  it('rejects options at the API boundary with the same messages', () => {
    expect(message(() => resolveMqttOptions({ broker: 'http://x' }))).toContain('mqtt option "broker"');
    expect(message(() => resolveMqttOptions({ window: 1000 }))).toContain('mqtt option "window"');
    expect(message(() => resolveMqttOptions({ subscriptions: [] }))).toContain('mqtt option "subscriptions"');
  });

  it('defaults to wordmill/jobs/# at QoS 1 in sync mode on an auto-chosen broker', () => {
    expect(resolveMqttOptions()).toMatchObject({
      broker: 'auto', host: '127.0.0.1', port: 1883, clientId: 'wordmill', window: 64,
      subscriptions: [{ topic: 'wordmill/jobs/#', qos: 1, mode: 'sync' }],
    });
    expect(resolveMqttOptions({ topicPrefix: 'plant7' }).subscriptions[0]!.topic).toBe('plant7/jobs/#');
  });
});
