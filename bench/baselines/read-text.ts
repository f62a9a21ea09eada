/**
 * Shared by the JS baselines: the text of every .txt file in a folder, in
 * pieces that end on whitespace (so no word is cut), as a user's streaming
 * script would read it.
 */
import { createReadStream, readdirSync } from 'node:fs';
import { join } from 'node:path';

export async function* textPieces(dir: string): AsyncGenerator<string> {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    let rest = '';
    for await (const chunk of createReadStream(join(dir, file), { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      const text = rest + (chunk as string);
      const cut = Math.max(text.lastIndexOf(' '), text.lastIndexOf('\n'));
      if (cut < 0) {
        rest = text;
        continue;
      }
      yield text.slice(0, cut);
      rest = text.slice(cut);
    }
    if (rest !== '') yield rest;
  }
}

export function printTotals(counts: ReadonlyMap<string, number>): void {
  let totalWords = 0;
  for (const n of counts.values()) totalWords += n;
  process.stdout.write(`${JSON.stringify({ totalWords, uniqueWords: counts.size })}\n`);
}
