/**
 * Turns a folder (or a single file) into the list of files to count. Follows
 * symlinks but visits each real folder once, so a symlink loop ends the walk
 * of that branch with a reported problem instead of recursing forever.
 * The folder calls are synchronous: nothing else waits on the thread while a
 * run lists its inputs, and each asynchronous call is a round trip through
 * libuv's threads, which on a busy machine waited milliseconds for a core.
 */
import type { Dirent, Stats } from 'node:fs';
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { extensionsOf, isZipName } from '../../dispatch/packed-input.ts';
import { listZipMembers } from '../../dispatch/zip-archive.ts';
import { InputError } from '../../errors.ts';

export interface CorpusFile {
  path: string;
  /** `path` made absolute (a run index's key). */
  absolutePath: string;
  /** Path relative to the corpus root: the `source` of its result (`archive.zip:member.txt` for a zip member). */
  source: string;
  /** A member of the zip archive at `path`. */
  member?: string;
}

export interface CorpusProblem {
  source: string;
  code: 'E_INPUT_UNREADABLE' | 'E_INPUT_NOT_FOUND' | 'E_INPUT_DAMAGED';
  message: string;
}

export interface Corpus {
  root: string;
  files: CorpusFile[];
  problems: CorpusProblem[];
  /** Files left out by the extension filter. */
  skipped: number;
}

export class CorpusNotFoundError extends Error {
  readonly code = 'E_INPUT_NOT_FOUND';
}

/**
 * `extensions` without dots, lowercase (`txt.gz` matches `book.txt.gz`); `['*']` takes every file.
 * Hidden entries are left out. A zip archive stands for its members that match the same extensions.
 */
export async function listCorpus(root: string, extensions: readonly string[]): Promise<Corpus> {
  let rootInfo: Stats;
  try {
    rootInfo = statSync(root);
  } catch (cause) {
    const error = cause as NodeJS.ErrnoException;
    throw new CorpusNotFoundError(
      error.code === 'ENOENT' ? `input folder ${root} does not exist` : `cannot read ${root}: ${error.message}`,
    );
  }
  const corpus: Corpus = { root, files: [], problems: [], skipped: 0 };
  const wanted = (name: string): boolean => extensions.includes('*') || extensionsOf(name).some((e) => extensions.includes(e));
  const add = async (path: string, source: string, absolutePath: string): Promise<void> => {
    if (!isZipName(path)) {
      corpus.files.push({ path, absolutePath, source });
      return;
    }
    try {
      for (const member of await listZipMembers(path)) {
        if (wanted(member.name) && !isZipName(member.name)) corpus.files.push({ path, absolutePath, source: `${source}:${member.name}`, member: member.name });
        else corpus.skipped++;
      }
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      corpus.problems.push({ source, code: error.code as CorpusProblem['code'], message: error.message });
    }
  };
  if (rootInfo.isFile()) {
    await add(root, root, resolve(root));
    return corpus;
  }
  const seen = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    const real = realpathSync(dir);
    if (seen.has(real)) {
      corpus.problems.push({ source: relative(root, dir), code: 'E_INPUT_UNREADABLE', message: `${dir} loops back to ${real}; not followed` });
      return;
    }
    seen.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      corpus.problems.push({ source: relative(root, dir) || '.', code: 'E_INPUT_UNREADABLE', message: `cannot list ${dir}: ${(error as Error).message}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const inFolder = entryPrefixes(root, dir);
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = inFolder.path + entry.name;
      const source = inFolder.source + entry.name;
      let kind: 'file' | 'dir' | 'other' = entry.isFile() ? 'file' : entry.isDirectory() ? 'dir' : 'other';
      if (entry.isSymbolicLink()) {
        try {
          const target = statSync(path);
          kind = target.isFile() ? 'file' : target.isDirectory() ? 'dir' : 'other';
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          const why = code === 'ELOOP' ? 'is a symlink loop' : code === 'ENOENT' ? 'is a broken symlink' : (error as Error).message;
          corpus.problems.push({ source, code: code === 'ENOENT' ? 'E_INPUT_NOT_FOUND' : 'E_INPUT_UNREADABLE', message: `${path} ${why}` });
          continue;
        }
      }
      if (kind === 'dir') await walk(path);
      else if (kind === 'file') {
        if (wanted(entry.name)) await add(path, source, inFolder.absolute + entry.name);
        else corpus.skipped++;
      }
    }
  };
  await walk(root);
  return corpus;
}

const PROBE = 'x';

/**
 * What `join(dir, name)`, `relative(root, …)` of that and `resolve(…)` of it give for an entry
 * `name` of `dir`: the folder's own prefix and the name, as an entry name has no separator and is
 * never `.` or `..`. Worked out once per folder instead of per entry: the path functions walk their
 * argument a character at a time, and in a short run they are cold (~10 µs a call; ~5 ms over
 * the 160 files of a folder, listed and then keyed in the run index).
 */
function entryPrefixes(root: string, dir: string): { path: string; source: string; absolute: string } {
  const path = join(dir, PROBE);
  const strip = (p: string): string => p.slice(0, -PROBE.length);
  return { path: strip(path), source: strip(relative(root, path)), absolute: strip(resolve(path)) };
}
