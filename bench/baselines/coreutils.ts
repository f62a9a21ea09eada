/**
 * Baseline: the shell pipeline people reach for. ASCII letters and digits
 * only (`tr` works on bytes); LC_ALL=C so `sort` compares bytes, which is its
 * fastest setting (it only makes the baseline faster).
 */
import type { CommandSpec } from '../lib/run-command.ts';

export function coreutilsPipeline(dir: string, outFile: string): CommandSpec {
  const script = `cat "$1"/*.txt | tr -cs 'A-Za-z0-9' '\\n' | tr A-Z a-z | sort | uniq -c | sort -rn > "$2"`;
  return { command: 'bash', args: ['-c', script, 'pipeline', dir, outFile], env: { ...process.env, LC_ALL: 'C' } };
}

/** Reads `uniq -c` output: total and distinct words (the empty token from leading separators is not a word). */
export function parseUniqCounts(text: string): { totalWords: number; uniqueWords: number } {
  let totalWords = 0;
  let uniqueWords = 0;
  for (const line of text.split('\n')) {
    const match = /^\s*(\d+) (.+)$/.exec(line);
    if (!match) continue;
    totalWords += Number(match[1]);
    uniqueWords++;
  }
  return { totalWords, uniqueWords };
}
