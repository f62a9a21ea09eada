/** A job result on the page: its top words as a bar chart, the whole JSON below. */
import { bar, byId, h } from './dom.ts';

export interface ResultView {
  id: string;
  totalWords: number;
  uniqueWords: number;
  durationMs: number;
  top: Array<{ word: string; count: number }>;
}

export function showResult(result: ResultView): void {
  const max = Math.max(1, ...result.top.map((t) => t.count));
  byId('result-title').textContent = `${result.totalWords} words, ${result.uniqueWords} unique — job ${result.id} in ${Math.round(result.durationMs)} ms`;
  byId('result-bars').replaceChildren(
    ...result.top.map((t) => h('div', { className: 'word' }, h('span', {}, t.word), bar(t.count / max), h('span', {}, String(t.count)))),
  );
  byId('result-json').textContent = JSON.stringify(result, null, 2);
  byId('result').hidden = false;
}
