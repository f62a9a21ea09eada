/**
 * Publishes MQTT replies: results to `<prefix>/results/<id>` (or the request's
 * MQTT 5 response topic, with its correlation data) and failures to
 * `<prefix>/errors/<id>`. Not an engine-wide ResultSink: where a reply goes
 * depends on the request, and only MQTT jobs get one. Each publish resolves
 * when the broker has taken it (PUBACK/PUBCOMP for QoS 1/2), so the input
 * acknowledges a message only after its reply is safe with the broker.
 *
 * A publish fails for good with ReplyFailedError when the broker refuses it
 * (MQTT 5 reason code >= 0x80: retrying gets the same answer) or when the
 * connection drops with it in flight twice (it may be what the broker drops
 * connections for). The reply connection must forget in-flight publishes on
 * close (reply-connection.ts), or mqtt.js re-sends them itself.
 */
import { ErrorWithReasonCode } from 'mqtt';
import type { IClientPublishOptions, MqttClient } from 'mqtt';
import type { JobResult } from '../../dispatch/job.ts';
import { ReplyFailedError } from '../../errors.ts';
import { resultJson } from '../../sinks/result-json.ts';
import type { ErrorCode } from '../../errors.ts';
import { protocolVersionOf } from './mqtt-internals.ts';
import { topicNameProblem } from './response-topic.ts';
import type { ReplyTo } from './response-topic.ts';
import { errorTopic, resultTopic } from './topics.ts';

export interface ErrorReply {
  id: string;
  code: ErrorCode;
  message: string;
  /** `mqtt:<topic>` of the request. */
  source: string;
}

/** Tries per publish: the first, and one more on the next connection if the connection dropped. */
const ATTEMPTS = 2;

export class MqttReplyPublisher {
  constructor(
    private readonly client: MqttClient,
    private readonly prefix: string,
    private readonly qos: 0 | 1 | 2,
  ) {}

  async publishResult(result: JobResult, replyTo: ReplyTo | undefined): Promise<void> {
    const topic = replyTo?.responseTopic ?? resultTopic(this.prefix, result.id);
    await this.#publish(topic, resultJson(result), replyTo?.correlationData);
  }

  /**
   * The errors topic always gets the failure (with the request's correlation
   * data, so a requester can match it); the response topic too when there is one.
   */
  async publishError(error: ErrorReply, replyTo: ReplyTo | undefined): Promise<void> {
    const payload = { id: error.id, source: error.source, error: { code: error.code, message: error.message } };
    const body = JSON.stringify(payload);
    const sends = [this.#publish(errorTopic(this.prefix, error.id), body, replyTo?.correlationData)];
    if (replyTo?.responseTopic !== undefined) sends.push(this.#publish(replyTo.responseTopic, body, replyTo.correlationData));
    const failed = (await Promise.allSettled(sends)).find((s) => s.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** `body`: the JSON text (a result's is the text of its result file, result-json.ts). */
  async #publish(topic: string, body: string, correlationData: Buffer | undefined): Promise<void> {
    // A topic the broker would drop the connection for is never sent.
    const problem = topicNameProblem(topic);
    if (problem !== undefined) throw new ReplyFailedError(topic, `not a valid topic name: ${problem}`);
    const options: IClientPublishOptions = { qos: this.qos };
    if (protocolVersionOf(this.client) === 5) {
      options.properties = { contentType: 'application/json', payloadFormatIndicator: true };
      if (correlationData !== undefined) options.properties.correlationData = correlationData;
    }
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.publishAsync(topic, body, options);
        return;
      } catch (error) {
        const message = (error as Error).message;
        if (error instanceof ErrorWithReasonCode) {
          throw new ReplyFailedError(topic, `the broker refused it: ${message} (reason code 0x${error.code.toString(16)})`, error.code, error);
        }
        if (attempt >= ATTEMPTS || this.client.disconnecting) {
          throw new ReplyFailedError(topic, `the connection was lost with it in flight (${attempt} times): ${message}`, undefined, error);
        }
      }
    }
  }
}
