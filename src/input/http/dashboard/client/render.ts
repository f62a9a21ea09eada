/** Puts a live snapshot on the page. Text goes in with textContent only, never as markup. */
import type { LiveSnapshot } from '../../../../metrics/live-types.ts';
import { drawChart } from './chart.ts';
import { bar, byId, h } from './dom.ts';
import { clock, duration, fixed, megabytes, percent, size, uptime } from './format.ts';

const text = (id: string, value: string): void => {
  byId(id).textContent = value;
};

export function render(s: LiveSnapshot): void {
  text('mode', s.mode === 'queue' ? 'queue mode' : 'local pool');
  text('uptime', uptime(s.uptimeSeconds));
  text('mb-per-second', megabytes(s.throughput.bytesPerSecond));
  text('jobs-per-second', fixed(s.throughput.jobsPerSecond, 1));
  text('queued', String(s.queue.queued));
  text('running', String(s.queue.running));
  text('done', String(s.totals.done));
  text('failed', String(s.totals.failed));
  text('processed', `${megabytes(s.totals.bytes)} MB`);
  text('utilization', s.mode === 'queue' ? 'n/a' : percent(s.pool.utilization, 1));
  drawChart(byId('chart') as unknown as SVGSVGElement, byId('chart-scale'), s.history, Date.parse(s.at));
  renderThreads(s);
  renderJobs(s);
  renderErrors(s);
  renderMqtt(s);
}

function renderThreads(s: LiveSnapshot): void {
  text('busy-window', `busy share, last ${s.busyWindowSeconds} s`);
  const rows = s.threads.map((t) =>
    h('div', { className: 'thread' }, h('span', {}, t.id === null ? 'thread –' : `thread ${t.id}`), bar(t.busy), h('span', {}, percent(t.busy))),
  );
  if (rows.length === 0) rows.push(h('p', { className: 'muted' }, 'jobs run on `wordmill worker` processes'));
  byId('threads').replaceChildren(...rows);
  const { runTimeMs: run, waitTimeMs: wait } = s.pool;
  text('pool-times', `task run p50 ${duration(run.p50)} · p99 ${duration(run.p99)} — wait p50 ${duration(wait.p50)} · p99 ${duration(wait.p99)}`);
}

function renderJobs(s: LiveSnapshot): void {
  byId('recent-jobs').replaceChildren(
    ...s.recentJobs.map((j) =>
      h('tr', {},
        h('td', { className: 'id', title: j.id }, j.id),
        h('td', {}, j.task),
        h('td', {}, j.source),
        h('td', { className: `status-${j.status}` }, j.status),
        h('td', {}, size(j.bytes)),
        h('td', {}, duration(j.durationMs))),
    ),
  );
}

function renderErrors(s: LiveSnapshot): void {
  const items = s.recentErrors.map((e) => h('li', {}, h('code', {}, e.code), ` ${e.message} `, h('span', { className: 'muted' }, `${e.source} · ${clock(e.at)}`)));
  byId('recent-errors').replaceChildren(...(items.length > 0 ? items : [h('li', { className: 'muted' }, 'none')]));
}

function renderMqtt(s: LiveSnapshot): void {
  const m = s.mqtt;
  if (m === null) {
    byId('mqtt').replaceChildren(h('p', { className: 'muted' }, 'off'));
    return;
  }
  const state = h('p', {}, h('span', { className: `tag ${m.connected ? 'on' : 'off'}` }, m.connected ? 'connected' : 'disconnected'), ` ${m.broker}`);
  const detail = h('p', { className: 'muted' }, `in flight ${m.inFlight} · reconnects ${m.reconnects}${m.lastError === null ? '' : ` · last error: ${m.lastError}`}`);
  const table = h('table', {},
    h('thead', {}, h('tr', {}, h('th', {}, 'subscription'), h('th', {}, 'messages'), h('th', {}, 'errors'), h('th', {}, 'last'))),
    h('tbody', {}, ...m.subscriptions.map((sub) =>
      h('tr', {}, h('td', {}, sub.topic), h('td', {}, String(sub.messages)), h('td', {}, String(sub.errors)), h('td', {}, sub.lastMessageAt === null ? '' : clock(sub.lastMessageAt))))));
  byId('mqtt').replaceChildren(state, detail, table);
}
