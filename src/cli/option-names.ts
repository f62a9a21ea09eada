/**
 * Error messages name an option the way the user set it: `option --threads`
 * for a flag, `WORDMILL_THREADS (option --threads)` for a value that came from
 * the environment, so a bad variable in a unit file or a container is found
 * without guessing.
 */
import type { Command } from 'commander';

export function optionLabel(command: Command, attribute: string): string {
  const option = command.options.find((o) => o.attributeName() === attribute);
  if (option === undefined) return `option "${attribute}"`;
  const flag = option.long ?? option.flags;
  const fromEnv = command.getOptionValueSource(attribute) === 'env' && option.envVar !== undefined;
  return fromEnv ? `${option.envVar} (option ${flag})` : `option ${flag}`;
}

/**
 * Rewrites `<what> "key"` in a validation message into the option's label.
 * `attributeOf` maps a schema key to the commander attribute when they differ
 * (`timeoutMs` → `timeout`).
 */
export function withOptionLabels(
  command: Command,
  message: string,
  what: string,
  attributeOf: Readonly<Record<string, string>> = {},
): string {
  return message.replace(new RegExp(`${what} "(\\w+)"`, 'g'), (_, key: string) => optionLabel(command, attributeOf[key] ?? key));
}
