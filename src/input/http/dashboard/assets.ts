/**
 * Where the compiled dashboard client lives. `npm run build` compiles
 * client/*.ts with tsconfig.dashboard.json (DOM types, browser modules) into
 * <package>/dist/dashboard/; the server finds it from the package root,
 * so it works whether the server itself runs from src/ (tests) or dist/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLIENT_SUBDIR = join('dist', 'dashboard', 'input', 'http', 'dashboard', 'client');
/** Only these names are served: plain module files, no paths. */
export const ASSET_NAME = /^[a-z][a-z0-9-]*\.js$/;

export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'wordmill') return dir;
    if (dirname(dir) === dir) throw new Error(`no wordmill package.json above ${from}`);
  }
}

export const clientDir = (): string => join(packageRoot(), CLIENT_SUBDIR);
