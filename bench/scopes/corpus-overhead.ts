/**
 * Per-file overhead on the folder of books: the folder's time minus what its
 * bytes cost at the same variant's time per byte on the one big file (same
 * run), divided by the number of files. Start-up counts in both, so it is
 * spread over the files here; the start-up case measures it on its own.
 */
import type { BenchInput } from '../corpus/inputs.ts';
import type { CaseResult } from '../lib/types.ts';

export function withPerFileOverhead(
  results: CaseResult[],
  { folder, files, bigFile }: { folder: BenchInput; files: number; bigFile: BenchInput },
): CaseResult[] {
  const onBig = new Map(results.filter((r) => r.input === bigFile.name).map((r) => [r.name, r]));
  return results.map((r) => {
    const big = onBig.get(r.name);
    if (r.input !== folder.name || big === undefined || files === 0) return r;
    const msPerByteBig = big.wallMs.median / big.bytes;
    const overheadMs = r.wallMs.median - msPerByteBig * r.bytes;
    return { ...r, perFileOverheadUs: Math.round((overheadMs / files) * 1000) };
  });
}
