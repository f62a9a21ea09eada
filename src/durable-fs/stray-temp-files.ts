/**
 * A process killed between writing a temporary file and renaming it leaves
 * `<name>.<pid>.<random>.tmp` behind (see tempPathFor). At start we remove
 * those whose process is gone; a live process's (a queue worker sharing the
 * folder, say) are left alone, since it is about to rename them.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { folderNames } from './folder-names.ts';

const TEMP_NAME = /\.(\d+)\.[0-9a-f]{8}\.tmp$/;

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the dead processes' temporary files directly in `dir`; returns their names. */
export async function removeStrayTempFiles(dir: string): Promise<string[]> {
  const names = await folderNames(dir);
  const stray = names.filter((name) => {
    const match = TEMP_NAME.exec(name);
    return match !== null && !isRunning(Number(match[1]));
  });
  await Promise.all(stray.map((name) => rm(join(dir, name), { force: true })));
  return stray;
}
