/** Small DOM helpers: typed lookups by id and element building without innerHTML (no markup from data). */

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`the page has no #${id}`);
  return el as T;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; title?: string; style?: string } = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.className !== undefined) el.className = props.className;
  if (props.title !== undefined) el.title = props.title;
  if (props.style !== undefined) el.setAttribute('style', props.style);
  el.append(...children);
  return el;
}

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  return el;
}

/** A horizontal bar (0–1) as a div in a div; the width is the only style set. */
export function bar(share: number): HTMLElement {
  const fill = h('span');
  fill.style.width = `${Math.round(Math.min(1, Math.max(0, share)) * 1000) / 10}%`;
  return h('div', { className: 'bar' }, fill);
}
