/**
 * The dashboard page. Plain HTML; the figures are filled in by the compiled
 * client (client/main.ts) from the `GET /v1/events` stream. Element ids are
 * the contract with the client and with the browser test.
 */
import { TASK_NAMES } from '../../../protocol.ts';

const escape = (s: string): string => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function dashboardPage(options: { scriptsBuilt: boolean }): string {
  const tasks = TASK_NAMES.map((t) => `<option value="${escape(t)}">${escape(t)}</option>`).join('');
  const notBuilt = options.scriptsBuilt
    ? ''
    : '<p class="warning">The dashboard scripts are not built: run <code>npm run build</code>.</p>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>wordmill</title>
<link rel="stylesheet" href="/dashboard/dashboard.css">
<script type="module" src="/dashboard/main.js"></script>
</head>
<body>
<header>
  <h1>wordmill</h1>
  <span id="mode" class="tag">…</span>
  <span id="uptime" class="muted"></span>
  <span id="connection" class="tag off">connecting</span>
</header>
${notBuilt}
<form id="token-form" hidden>
  <label>This service needs its bearer token <input id="token-input" type="password" autocomplete="off"></label>
  <button type="submit">Use token</button>
</form>
<main>
  <section class="figures">
    <div class="figure"><span class="label">MB/s</span><span id="mb-per-second" class="value">–</span></div>
    <div class="figure"><span class="label">jobs/s</span><span id="jobs-per-second" class="value">–</span></div>
    <div class="figure"><span class="label">queued</span><span id="queued" class="value">–</span></div>
    <div class="figure"><span class="label">running</span><span id="running" class="value">–</span></div>
    <div class="figure"><span class="label">done</span><span id="done" class="value">–</span></div>
    <div class="figure"><span class="label">failed</span><span id="failed" class="value">–</span></div>
    <div class="figure"><span class="label">processed</span><span id="processed" class="value">–</span></div>
    <div class="figure"><span class="label">pool utilization</span><span id="utilization" class="value">–</span></div>
  </section>
  <section class="panel wide">
    <h2>Throughput <span class="legend"><i class="mb"></i>MB/s <i class="jobs"></i>jobs/s</span></h2>
    <svg id="chart" viewBox="0 0 600 160" preserveAspectRatio="none" role="img" aria-label="throughput over time"></svg>
    <p id="chart-scale" class="muted"></p>
  </section>
  <section class="panel">
    <h2>Worker threads <span id="busy-window" class="muted"></span></h2>
    <div id="threads"></div>
    <p id="pool-times" class="muted"></p>
  </section>
  <section class="panel">
    <h2>MQTT</h2>
    <div id="mqtt"><p class="muted">off</p></div>
  </section>
  <section class="panel">
    <h2>Recent jobs</h2>
    <table><thead><tr><th>job</th><th>task</th><th>source</th><th>status</th><th>size</th><th>time</th></tr></thead>
    <tbody id="recent-jobs"></tbody></table>
  </section>
  <section class="panel">
    <h2>Recent errors</h2>
    <ul id="recent-errors" class="errors"></ul>
  </section>
  <section class="panel wide">
    <h2>Submit</h2>
    <form id="submit-form">
      <div id="drop-zone">
        <textarea id="text" rows="6" placeholder="Paste text here, or drop a file on this box"></textarea>
        <input id="file" type="file">
      </div>
      <label>task <select id="task">${tasks}</select></label>
      <label>top <input id="top" type="number" min="1" max="1000" value="20"></label>
      <button id="submit" type="submit">Count words</button>
      <span id="submit-status" class="muted"></span>
    </form>
    <div id="result" hidden>
      <h3 id="result-title"></h3>
      <div id="result-bars"></div>
      <pre id="result-json"></pre>
    </div>
  </section>
</main>
</body>
</html>
`;
}
