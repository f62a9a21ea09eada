/**
 * A scanned range's sentence and line figures, read from the module's
 * sentence tracker (workers/wasm/assembly/sentences.ts), and how the figures
 * of consecutive ranges add up. Ranges of a chunked stats or sentiment job are
 * cut after a byte that leaves the tracker in its plain state (see
 * src/dispatch/chunk-plan.ts), so a range's sentence ends are those of the
 * whole input: only the sentence open at a cut spans two ranges.
 */
import type { TextCountsPartial } from '../../src/protocol.ts';
import type { WordTable } from './word-table.ts';

export function readTextCounts(table: WordTable): TextCountsPartial {
  const wasm = table.wasm;
  const first = wasm.getFirstPieceWords();
  const open = wasm.getOpenWords();
  const lastByte = wasm.getLastByte();
  const closed = first >= 0;
  return {
    characters: wasm.getCodePoints(),
    lineBreaks: wasm.getLineBreaks(),
    endsWithBreak: lastByte === 0x0a || lastByte === 0x0d,
    headWords: closed ? first : open,
    closed,
    // Sentences that start and end inside the range.
    sentences: closed ? wasm.getClosedSentences() - (first > 0 ? 1 : 0) : 0,
    tailWords: closed ? open : 0,
  };
}

export interface MergedTextCounts {
  characters: number;
  sentences: number;
  lines: number;
}

/** Ranges in input order: the words before a range's first sentence end continue the sentence the last range left open. */
export function mergeTextCounts(parts: readonly TextCountsPartial[]): MergedTextCounts {
  let characters = 0;
  let breaks = 0;
  let sentences = 0;
  let open = 0;
  let endsWithBreak = false;
  for (const p of parts) {
    characters += p.characters;
    breaks += p.lineBreaks;
    if (p.characters > 0) endsWithBreak = p.endsWithBreak;
    open += p.headWords;
    if (!p.closed) continue;
    if (open > 0) sentences++;
    sentences += p.sentences;
    open = p.tailWords;
  }
  if (open > 0) sentences++;
  // Lines as an editor shows them: terminated lines, plus a last line without a terminator.
  const lines = characters === 0 ? 0 : breaks + (endsWithBreak ? 0 : 1);
  return { characters, sentences, lines };
}
