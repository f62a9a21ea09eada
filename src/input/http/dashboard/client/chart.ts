/**
 * The moving throughput chart: MB/s and jobs/s over the last two minutes as two
 * SVG lines, each scaled to its own maximum (named in `scale`, HTML text: the
 * SVG stretches to the panel's width, which would distort text drawn inside it).
 */
import type { ThroughputPoint } from '../../../../metrics/live-types.ts';
import { svg } from './dom.ts';
import { fixed } from './format.ts';

const WIDTH = 600;
const HEIGHT = 160;
const PAD = 14;
const SPAN_MS = 120_000;

export function drawChart(target: SVGSVGElement, scale: HTMLElement, points: readonly ThroughputPoint[], now: number): void {
  const series = [
    { className: 'mb', unit: 'MB/s', values: points.map((p) => p.bytesPerSecond / 1e6) },
    { className: 'jobs', unit: 'jobs/s', values: points.map((p) => p.jobsPerSecond) },
  ];
  const x = (t: number): number => WIDTH - ((now - t) / SPAN_MS) * WIDTH;
  const nodes: SVGElement[] = [svg('line', { x1: 0, x2: WIDTH, y1: HEIGHT - PAD, y2: HEIGHT - PAD, stroke: '#e3e6eb' })];
  const maxima: string[] = [];
  for (const s of series) {
    const max = Math.max(...s.values, s.className === 'mb' ? 0.1 : 1);
    const y = (v: number): number => HEIGHT - PAD - (v / max) * (HEIGHT - 2 * PAD);
    const d = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.t).toFixed(1)},${y(s.values[i] ?? 0).toFixed(1)}`).join(' ');
    if (d !== '') nodes.push(svg('path', { d, class: s.className }));
    maxima.push(`${fixed(max, max < 10 ? 2 : 0)} ${s.unit}`);
  }
  target.replaceChildren(...nodes);
  scale.textContent = `last 2 min · top of scale: ${maxima.join(', ')}`;
}
