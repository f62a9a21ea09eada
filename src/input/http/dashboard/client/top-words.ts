/**
 * A job result on the page: the whole JSON, and when the task ranks items
 * (`top: [{ word | ngram | …, count | score }]`, as wordcount does) a bar chart
 * of them above it. Other tasks' results show as JSON only.
 */
import { bar, byId, h } from './dom.ts';

export interface ResultView {
  id: string;
  task?: string;
  durationMs: number;
  totalWords?: number;
  uniqueWords?: number;
  top?: unknown;
}

interface Ranked { label: string; value: number }

export function showResult(result: ResultView): void {
  const ranked = rankedItems(result.top);
  const max = Math.max(1, ...ranked.map((r) => r.value));
  const counts = result.totalWords === undefined ? '' : `${result.totalWords} words, ${result.uniqueWords ?? '?'} unique — `;
  byId('result-title').textContent = `${counts}${result.task ?? 'job'} ${result.id} in ${Math.round(result.durationMs)} ms`;
  byId('result-bars').replaceChildren(
    ...ranked.map((r) => h('div', { className: 'word' }, h('span', {}, r.label), bar(r.value / max), h('span', {}, String(r.value)))),
  );
  byId('result-json').textContent = JSON.stringify(result, null, 2);
  byId('result').hidden = false;
}

/** `[{ word: 'x', count: 3 }]` and look-alikes: the first string field is the label, the first number the value. */
function rankedItems(top: unknown): Ranked[] {
  if (!Array.isArray(top)) return [];
  const out: Ranked[] = [];
  for (const item of top as unknown[]) {
    if (typeof item !== 'object' || item === null) continue;
    const values = Object.values(item);
    const label = values.find((v): v is string => typeof v === 'string');
    const value = values.find((v): v is number => typeof v === 'number');
    if (label !== undefined && value !== undefined) out.push({ label, value });
  }
  return out;
}
