/**
 * Allowed imports (ARCHITECTURE.md): core → solver; db → core; server, cli → core, db;
 * web → core (schemas and pure helpers). Nothing imports apps/*. The solver imports nothing.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true, viaOnly: { pathNot: ['\\.test\\.tsx?$'] } } },
    {
      name: 'solver-is-pure',
      severity: 'error',
      comment: 'The solver imports nothing of maillage and no I/O.',
      from: { path: '^packages/solver' },
      to: { path: ['^packages/(core|db)', '^apps/', '^node:(fs|net|http|child_process)'] },
    },
    {
      name: 'core-only-solver',
      severity: 'error',
      comment: 'core imports only the solver.',
      from: { path: '^packages/core' },
      to: { path: ['^packages/db', '^apps/'] },
    },
    {
      name: 'core-no-io',
      severity: 'error',
      comment: 'core is pure: no file, network or process I/O.',
      from: { path: '^packages/core', pathNot: '\\.test\\.ts$' },
      to: { path: '^(fs|net|http|https|child_process|node:fs|node:net|node:http|node:child_process)$', dependencyTypes: ['core'] },
    },
    { name: 'db-not-apps', severity: 'error', from: { path: '^packages/db' }, to: { path: '^apps/' } },
    {
      name: 'nothing-imports-apps',
      severity: 'error',
      comment: 'Apps are leaves: no package or other app imports them.',
      from: { path: '^(packages|e2e|bench)/' },
      to: { path: '^apps/', pathNot: '^apps/server/src/(testing|app|main|index)\\.ts$' },
    },
    {
      name: 'apps-do-not-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'web-only-core',
      severity: 'error',
      comment: 'The web app reaches the server through HTTP only.',
      from: { path: '^apps/web' },
      to: { path: ['^packages/(db|solver)', '^apps/(server|cli)'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', 'dist', '\\.tmp'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
    },
    combinedDependencies: true,
    preserveSymlinks: false,
  },
};
