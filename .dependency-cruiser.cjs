/**
 * The dependency rule of wordmill (docs/architecture.md): each layer imports
 * only the layers below it, nothing imports in a circle (files or folders), and
 * the worker threads share nothing with the main thread but the protocol.
 * `npm run lint:deps` checks it; `npm test` runs it first.
 */

/** Lowest first. A layer may import its own files and the layers before it. */
const LAYERS = [
  {
    name: 'core',
    path: '^src/(errors|protocol|ids|config|option-fields|validation)[.]ts$|^src/(tasks|log|durable-fs|protocol)/',
  },
  { name: 'executors', path: '^src/(dispatch|pool)/' },
  { name: 'engine', path: '^src/(engine|events)[.]ts$|^src/(sinks|jobs|journal)/' },
  { name: 'adapters', path: '^src/(input|metrics)/' },
  { name: 'cluster', path: '^src/queue/' },
  { name: 'service', path: '^src/service/|^src/(create-engine|index)[.]ts$' },
  { name: 'cli', path: '^src/cli/|^src/cli[.]ts$' },
];

const layerRules = LAYERS.map((layer, rank) => ({
  name: `layer-${layer.name}`,
  comment: `${layer.name} imports only itself and the layers below it (docs/architecture.md)`,
  severity: 'error',
  from: { path: layer.path },
  to: {
    path: LAYERS.slice(rank + 1).map((upper) => upper.path).join('|') || '^$',
  },
}));

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'layer-cluster-not-adapters',
      comment: 'the inputs and the cluster both sit on the engine and know nothing of each other',
      severity: 'error',
      from: { path: '^src/queue/' },
      to: { path: '^src/(input|metrics)/' },
    },
    {
      name: 'layer-engine-no-executor-implementations',
      comment: 'the engine knows executors only through the port (src/dispatch/executor.ts); a composition above it picks one',
      severity: 'error',
      from: { path: '^src/engine[.]ts$' },
      to: { path: '^src/pool/|^src/dispatch/pool-executor[.]ts$|^src/queue/' },
    },
    {
      name: 'tasks-not-to-config',
      comment: 'config.ts builds on the task option fields; the tasks must not need config.ts back (folder loop)',
      severity: 'error',
      from: { path: '^src/tasks/' },
      to: { path: '^src/config[.]ts$' },
    },
    {
      name: 'workers-import-protocol-only',
      comment: 'worker threads share only the protocol (and the log format leaf) with the main thread',
      severity: 'error',
      from: { path: '^workers/' },
      to: { path: '^src/', pathNot: '^src/protocol[.]ts$|^src/log/logger-options[.]ts$' },
    },
    {
      name: 'no-circular-files',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-circular-folders',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^(src|workers)/',
    exclude: { path: '^src/input/http/dashboard/client/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
