/**
 * Every option of every task descriptor reaches every input without a
 * hand-kept list: the CLI flag, the HTTP query parameter, the JSON body, the
 * MQTT envelope and subscription, and the queue payload all accept it and
 * hand the task the same filled options. Adding an option to a descriptor
 * (with its `example` metadata) is covered here with no edit to this file.
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { taskFlagBag, taskFlagOptions, taskFlagsSchema } from '../../src/cli/task-flags.ts';
import { subscriptionSchema } from '../../src/input/mqtt/options.ts';
import { parsePayload } from '../../src/input/mqtt/payload.ts';
import { jobBodySchema, submitQuerySchema } from '../../src/input/http/schemas/requests.ts';
import { optionsFromQuery } from '../../src/input/http/schemas/task-query.ts';
import { TASK_NAMES } from '../../src/protocol.ts';
import type { TaskName } from '../../src/protocol.ts';
import { payloadSchema } from '../../src/queue/payload.ts';
import { TASK_OPTIONS, taskOptionsSchema } from '../../src/tasks/options.ts';
import { parseTaskOptions, TASKS } from '../../src/tasks/registry.ts';

type Shape = Record<string, { meta(): Record<string, unknown> | undefined; unwrap?: () => { meta(): Record<string, unknown> | undefined } }>;

/** Each (task, option) pair as the descriptors declare it, with the option's documented example value. */
const cases = TASK_NAMES.flatMap((task) =>
  Object.entries(TASKS[task].options.shape as Shape).map(([key, field]) => {
    const example = ((field.unwrap?.() ?? field).meta() ?? field.meta())?.['example'];
    return { task, key, example };
  }),
);

const asText = (value: unknown): string => String(value);
const given = (options: object | undefined) => options as Record<string, unknown> | undefined;

/** What the task receives when the option arrives as a JSON value: the reference every input must match. */
const filled = (task: TaskName, key: string, value: unknown) => parseTaskOptions(task, {}, { [key]: value });

function parseFlags(argv: string[]): Record<string, unknown> {
  const command = new Command().exitOverride().allowExcessArguments(false);
  for (const option of taskFlagOptions()) command.addOption(option);
  command.parse(argv, { from: 'user' });
  const parsed = taskFlagsSchema.safeParse(command.opts());
  if (!parsed.success) throw new Error(parsed.error.message);
  return parsed.data;
}

describe('task descriptors', () => {
  it('declare options, each with an example to document and test it', () => {
    expect(cases.length).toBeGreaterThan(0);
    for (const { task, key, example } of cases) expect(example, `${task} option ${key} has no example metadata`).not.toBeUndefined();
  });

  it('every input offers exactly the descriptors\' options', () => {
    const keys = [...new Set(cases.map((c) => c.key))].sort();
    expect(TASK_OPTIONS.map((o) => o.key).sort()).toEqual(keys);
    expect(taskFlagOptions().map((o) => o.attributeName()).sort()).toEqual(keys);
    expect(Object.keys(taskFlagsSchema.shape).sort()).toEqual(keys);
    const queryKeys = Object.keys(submitQuerySchema.shape).filter((k) => !['task', 'wait', 'timeout'].includes(k));
    expect(queryKeys.sort()).toEqual(keys);
  });

  describe.each(cases)('$task option $key', ({ task, key, example }) => {
    const expected = filled(task, key, example);

    it('is a CLI flag with its WORDMILL_ variable', () => {
      const kebab = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      const flag = taskFlagOptions().find((o) => o.long === `--${kebab}`);
      expect(flag?.envVar).toBe(`WORDMILL_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`);
      const flags = parseFlags([`--${kebab}`, asText(example)]);
      expect(parseTaskOptions(task, taskFlagBag(task, flags), undefined)).toEqual(expected);
    });

    it('is an HTTP query parameter and a JSON body option', () => {
      const query = submitQuerySchema.safeParse({ task, [key]: asText(example) });
      expect(query.success).toBe(true);
      expect(parseTaskOptions(task, {}, given(optionsFromQuery(query.data!)))).toEqual(expected);
      const body = jobBodySchema.safeParse({ task, text: 'a', options: { [key]: example } });
      expect(body.success).toBe(true);
      expect(parseTaskOptions(task, {}, given(body.data!.options))).toEqual(expected);
    });

    it('is an MQTT envelope and subscription option, and a queue payload option', () => {
      const envelope = parsePayload(new TextEncoder().encode(JSON.stringify({ task, text: 'a', options: { [key]: example } })), undefined, 1 << 20);
      expect(parseTaskOptions(task, {}, envelope.options)).toEqual(expected);
      const subscription = subscriptionSchema.parse({ topic: 'x/#', task, options: { [key]: example } });
      expect(parseTaskOptions(task, subscription.options ?? {}, undefined)).toEqual(expected);
      const payload = payloadSchema.parse({ v: 1, id: 'j1', task, input: { text: 'a' }, options: { [key]: example }, source: 's', name: 'n' });
      expect(parseTaskOptions(task, {}, given(payload.options))).toEqual(expected);
      expect(taskOptionsSchema.parse({ [key]: example })).toEqual({ [key]: example });
    });
  });

  it('refuses an option for a task that does not take it, on the command line as in a body', () => {
    const ownerOf = new Map(cases.map((c) => [c.key, c]));
    for (const option of TASK_OPTIONS.filter((o) => o.engineDefault === undefined)) {
      const other = TASK_NAMES.find((t) => !option.tasks.includes(t))!;
      const { example } = ownerOf.get(option.key)!;
      const kebab = option.key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      expect(() => taskFlagBag(other, parseFlags([`--${kebab}`, asText(example)]))).toThrow(`--${kebab} is not an option of the ${other} task`);
      expect(() => parseTaskOptions(other, {}, { [option.key]: example })).toThrow(new RegExp(`${other} option: Unrecognized key: "${option.key}"`));
    }
  });

  it('a number option keeps its bounds and names itself in every input', () => {
    expect(() => parseFlags(['--n', '6'])).toThrow(/expected a whole number from 2 to 5/);
    expect(submitQuerySchema.safeParse({ top: 'many' }).error?.issues[0]?.message).toBe('top must be a whole number');
    expect(() => parseTaskOptions('ngrams', {}, { n: 6 })).toThrow('ngrams option "n": n must be 2 to 5 (got 6)');
  });
});
