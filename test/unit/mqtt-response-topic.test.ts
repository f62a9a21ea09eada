import type { IPublishPacket } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { InvalidResponseTopicError } from '../../src/errors.ts';
import { checkResponseTopic, MAX_RESPONSE_TOPIC_BYTES, replyToOf, topicNameProblem } from '../../src/input/mqtt/response-topic.ts';

describe('response topic check', () => {
  it.each([
    ['x/#', 'it contains a wildcard (+ or #); a reply needs a topic name, not a filter'],
    ['a/+/b', 'it contains a wildcard (+ or #); a reply needs a topic name, not a filter'],
    ['a/b#', 'it contains a wildcard (+ or #); a reply needs a topic name, not a filter'],
    ['$SYS/x', 'topics starting with "$" belong to the broker ($SYS, $share)'],
    ['$share/g/a', 'topics starting with "$" belong to the broker ($SYS, $share)'],
    ['', 'it is empty'],
    ['a/\u0000/b', 'it contains U+0000, which MQTT forbids in topics'],
    ['caf\uFFFD', 'it is not valid UTF-8'],
    ['lone/\uD800', 'it is not valid UTF-8'],
    ['é'.repeat(513), `it has 1026 bytes; the limit is ${MAX_RESPONSE_TOPIC_BYTES}`],
  ])('refuses %j: %s', (topic, reason) => expect(topicNameProblem(topic)).toBe(reason));

  it.each(['replies/me', 'a', 'café/☕/😀', 'with space/and-$-inside', '/leading/slash', 'x'.repeat(MAX_RESPONSE_TOPIC_BYTES)])('accepts %j', (topic) => {
    expect(topicNameProblem(topic)).toBeUndefined();
  });

  it('throws E_INVALID_RESPONSE_TOPIC naming the topic and the reason, and applies the allow-list', () => {
    expect(() => checkResponseTopic('x/#', undefined)).toThrow(InvalidResponseTopicError);
    expect(() => checkResponseTopic('x/#', undefined)).toThrow(expect.objectContaining({
      code: 'E_INVALID_RESPONSE_TOPIC',
      message: 'response topic "x/#" refused: it contains a wildcard (+ or #); a reply needs a topic name, not a filter',
    }));
    const allowed = ['replies/+', 'plant/#'];
    expect(() => checkResponseTopic('replies/me', allowed)).not.toThrow();
    expect(() => checkResponseTopic('plant/7/line/2', allowed)).not.toThrow();
    expect(() => checkResponseTopic('replies/me/too', allowed)).toThrow(
      'response topic "replies/me/too" refused: it matches none of the allowed response topics (replies/+, plant/#)',
    );
  });

  it('keeps the correlation data of a refused response topic for the errors topic', () => {
    const packet = (properties: IPublishPacket['properties']): IPublishPacket =>
      ({ cmd: 'publish', topic: 't', payload: Buffer.alloc(0), qos: 1, dup: false, retain: false, properties });
    const correlationData = Buffer.from('c-1');
    expect(replyToOf(packet({ responseTopic: 'r/1', correlationData }), undefined)).toEqual({ replyTo: { responseTopic: 'r/1', correlationData }, refusal: undefined });
    const refused = replyToOf(packet({ responseTopic: 'r/#', correlationData }), undefined);
    expect(refused.replyTo).toEqual({ responseTopic: undefined, correlationData });
    expect(refused.refusal?.code).toBe('E_INVALID_RESPONSE_TOPIC');
    expect(replyToOf(packet(undefined), undefined)).toEqual({ replyTo: undefined, refusal: undefined });
  });
});
