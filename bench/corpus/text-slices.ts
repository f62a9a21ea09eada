/** Slices of the English unit text of about `bytes` each, cut at a space so no word is split: job bodies. */
import { readFileSync } from 'node:fs';
import { DATA_DIR } from './inputs.ts';

export function textSlices(count: number, bytes: number): Buffer[] {
  const text = readFileSync(`${DATA_DIR}dracula.txt`);
  const slices: Buffer[] = [];
  let at = 0;
  while (slices.length < count) {
    if (at + bytes >= text.length) at = 0;
    let end = at + bytes;
    while (text[end] !== 0x20) end++;
    slices.push(text.subarray(at, end));
    at = end;
  }
  return slices;
}
