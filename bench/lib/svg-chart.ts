/**
 * A horizontal bar chart of median MB/s (min–max as a whisker) per input,
 * as a hand-written SVG string: no charting dependency for one picture.
 */
import type { CaseResult } from './types.ts';

const BAR = 18;
const GAP = 6;
const LABEL = 330;
const PLOT = 440;

function esc(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function throughputSvg(results: readonly CaseResult[], title: string): string {
  const groups = new Map<string, CaseResult[]>();
  for (const r of results) groups.set(r.input, [...(groups.get(r.input) ?? []), r]);
  const scale = Math.max(1, ...results.map((r) => r.mbPerSec.max));
  const parts: string[] = [];
  let y = 40;
  for (const [input, cases] of groups) {
    parts.push(`<text x="10" y="${y + 12}" font-weight="bold">${esc(input)}</text>`);
    y += 22;
    for (const c of cases) {
      const w = (c.mbPerSec.median / scale) * PLOT;
      const x0 = LABEL + (c.mbPerSec.min / scale) * PLOT;
      const x1 = LABEL + (c.mbPerSec.max / scale) * PLOT;
      const fill = c.kind === 'wordmill' ? '#2b6cb0' : '#a0aec0';
      const mid = y + BAR / 2;
      parts.push(
        `<text x="${LABEL - 8}" y="${mid + 4}" text-anchor="end">${esc(c.name)}</text>`,
        `<rect x="${LABEL}" y="${y}" width="${w.toFixed(1)}" height="${BAR}" fill="${fill}"/>`,
        `<line x1="${x0.toFixed(1)}" x2="${x1.toFixed(1)}" y1="${mid}" y2="${mid}" stroke="#1a202c"/>`,
        `<text x="${(LABEL + Math.max(w, x1 - LABEL) + 6).toFixed(1)}" y="${mid + 4}">${c.mbPerSec.median.toFixed(0)} MB/s</text>`,
      );
      y += BAR + GAP;
    }
    y += 10;
  }
  const width = LABEL + PLOT + 90;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 10}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="22" font-size="15" font-weight="bold">${esc(title)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
