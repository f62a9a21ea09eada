import { Option } from 'commander';

/** A flag with its WORDMILL_* environment variable and, optionally, a default shown in --help. */
export function envOption(flags: string, description: string, env: string, fallback?: string): Option {
  const option = new Option(flags, description).env(env);
  return fallback === undefined ? option : option.default(fallback);
}
