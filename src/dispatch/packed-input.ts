/**
 * Which files are packed (gzip, zip, HTML) and what their results are called
 * (docs/packed-inputs.md). A name decides, as `--ext` does: `book.txt.gz` is
 * gzip, `book.html` HTML, `book.html.gz` both.
 */
import { basename } from 'node:path';
import type { Packing } from '../protocol.ts';

const GZIP = /\.gz$/i;
const HTML = /\.html?$/i;

export function isZipName(name: string): boolean {
  return /\.zip$/i.test(name);
}

/** How a whole file (not a zip) is read, or undefined for plain text. */
export function filePacking(path: string): Packing | undefined {
  const gzip = GZIP.test(path);
  const html = HTML.test(gzip ? path.replace(GZIP, '') : path);
  if (!gzip && !html) return undefined;
  return { codec: gzip ? 'gzip' : 'stored', html };
}

/** Whether a zip member's text is HTML. */
export function isHtmlName(name: string): boolean {
  return HTML.test(name);
}

/** The extensions a name answers to for `--ext`: `a.txt.gz` → `gz`, `txt.gz`. */
export function extensionsOf(name: string): string[] {
  const parts = basename(name).toLowerCase().split('.').slice(1);
  return parts.map((_, i) => parts.slice(i).join('.')).filter((e) => e.length > 0).reverse();
}

/** A name's stem without its last extension, and without `.gz`'s inner one: `book.txt.gz` → `book`. */
function stem(name: string): string {
  const base = basename(name).replace(GZIP, '');
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** Result file stem: `book.txt.gz` → `book`, member `texts/ch1.txt` of `archive.zip` → `archive_ch1`. */
export function packedStem(path: string, member?: string): string {
  return member === undefined ? stem(path) : `${stem(path)}_${stem(member)}`;
}
