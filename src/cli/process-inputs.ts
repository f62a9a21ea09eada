/**
 * The inputs of `wordmill process`, as many as given: folders, files and glob
 * patterns, and `-` for standard input. The shell expands unquoted globs; a
 * quoted one (or one from a shell that does not expand, like cmd.exe) is
 * expanded here with tinyglobby. Every input is checked before any counting
 * starts, so a mistyped path stops the run at once (exit 2) instead of
 * surfacing as a failure after the rest has been counted.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { CorpusNotFoundError, listCorpus } from '../input/file/corpus.ts';
import type { CorpusFile, CorpusProblem } from '../input/file/corpus.ts';
import { UsageError } from './usage-error.ts';

export const STDIN_INPUT = '-';

export interface ProcessInputs {
  files: CorpusFile[];
  problems: CorpusProblem[];
  /** Files left out by --ext. */
  skipped: number;
  /** `-` was given: standard input is one more document. */
  stdin: boolean;
}

/**
 * With one folder, sources are paths inside it (`dracula.txt`), as before;
 * with several inputs they are paths as given (`books/dracula.txt`), so two
 * folders holding the same file name stay apart.
 */
export async function resolveInputs(paths: readonly string[], extensions: readonly string[]): Promise<ProcessInputs> {
  const stdinCount = paths.filter((p) => p === STDIN_INPUT).length;
  if (stdinCount > 1) throw new UsageError('"-" (standard input) can be given once');
  const roots = await expandGlobs(paths.filter((p) => p !== STDIN_INPUT));
  const inputs: ProcessInputs = { files: [], problems: [], skipped: 0, stdin: stdinCount === 1 };
  const several = roots.length + stdinCount > 1;
  const seen = new Set<string>();
  for (const root of roots) {
    let corpus;
    try {
      corpus = await listCorpus(root, extensions);
    } catch (error) {
      if (error instanceof CorpusNotFoundError) throw new UsageError(error.message);
      throw error;
    }
    const sourceOf = (source: string): string => (several && source !== root ? join(root, source) : source);
    for (const file of corpus.files) {
      const key = file.member === undefined ? file.path : `${file.path}\0${file.member}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inputs.files.push({ ...file, source: sourceOf(file.source) });
    }
    for (const problem of corpus.problems) inputs.problems.push({ ...problem, source: sourceOf(problem.source) });
    inputs.skipped += corpus.skipped;
  }
  return inputs;
}

async function expandGlobs(paths: readonly string[]): Promise<string[]> {
  const roots: string[] = [];
  for (const path of paths) {
    // A name that exists is taken as it is, even with glob characters in it (`notes[1].txt`).
    if (existsSync(path)) {
      roots.push(path);
      continue;
    }
    // Loaded only for a name that does not exist: most runs name folders, and tinyglobby costs ~17 ms to load.
    const { glob, isDynamicPattern } = await import('tinyglobby');
    if (!isDynamicPattern(path)) {
      roots.push(path);
      continue;
    }
    const matches = await glob(path, { onlyFiles: false, expandDirectories: false, absolute: isAbsolute(path) });
    if (matches.length === 0) throw new UsageError(`no file or folder matches ${path}`);
    roots.push(...matches.map((m) => (m.length > 1 ? m.replace(/\/$/, '') : m)).sort());
  }
  return roots;
}

/** Standard input as one document's bytes (bytes, not text: invalid UTF-8 reaches the word rules unchanged). */
export async function readStdin(stdin: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
