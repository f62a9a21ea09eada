/** wordmill's version, from its own package.json (found the same way as the dashboard's files). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../input/http/dashboard/assets.ts';

export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
