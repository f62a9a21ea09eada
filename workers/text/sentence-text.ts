/**
 * A sentence's text as the sentiment result shows it: white space runs
 * collapsed to one space, trimmed, cut to 500 UTF-16 units with an ellipsis.
 * Texts are read from the input's bytes only for the sentences a result
 * shows, and only a bounded prefix of each: a collapsed prefix of LIMIT
 * units holds more than the 500 shown (a collapsed text has no two spaces in
 * a row, so trimming takes at most one from each end).
 */

const MAX_TEXT = 500;
const LIMIT = 1024;
const WINDOW_BYTES = 4096;
const SPACE = /\s+/gu;

export interface CollapsedText {
  text: string;
  /** More text followed what `text` holds. */
  truncated: boolean;
}

/** The collapsed, untrimmed text of bytes [from, to), at most LIMIT units of it. */
export function collapsedPrefix(bytes: Uint8Array, from: number, to: number): CollapsedText {
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  let out: CollapsedText = { text: '', truncated: false };
  for (let at = from; at < to; at += WINDOW_BYTES) {
    const end = Math.min(to, at + WINDOW_BYTES);
    const piece = decoder.decode(bytes.subarray(at, end), { stream: end < to }).replace(SPACE, ' ');
    out = joinCollapsed(out, { text: piece, truncated: false });
    if (out.truncated) return { text: out.text, truncated: end < to || out.truncated };
  }
  return out;
}

/** The collapsed text of two texts in a row: a space ending one and a space starting the other are one run. */
export function joinCollapsed(a: CollapsedText, b: CollapsedText): CollapsedText {
  if (a.truncated) return a;
  const text = a.text.endsWith(' ') && b.text.startsWith(' ') ? a.text + b.text.slice(1) : a.text + b.text;
  if (text.length > LIMIT) return { text: text.slice(0, LIMIT), truncated: true };
  return { text, truncated: b.truncated };
}

/** The shown text: trimmed, and cut with an ellipsis past 500 units. */
export function shownText(collapsed: CollapsedText): string {
  const text = collapsed.text.trim();
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}
