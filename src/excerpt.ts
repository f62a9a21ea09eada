/**
 * A short, safe rendering of a rejected value for error messages: JSON-like,
 * cut at `max` characters with an ellipsis. It never walks further than it
 * prints, so a 1 MB string or an array nested 100,000 deep costs as little as
 * a short one (JSON.stringify of the whole value copied it, or overflowed the
 * stack).
 */
export const EXCERPT_CHARS = 100;

export function excerpt(value: unknown, max = EXCERPT_CHARS): string {
  const out = { text: '' };
  write(value, out, max);
  return clip(out.text, max);
}

/** `text` itself when it has at most `max` characters, else its first `max` and an ellipsis. */
export function clip(text: string, max = EXCERPT_CHARS): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  // Never end on half a surrogate pair.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function write(value: unknown, out: { text: string }, max: number): void {
  if (out.text.length > max) return;
  if (typeof value === 'string') {
    out.text += JSON.stringify(value.length > max ? value.slice(0, max + 1) : value);
    return;
  }
  if (Array.isArray(value)) {
    out.text += '[';
    for (let i = 0; i < value.length && out.text.length <= max; i++) {
      if (i > 0) out.text += ',';
      write(value[i], out, max);
    }
    out.text += ']';
    return;
  }
  if (typeof value === 'object' && value !== null) {
    out.text += '{';
    let first = true;
    for (const key in value) {
      if (out.text.length > max) break;
      if (!Object.hasOwn(value, key)) continue;
      out.text += `${first ? '' : ','}${JSON.stringify(key.length > max ? key.slice(0, max + 1) : key)}:`;
      first = false;
      write((value as Record<string, unknown>)[key], out, max);
    }
    out.text += '}';
    return;
  }
  out.text += typeof value === 'bigint' ? `${value}n` : typeof value === 'undefined' ? 'undefined' : String(JSON.stringify(value) ?? String(value));
}
