/** The dashboard's stylesheet: small, no framework; served at /dashboard/dashboard.css. */
export const DASHBOARD_CSS = `
:root { --bg: #f6f7f9; --panel: #fff; --ink: #1d2430; --muted: #6b7380; --line: #e3e6eb;
  --mb: #2f6fdf; --jobs: #e08a1e; --ok: #2a9d5c; --bad: #d1423f; --busy: #2f6fdf; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; background: var(--bg); color: var(--ink); }
header { display: flex; gap: 12px; align-items: baseline; padding: 12px 20px; background: var(--panel); border-bottom: 1px solid var(--line); }
h1 { font-size: 20px; margin: 0; }
h2 { font-size: 14px; margin: 0 0 8px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
h3 { font-size: 14px; margin: 8px 0; }
.muted { color: var(--muted); font-size: 12px; }
.tag { padding: 1px 8px; border-radius: 10px; background: var(--line); font-size: 12px; }
.tag.on { background: #d6f2e1; color: var(--ok); }
.tag.off { background: #fbe0df; color: var(--bad); }
.warning { margin: 12px 20px; padding: 8px 12px; background: #fff4d6; border: 1px solid #f0d58a; }
#token-form { margin: 12px 20px; padding: 12px; background: var(--panel); border: 1px solid var(--line); }
main { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 12px; padding: 12px 20px; }
.figures { grid-column: 1 / -1; display: grid; grid-template-columns: repeat(8, minmax(0, 1fr)); gap: 12px; }
.figure, .panel { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.figure .label { display: block; color: var(--muted); font-size: 12px; }
.figure .value { font-size: 22px; font-variant-numeric: tabular-nums; }
.wide { grid-column: 1 / -1; }
#chart { width: 100%; height: 160px; background: #fbfcfd; }
#chart .mb { stroke: var(--mb); } #chart .jobs { stroke: var(--jobs); }
#chart path { fill: none; stroke-width: 2; vector-effect: non-scaling-stroke; }
.legend { float: right; text-transform: none; }
.legend i { display: inline-block; width: 10px; height: 3px; margin: 0 4px 3px 10px; }
.legend .mb { background: var(--mb); } .legend .jobs { background: var(--jobs); }
.thread { display: grid; grid-template-columns: 90px 1fr 48px; gap: 8px; align-items: center; margin: 4px 0; }
.bar { height: 12px; background: var(--line); border-radius: 3px; overflow: hidden; }
.bar > span { display: block; height: 100%; background: var(--busy); transition: width .4s; }
table { width: 100%; border-collapse: collapse; font-size: 12px; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 3px 6px; border-bottom: 1px solid var(--line); white-space: nowrap; }
td.id { font-family: ui-monospace, monospace; max-width: 140px; overflow: hidden; text-overflow: ellipsis; }
.status-done { color: var(--ok); } .status-failed { color: var(--bad); } .status-running { color: var(--mb); }
.errors { list-style: none; padding: 0; margin: 0; font-size: 12px; }
.errors li { padding: 4px 0; border-bottom: 1px solid var(--line); }
.errors code { color: var(--bad); }
#drop-zone { position: relative; margin-bottom: 8px; }
#drop-zone.dragging textarea { outline: 2px dashed var(--mb); }
textarea { width: 100%; font: 13px ui-monospace, monospace; }
form label { margin-right: 12px; }
#top { width: 70px; }
.word { display: grid; grid-template-columns: 140px 1fr 60px; gap: 8px; align-items: center; margin: 2px 0; font-size: 13px; }
.word .bar > span { background: var(--jobs); }
pre { max-height: 320px; overflow: auto; background: #fbfcfd; border: 1px solid var(--line); padding: 8px; font-size: 12px; }
@media (max-width: 900px) { main { grid-template-columns: 1fr; } .figures { grid-template-columns: repeat(4, 1fr); } }
`;
