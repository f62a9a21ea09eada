/**
 * Bench inputs, generated reproducibly into bench/.cache/ (git-ignored) and
 * reused while their manifest matches. Each input is a folder of files; the
 * big folder's files are its `unit` folder's files repeated `copies` times,
 * joined by '\n', so any word counter's result on it is predictable from its
 * result on the unit: a check every case can make, whatever its word rules.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { writeRepeated } from './write-repeated.ts';
import { writeBigVocabulary } from './big-vocabulary.ts';
import { syntheticNonAscii } from './synthetic-text.ts';

export const CACHE_DIR = fileURLToPath(new URL('../.cache/', import.meta.url));
export const DATA_DIR = fileURLToPath(new URL('../../data/', import.meta.url));

export interface BenchInput {
  name: string;
  dir: string;
  bytes: number;
  unitDir: string;
  copies: number;
  /** Totals every variant must report when its word rules agree on this text (all-lowercase ASCII words). */
  exact?: { totalWords: number; uniqueWords: number };
  /**
   * Set when the folder holds `copies` whole copies of each unit file (`<stem>-<k>.txt`)
   * rather than each unit file repeated inside one file: names a file's unit file.
   */
  unitFileOf?: (source: string) => string;
}

interface Manifest {
  version: number;
  name: string;
  copies: number;
  bytes: number;
  exact?: { totalWords: number; uniqueWords: number };
}
const VERSION = 1;

function cached(name: string, copies: number): BenchInput | undefined {
  const dir = `${CACHE_DIR}${name}/`;
  try {
    const m = JSON.parse(readFileSync(`${CACHE_DIR}${name}.manifest.json`, 'utf8')) as Manifest;
    if (m.version !== VERSION || m.copies !== copies || !existsSync(dir)) return undefined;
    return { name, dir, bytes: m.bytes, unitDir: `${CACHE_DIR}${name}.unit/`, copies, ...(m.exact ? { exact: m.exact } : {}) };
  } catch {
    return undefined;
  }
}

function saveManifest(input: BenchInput): void {
  const m: Manifest = { version: VERSION, name: input.name, copies: input.copies, bytes: input.bytes, ...(input.exact ? { exact: input.exact } : {}) };
  writeFileSync(`${CACHE_DIR}${input.name}.manifest.json`, JSON.stringify(m));
}

function folderBytes(dir: string): number {
  return readdirSync(dir).reduce((n, f) => n + statSync(`${dir}${f}`).size, 0);
}

export function sizeLabel(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)}GB` : `${Math.round(bytes / 1e6)}MB`;
}

/** Builds `<name>/` from `<name>.unit/` repeated; `makeUnit` fills the unit folder. */
function repeatedInput(name: string, sizeBytes: number, unitBytes: number, makeUnit: (unitDir: string) => void): BenchInput {
  const copies = Math.max(1, Math.round(sizeBytes / unitBytes));
  const hit = cached(name, copies);
  if (hit) return hit;
  const unitDir = `${CACHE_DIR}${name}.unit/`;
  const dir = `${CACHE_DIR}${name}/`;
  rmSync(unitDir, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(unitDir, { recursive: true });
  mkdirSync(dir, { recursive: true });
  makeUnit(unitDir);
  for (const file of readdirSync(unitDir)) writeRepeated(`${unitDir}${file}`, `${dir}${file}`, copies);
  const input: BenchInput = { name, dir, bytes: folderBytes(dir), unitDir, copies };
  saveManifest(input);
  return input;
}

function dataBooks(): string[] {
  return readdirSync(DATA_DIR).filter((f) => f.endsWith('.txt')).sort();
}

/**
 * Ordinary-sized books: each of data/'s four books (0.2–0.9 MB) copied
 * `copies` times as its own file, so per-file costs weigh as they do for
 * a user's folder of books.
 */
export function booksFolderInput(copies = 40): BenchInput {
  const name = `books-x${copies}`;
  const withUnit = (input: BenchInput): BenchInput => ({ ...input, unitFileOf: (source) => source.replace(/-\d+\.txt$/, '.txt') });
  const hit = cached(name, copies);
  if (hit) return withUnit({ ...hit, unitDir: DATA_DIR });
  const dir = `${CACHE_DIR}${name}/`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const book of dataBooks()) {
    const bytes = readFileSync(`${DATA_DIR}${book}`);
    for (let k = 1; k <= copies; k++) writeFileSync(`${dir}${book.replace(/\.txt$/, '')}-${k}.txt`, bytes);
  }
  const input: BenchInput = { name, dir, bytes: folderBytes(dir), unitDir: DATA_DIR, copies };
  saveManifest(input);
  return withUnit(input);
}

/** One big file (`big.txt`): data/'s four books joined by '\n', repeated to about `sizeBytes`. */
export function bigFileInput(sizeBytes: number): BenchInput {
  const books = dataBooks();
  const unitBytes = books.reduce((n, f) => n + statSync(`${DATA_DIR}${f}`).size + 1, 0);
  return repeatedInput(`bigfile-${sizeLabel(sizeBytes)}`, sizeBytes, unitBytes, (unitDir) => {
    writeFileSync(`${unitDir}big.txt`, Buffer.concat(books.flatMap((f) => [readFileSync(`${DATA_DIR}${f}`), Buffer.from('\n')])));
  });
}

/** data/ (the four books) repeated to about `sizeBytes`. */
export function englishInput(sizeBytes: number): BenchInput {
  const books = readdirSync(DATA_DIR).filter((f) => f.endsWith('.txt'));
  const unitBytes = books.reduce((n, f) => n + statSync(`${DATA_DIR}${f}`).size + 1, 0);
  return repeatedInput(`english-${sizeLabel(sizeBytes)}`, sizeBytes, unitBytes, (unitDir) => {
    for (const f of books) writeFileSync(`${unitDir}${f}`, readFileSync(`${DATA_DIR}${f}`));
  });
}

/** Russian- and Greek-like text from a seeded PRNG, 4 files of 4 MB repeated to about `sizeBytes`. */
export function nonAsciiInput(sizeBytes: number): BenchInput {
  const unitFileBytes = 4e6;
  return repeatedInput(`nonascii-${sizeLabel(sizeBytes)}`, sizeBytes, 4 * (unitFileBytes + 1), (unitDir) => {
    for (let k = 0; k < 4; k++) writeFileSync(`${unitDir}synthetic-${k}.txt`, syntheticNonAscii(unitFileBytes, 1000 + k));
  });
}

/**
 * Lowercase ASCII words from a vocabulary of millions, not repeated: the
 * hash tables see millions of distinct keys. Every word counter agrees on
 * this text, so every case must report the generator's exact totals.
 */
export function bigVocabularyInput(sizeBytes: number): BenchInput {
  const name = `bigvocab-${sizeLabel(sizeBytes)}`;
  const hit = cached(name, 1);
  if (hit) return hit;
  const dir = `${CACHE_DIR}${name}/`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const exact = writeBigVocabulary(dir, sizeBytes, 4);
  const input: BenchInput = { name, dir, bytes: folderBytes(dir), unitDir: dir, copies: 1, exact };
  saveManifest(input);
  return input;
}
