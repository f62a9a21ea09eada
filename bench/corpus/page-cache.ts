/**
 * Reads files once so every measured run starts with them in the page cache
 * (the first run would otherwise pay for the disk alone).
 */
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';

export function warmPageCache(path: string): void {
  if (statSync(path).isDirectory()) {
    for (const f of readdirSync(path)) warmPageCache(`${path.replace(/\/?$/, '/')}${f}`);
    return;
  }
  const buf = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, 'r');
  try {
    while (readSync(fd, buf, 0, buf.length, null) > 0);
  } finally {
    closeSync(fd);
  }
}
