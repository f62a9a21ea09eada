/**
 * Compressed and packed books: the books folder as users download it from
 * Gutenberg, each book gzipped (`.txt.gz`) and all of them in one `.zip`,
 * counted by the whole `process` command beside the same books uncompressed,
 * on the largest --threads, the three forms taking turns round by round.
 * MB/s is over the uncompressed text bytes, so the ratios say what reading
 * the packed form costs (target ≥ 0.7). Every form must count the same words
 * in the same number of sources.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { CACHE_DIR, type BenchInput } from '../corpus/inputs.ts';
import { warmPageCache } from '../corpus/page-cache.ts';
import { expectEqual } from '../lib/checks.ts';
import { describeCommand, measurementOf, runCommand } from '../lib/run-command.ts';
import { summarize, throughput } from '../lib/stats.ts';
import type { BenchOptions, CaseResult, Measurement } from '../lib/types.ts';
import { processCommand } from '../lib/wordmill-cli.ts';

interface Summary { totalWords: number; failed: number; files: number }

/** The books folder's files gzipped one by one, and zipped into one archive (deflate level 6, as gzip and zip default to). */
function packedForms(books: BenchInput): { gz: string; zip: string } {
  const gz = `${CACHE_DIR}${books.name}-gz/`;
  const zip = `${CACHE_DIR}${books.name}-zip/`;
  const names = readdirSync(books.dir).filter((f) => f.endsWith('.txt')).sort();
  if (!existsSync(gz) || readdirSync(gz).length !== names.length) {
    rmSync(gz, { recursive: true, force: true });
    mkdirSync(gz, { recursive: true });
    for (const name of names) writeFileSync(`${gz}${name}.gz`, gzipSync(readFileSync(`${books.dir}${name}`), { level: 6 }));
  }
  if (!existsSync(`${zip}books.zip`)) {
    rmSync(zip, { recursive: true, force: true });
    mkdirSync(zip, { recursive: true });
    const members = Object.fromEntries(names.map((name) => [name, readFileSync(`${books.dir}${name}`)]));
    writeFileSync(`${zip}books.zip`, zipSync(members, { level: 6 }));
  }
  return { gz, zip };
}

export async function packedCases(books: BenchInput, options: BenchOptions, log: (line: string) => void): Promise<CaseResult[]> {
  const threads = Math.max(...options.threads);
  const { gz, zip } = packedForms(books);
  const forms = [
    { name: 'plain .txt', dir: books.dir },
    { name: '.txt.gz, one per book', dir: gz },
    { name: 'one .zip of all the books', dir: zip },
  ];
  for (const form of forms) warmPageCache(form.dir);
  const scratch = `${CACHE_DIR}scratch/packed`;
  const spec = (dir: string) => processCommand(dir, `${scratch}/out`, threads);
  const runs = forms.map((): Measurement[] => []);
  let expected: Summary | undefined;
  for (let r = 0; r < options.runs; r++) {
    for (const [i, form] of forms.entries()) {
      const run = await runCommand(spec(form.dir));
      const summary = JSON.parse(run.stdout) as Summary;
      if (summary.failed !== 0) throw new Error(`process on ${form.name}: ${summary.failed} failed`);
      expected ??= summary;
      expectEqual(`${form.name} totalWords`, summary.totalWords, expected.totalWords);
      expectEqual(`${form.name} sources`, summary.files, expected.files);
      runs[i]!.push(measurementOf(run));
    }
  }
  const plainWall = summarize(runs[0]!.map((m) => m.wallMs)).median;
  return forms.map((form, i) => {
    const wall = summarize(runs[i]!.map((m) => m.wallMs)).median;
    const ratio = plainWall / wall;
    log(`  packed: ${form.name}: ${(wall / 1000).toFixed(2)} s, ${ratio.toFixed(2)}× plain's speed`);
    return {
      scope: 'corpus', input: `${books.name}, packed`, name: `wordmill process --threads ${threads}, ${form.name}`, kind: 'wordmill', threads,
      bytes: books.bytes, runs: runs[i]!, ...throughput(books.bytes, runs[i]!), checked: { totalWords: expected!.totalWords, files: expected!.files },
      command: describeCommand(spec(form.dir)), note: `${ratio.toFixed(2)}× the plain books' MB/s (uncompressed bytes; docs/packed-inputs.md)`,
    } satisfies CaseResult;
  });
}
