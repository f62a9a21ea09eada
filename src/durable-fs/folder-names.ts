import { readdir } from 'node:fs/promises';

/** The names in `dir`; none for a folder that does not exist (yet), as a first start finds it. */
export async function folderNames(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
