/**
 * `--config wordmill.config.yaml`: the MQTT part of the config file, like
 * flowerpower-mqtt's `subscriptions:` list. Either a top-level
 * `subscriptions:` list or an `mqtt:` section (broker settings and the list);
 * other top-level sections belong to other parts of wordmill. Validated
 * here, with messages that name the file, the option and the bad value.
 * Flags and env vars override the file: `mergeMqttOptions(file, flags)`.
 */
import { readFile } from 'node:fs/promises';
import { parse, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { formatIssues } from '../../validation.ts';
import { InvalidOptionsError } from '../../errors.ts';
import { mqttOptionsSchema } from './options.ts';
import type { MqttOptions } from './options.ts';

const fileSchema = z.looseObject({
  mqtt: mqttOptionsSchema.partial().optional(),
  subscriptions: mqttOptionsSchema.shape.subscriptions,
});

export async function loadMqttConfigFile(path: string): Promise<MqttOptions> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InvalidOptionsError(`config file ${path}: ${(error as Error).message}`);
  }
  return parseMqttConfig(text, path);
}

/** Parses and validates config text; `origin` names it in messages. */
export function parseMqttConfig(text: string, origin = 'config'): MqttOptions {
  let value: unknown;
  try {
    value = parse(text, { prettyErrors: true }) ?? {};
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` line ${error.linePos[0].line}` : '';
    throw new InvalidOptionsError(`config file ${origin}${where}: not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = fileSchema.safeParse(value);
  if (!parsed.success) throw new InvalidOptionsError(formatIssues(parsed.error, `config file ${origin}: option`));
  const { mqtt = {}, subscriptions } = parsed.data;
  if (subscriptions !== undefined && mqtt.subscriptions !== undefined) {
    throw new InvalidOptionsError(`config file ${origin}: give "subscriptions" at the top level or under "mqtt", not both`);
  }
  // Keep the input shape (zod filled defaults we do not want to freeze in here).
  const raw = value as { mqtt?: MqttOptions; subscriptions?: MqttOptions['subscriptions'] };
  return { ...raw.mqtt, ...(raw.subscriptions === undefined ? {} : { subscriptions: raw.subscriptions }) };
}

/** Later layers win, option by option; a `subscriptions` list replaces the earlier one whole. */
export function mergeMqttOptions(...layers: Array<MqttOptions | undefined>): MqttOptions {
  const merged: Record<string, unknown> = {};
  for (const layer of layers) {
    for (const [key, value] of Object.entries(layer ?? {})) if (value !== undefined) merged[key] = value;
  }
  return merged as MqttOptions;
}
