/**
 * MQTT input options: one zod schema, a frozen defaults table, and the filled
 * shape everything below `startMqttInput` receives. Validated once, here.
 */
import { z } from 'zod';
import { parseOrThrow } from '../../validation.ts';
import { taskNameSchema, taskOptionsSchema } from '../../tasks/options.ts';
import { byteSize } from '../../units/byte-size.ts';
import type { TaskName, TaskOptionBag } from '../../protocol.ts';
import { MQTT_DEFAULTS } from './defaults.ts';
import { isValidTopicFilter } from './topics.ts';

export { MQTT_DEFAULTS };

const got = (issue: { input?: unknown }): string => `got ${JSON.stringify(issue.input)}`;
const qosSchema = z.union([z.literal(0), z.literal(1), z.literal(2)], { error: (issue) => `expected QoS 0, 1 or 2, ${got(issue)}` });

export const subscriptionSchema = z
  .object({
    topic: z.string().min(1).superRefine((topic, ctx) => {
      if (isValidTopicFilter(topic)) return;
      ctx.addIssue({ code: 'custom', message: `"${topic}" is not a valid topic filter (+ and # take a whole level, # only last; $share/<group>/<filter>)` });
    }),
    qos: qosSchema.default(MQTT_DEFAULTS.qos),
    /** Task for every message here; otherwise the envelope's, then wordmill/jobs/<task>, then the engine default. */
    task: taskNameSchema.optional(),
    options: taskOptionsSchema.optional(),
    /** `sync`: acknowledge when the result is written and published; `async`: when the job is queued. */
    mode: z.enum(['sync', 'async'], { error: (issue) => `expected sync or async, ${got(issue)}` }).optional(),
  })
  .strict();

/** The job connection's MQTT client id; the reply connection uses `<id>-replies`. */
export const mqttClientIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'use 1-64 letters, digits, ".", "_" or "-"');

/** Filters a response topic must match (no `$share/`: replies are published, not subscribed). */
const allowedResponseTopicsSchema = z.array(
  z.string().min(1).superRefine((filter, ctx) => {
    if (isValidTopicFilter(filter) && !filter.startsWith('$')) return;
    ctx.addIssue({ code: 'custom', message: `"${filter}" is not a valid topic filter for replies (+ and # take a whole level, # only last; no $ topics)` });
  }),
).min(1);

const brokerSchema = z.union([
  z.enum(['auto', 'embedded', 'off']),
  z.string().regex(/^(mqtts?|tcp|tls|ssl|wss?):\/\/[^\s]+$/, 'expected auto, embedded, off or a URL like mqtt://host:1883'),
]);

export const mqttOptionsSchema = z
  .object({
    /** `auto`: the broker answering on host:port, else an embedded one; `embedded`; `off`; or a broker URL. */
    broker: brokerSchema.default(MQTT_DEFAULTS.broker),
    /** Loopback address and port of the embedded broker (and where `auto` looks); 0 picks a free port. */
    host: z.string().min(1).default(MQTT_DEFAULTS.host),
    port: z.number().int().min(0).max(65_535).default(MQTT_DEFAULTS.port),
    clientId: mqttClientIdSchema.default(MQTT_DEFAULTS.clientId),
    username: z.string().optional(),
    password: z.string().optional(),
    /** With the embedded broker: the password it requires of every client (wordmill's own included). */
    embeddedPassword: z.string().min(1).optional(),
    /** Paths to PEM files for mqtts:// brokers. */
    tls: z
      .object({ ca: z.string().optional(), cert: z.string().optional(), key: z.string().optional(), rejectUnauthorized: z.boolean().default(true) })
      .strict()
      .optional(),
    protocolVersion: z.union([z.literal('auto'), z.literal(4), z.literal(5)], { error: (issue) => `expected auto, 4 or 5, ${got(issue)}` }).default('auto'),
    topicPrefix: z.string().regex(/^[^#+\s$][^#+\s]*$/, 'no wildcards or spaces, and no leading "$" (broker topics)').default(MQTT_DEFAULTS.topicPrefix),
    subscriptions: z.array(subscriptionSchema).min(1).optional(),
    /** MQTT 5 response topics must match one of these filters; unset, every valid topic name is allowed. */
    allowedResponseTopics: allowedResponseTopicsSchema.optional(),
    window: z.number().int().min(1).max(999, 'keep the window below Mosquitto\'s max_queued_messages (1000)').default(MQTT_DEFAULTS.window),
    sessionExpirySeconds: z.number().int().min(0).max(0xffffffff).default(MQTT_DEFAULTS.sessionExpirySeconds),
    duplicateWindowMs: z.number().int().min(0).default(MQTT_DEFAULTS.duplicateWindowMs),
    maxPayloadBytes: byteSize().default(MQTT_DEFAULTS.maxPayloadBytes),
    resultQos: qosSchema.default(MQTT_DEFAULTS.resultQos),
    reconnectMinMs: z.number().int().min(10).default(MQTT_DEFAULTS.reconnectMinMs),
    reconnectMaxMs: z.number().int().min(10).default(MQTT_DEFAULTS.reconnectMaxMs),
    connectTimeoutMs: z.number().int().min(100).default(MQTT_DEFAULTS.connectTimeoutMs),
  })
  .strict();

export type MqttOptions = z.input<typeof mqttOptionsSchema>;
export type SubscriptionOptions = z.input<typeof subscriptionSchema>;

export interface ResolvedSubscription {
  topic: string;
  qos: 0 | 1 | 2;
  task: TaskName | undefined;
  options: TaskOptionBag | undefined;
  mode: 'sync' | 'async';
}

export type ResolvedMqttOptions = Omit<z.output<typeof mqttOptionsSchema>, 'subscriptions'> & {
  subscriptions: ResolvedSubscription[];
};

export function resolveMqttOptions(options: MqttOptions = {}): ResolvedMqttOptions {
  const o = parseOrThrow(mqttOptionsSchema, options, 'mqtt option');
  const subscriptions = (o.subscriptions ?? [{ topic: `${o.topicPrefix}/jobs/#`, qos: MQTT_DEFAULTS.qos }]).map(
    (s): ResolvedSubscription => ({
      topic: s.topic,
      qos: s.qos,
      task: s.task,
      options: s.options,
      // Ack-when-done is the at-least-once guarantee; async is an explicit opt-in.
      mode: s.mode ?? 'sync',
    }),
  );
  return { ...o, reconnectMaxMs: Math.max(o.reconnectMaxMs, o.reconnectMinMs), subscriptions };
}
