/**
 * Publishes MQTT replies: results to `<prefix>/results/<id>` (or the request's
 * MQTT 5 response topic, with its correlation data) and failures to
 * `<prefix>/errors/<id>`. Not an engine-wide ResultSink: where a reply goes
 * depends on the request, and only MQTT jobs get one. Each publish resolves
 * when the broker has taken it (PUBACK/PUBCOMP for QoS 1/2), so the input
 * acknowledges a message only after its reply is safe with the broker.
 */
import type { IClientPublishOptions, MqttClient } from 'mqtt';
import type { JobResult } from '../dispatch/job.ts';
import type { ErrorCode } from '../errors.ts';
import { errorTopic, resultTopic } from '../input/mqtt/topics.ts';

export interface ReplyTo {
  responseTopic: string;
  correlationData: Buffer | undefined;
}

export interface ErrorReply {
  id: string;
  code: ErrorCode;
  message: string;
  /** `mqtt:<topic>` of the request. */
  source: string;
}

export class MqttReplyPublisher {
  constructor(
    private readonly client: MqttClient,
    private readonly prefix: string,
    private readonly qos: 0 | 1 | 2,
  ) {}

  async publishResult(result: JobResult, replyTo: ReplyTo | undefined): Promise<void> {
    const topic = replyTo?.responseTopic ?? resultTopic(this.prefix, result.id);
    await this.#publish(topic, result, replyTo);
  }

  async publishError(error: ErrorReply, replyTo: ReplyTo | undefined): Promise<void> {
    const payload = { id: error.id, source: error.source, error: { code: error.code, message: error.message } };
    const sends = [this.#publish(errorTopic(this.prefix, error.id), payload, undefined)];
    // A requester waiting on its response topic must hear about the failure too.
    if (replyTo !== undefined) sends.push(this.#publish(replyTo.responseTopic, payload, replyTo));
    await Promise.all(sends);
  }

  async #publish(topic: string, payload: object, replyTo: ReplyTo | undefined): Promise<void> {
    const options: IClientPublishOptions = { qos: this.qos };
    if (this.client.options.protocolVersion === 5) {
      options.properties = { contentType: 'application/json', payloadFormatIndicator: true };
      if (replyTo?.correlationData !== undefined) options.properties.correlationData = replyTo.correlationData;
    }
    await this.client.publishAsync(topic, JSON.stringify(payload), options);
  }
}
