import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/input/mqtt/connection.ts';
import { parsePayload } from '../../src/input/mqtt/payload.ts';
import { isValidTopicFilter, stripSharePrefix, taskFromTopic, topicMatches } from '../../src/input/mqtt/topics.ts';

describe('MQTT topics', () => {
  it.each([
    ['a/+/c', 'a/b/c', true], ['a/+/c', 'a/b/d', false], ['a/#', 'a', true], ['a/#', 'a/b/c', true],
    ['#', '$SYS/x', false], ['+/x', '$share/x', false], ['a/b', 'a/b/c', false], ['$share/g/a/+', 'a/b', true],
  ])('%s matches %s: %s', (filter, topic, expected) => expect(topicMatches(filter, topic)).toBe(expected));

  it('validates filters and strips $share prefixes', () => {
    expect(['a/#', '+/+', '#', '$share/g/a/#'].every(isValidTopicFilter)).toBe(true);
    expect(['a/#/b', 'a/b#', 'a+/b', '$share/g', '$share//a'].some(isValidTopicFilter)).toBe(false);
    expect(stripSharePrefix('$share/g1/wordmill/jobs/#')).toBe('wordmill/jobs/#');
  });

  it('takes the task from <prefix>/jobs/<task>[/...]', () => {
    expect(taskFromTopic('wordmill/jobs/wordcount/sensor-1', 'wordmill')).toBe('wordcount');
    expect(taskFromTopic('wordmill/jobs/', 'wordmill')).toBeUndefined();
    expect(taskFromTopic('sensors/a', 'wordmill')).toBeUndefined();
  });
});

describe('MQTT payloads', () => {
  const bytes = (s: string): Buffer => Buffer.from(s, 'utf8');
  it('treats text as raw bytes and a leading { as an envelope', () => {
    expect(parsePayload(bytes('hello'), undefined, 100)).toMatchObject({ kind: 'raw', input: { bytes: bytes('hello') } });
    expect(parsePayload(bytes(' {"id":"a1","text":"x","options":{"top":1}}'), undefined, 100)).toEqual({
      kind: 'envelope', id: 'a1', task: undefined, input: { bytes: Buffer.from('x') }, options: { top: 1 },
    });
    expect(parsePayload(bytes('{not json'), 'text/plain', 100).kind).toBe('raw');
  });
  it('rejects bad envelopes and oversized payloads with codes', () => {
    expect(() => parsePayload(bytes('{"text": 1}'), undefined, 100)).toThrow(expect.objectContaining({ code: 'E_INVALID_MESSAGE' }));
    expect(() => parsePayload(bytes('{"text": "x", "extra": 1}'), undefined, 100)).toThrow(expect.objectContaining({ code: 'E_INVALID_MESSAGE' }));
    expect(() => parsePayload(bytes('{oops'), undefined, 100)).toThrow(expect.objectContaining({ code: 'E_INVALID_MESSAGE' }));
    expect(() => parsePayload(bytes('x'.repeat(101)), undefined, 100)).toThrow(expect.objectContaining({ code: 'E_PAYLOAD_TOO_LARGE' }));
  });
  it('takes a plain envelope as it is and refuses the others with the schema\'s messages', () => {
    expect(parsePayload(bytes('{"id":"j-1","task":"stats","text":"a b","options":{}}'), undefined, 100)).toEqual({
      kind: 'envelope', id: 'j-1', task: 'stats', input: { bytes: Buffer.from('a b') }, options: {},
    });
    const refusal = (json: string): string => {
      try {
        parsePayload(bytes(json), undefined, 1000);
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(refusal('{"id":"no spaces","text":"x"}')).toBe('envelope "id": use 1-128 letters, digits, ".", "_" or "-"');
    expect(refusal('{"task":"","text":"x"}')).toBe('envelope "task": Too small: expected string to have >=1 characters');
    expect(refusal('{"text":"x","options":[1]}')).toBe('envelope "options": Invalid input: expected record, received array');
    expect(refusal('{"text":"x","id":5}')).toBe('envelope "id": Invalid input: expected string, received number');
  });
});

describe('reconnect backoff', () => {
  it('grows exponentially with full jitter inside [min, max]', () => {
    expect(backoffDelay(0, 100, 5000, () => 1)).toBe(100);
    expect(backoffDelay(3, 100, 5000, () => 1)).toBe(800);
    expect(backoffDelay(30, 100, 5000, () => 1)).toBe(5000);
    expect(backoffDelay(30, 100, 5000, () => 0)).toBe(100);
  });
});
