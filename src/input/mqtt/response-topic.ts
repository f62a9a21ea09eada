/**
 * Which MQTT 5 response topics wordmill publishes to. A reply is a PUBLISH,
 * and a topic name the broker cannot take breaks more than that one reply:
 * Mosquitto drops the whole connection on a wildcard or NUL (and mqtt.js would
 * re-send the same publish on every reconnect), and refuses `$SYS/...` with
 * "not authorized". So a response topic is checked before it is used, and the
 * requester hears why on `<prefix>/errors/<id>`. See docs/mqtt.md.
 */
import type { IPublishPacket } from 'mqtt';
import { InvalidResponseTopicError } from '../../errors.ts';
import { topicMatches } from './topics.ts';

/** Where a request's reply goes besides the results topic (MQTT 5 request/response). */
export interface ReplyTo {
  /** The request's response topic; undefined when it had none or it was refused. */
  responseTopic: string | undefined;
  correlationData: Buffer | undefined;
}

/** Far above any sensible reply topic, far below MQTT's 65 535-byte limit. */
export const MAX_RESPONSE_TOPIC_BYTES = 1024;

const LONE_SURROGATE = /\p{Cs}/u;

/** Why `topic` cannot be published to, or undefined when it can (MQTT topic-name rules). */
export function topicNameProblem(topic: string): string | undefined {
  if (topic.length === 0) return 'it is empty';
  if (topic.includes('+') || topic.includes('#')) return 'it contains a wildcard (+ or #); a reply needs a topic name, not a filter';
  if (topic.startsWith('$')) return 'topics starting with "$" belong to the broker ($SYS, $share)';
  if (topic.includes('\0')) return 'it contains U+0000, which MQTT forbids in topics';
  // mqtt-packet decodes invalid UTF-8 to U+FFFD, so this is how a bad sequence arrives; a lone surrogate cannot be encoded.
  if (topic.includes('\uFFFD') || LONE_SURROGATE.test(topic)) return 'it is not valid UTF-8';
  const bytes = Buffer.byteLength(topic, 'utf8');
  if (bytes > MAX_RESPONSE_TOPIC_BYTES) return `it has ${bytes} bytes; the limit is ${MAX_RESPONSE_TOPIC_BYTES}`;
  return undefined;
}

/**
 * Throws InvalidResponseTopicError unless `topic` is a valid topic name and,
 * when an allow-list of filters is configured, matches one of them.
 */
export function checkResponseTopic(topic: string, allowed: readonly string[] | undefined): void {
  const problem = topicNameProblem(topic);
  if (problem !== undefined) throw new InvalidResponseTopicError(topic, problem);
  if (allowed !== undefined && !allowed.some((filter) => topicMatches(filter, topic))) {
    throw new InvalidResponseTopicError(topic, `it matches none of the allowed response topics (${allowed.join(', ')})`);
  }
}

/**
 * Where a job message's reply goes. A refused response topic is dropped from
 * `replyTo` (the correlation data stays, for the report on the errors topic)
 * and returned as `refusal`.
 */
export function replyToOf(packet: IPublishPacket, allowed: readonly string[] | undefined): { replyTo: ReplyTo | undefined; refusal: InvalidResponseTopicError | undefined } {
  const responseTopic = packet.properties?.responseTopic;
  const correlationData = packet.properties?.correlationData;
  if (responseTopic === undefined || responseTopic === '') {
    return { replyTo: correlationData === undefined ? undefined : { responseTopic: undefined, correlationData }, refusal: undefined };
  }
  try {
    checkResponseTopic(responseTopic, allowed);
    return { replyTo: { responseTopic, correlationData }, refusal: undefined };
  } catch (error) {
    return { replyTo: { responseTopic: undefined, correlationData }, refusal: error as InvalidResponseTopicError };
  }
}
