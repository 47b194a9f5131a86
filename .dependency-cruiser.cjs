/**
 * Allowed imports (ARCHITECTURE.md): core → solver; db → core; server, cli → core, db;
 * web → core (schemas and pure helpers). Nothing imports apps/*. The solver imports nothing.
 * core and the solver are ALLOW-lists (anything not listed is refused, npm and node: modules
 * included); node_modules is resolved (so that rules see it) but not followed.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true, viaOnly: { pathNot: ['\\.test\\.tsx?$'] } } },
    {
      name: 'solver-imports-only-itself',
      severity: 'error',
      comment:
        'ALLOW-list: the solver imports nothing but its own files (no maillage package, no npm package, no node: module). ' +
        'Its tests may also use vitest and fast-check.',
      from: { path: '^packages/solver/src/', pathNot: '\\.test\\.ts$' },
      to: { pathNot: '^packages/solver/src/' },
    },
    {
      name: 'solver-tests-imports',
      severity: 'error',
      comment: 'ALLOW-list for the solver tests: the solver, vitest, fast-check.',
      from: { path: '^packages/solver/src/.+\\.test\\.ts$' },
      to: { pathNot: ['^packages/solver/src/', '^node_modules/(vitest|fast-check)/'] },
    },
    {
      name: 'core-imports-only-core-solver-zod',
      severity: 'error',
      comment:
        'ALLOW-list: core is pure; it imports itself, the solver, zod, ical-generator (writes .ics text, no I/O) and csv-parse (reads CSV text, its self-contained build), nothing else (no db, no pg or kysely, no node: module: ' +
        'no file, network, process, clock or randomness except passed in).',
      from: { path: '^packages/core/src/', pathNot: '\\.test\\.ts$' },
      to: {
        pathNot: [
          '^packages/core/src/',
          '^packages/solver/src/',
          '^node_modules/zod/',
          '^node_modules/ical-generator/',
          '^node_modules/csv-parse/',
        ],
      },
    },
    {
      name: 'core-tests-imports',
      severity: 'error',
      comment:
        'ALLOW-list for core tests: what core may import, plus the test tools and independent readers they check against ' +
        '(vitest, fast-check, csv-parse, ical.js) and node:crypto for random test inputs.',
      from: { path: '^packages/core/src/.+\\.test\\.ts$' },
      to: {
        pathNot: [
          '^packages/core/src/',
          '^packages/solver/src/',
          '^node_modules/(zod|vitest|fast-check|csv-parse|ical\\.js)/',
          '^(node:)?crypto$',
        ],
      },
    },
    {
      name: 'core-capabilities-meet-through-index',
      severity: 'error',
      comment:
        'A capability of core reaches another only through its index.ts (its public surface); shared/ and the top-level ' +
        'policy files are for everyone.',
      from: { path: '^packages/core/src/([^/]+)/' },
      to: {
        path: '^packages/core/src/[^/]+/',
        pathNot: ['^packages/core/src/$1/', '^packages/core/src/shared/', '^packages/core/src/[^/]+/index\\.ts$'],
      },
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
    exclude: { path: ['^(apps|packages|e2e|bench)/[^/]+/dist/', '\\.tmp'] },
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
