#!/usr/bin/env node
// `npm run build` step: bundles the server (apps/server/src/main.ts and the workspace packages it
// imports, @maillage/core, db, solver) into apps/server/dist/main.js with esbuild, so production
// runs plain JavaScript: no tsx, no TypeScript compilation at start.
//
// - Third-party packages stay external and load from node_modules as they are: PGlite (its wasm
//   and data files), @node-rs/argon2 (native), pdfkit (its font data), fastify… Bundling them
//   would break their file lookups. Except the pure JavaScript ones made of many modules, kysely,
//   zod and pg, bundled: Node spends more on finding and linking hundreds of small modules than on
//   their code (see ARCHITECTURE.md, Startup).
// - PGlite runs in a worker thread (packages/db/src/pglite-thread.ts), bundled apart in
//   dist/pglite-worker.js; the entry starts it before it loads the application.
// - Workspace packages are bundled from their TypeScript sources, found through package
//   resolution (their package.json `exports`).
// - `import.meta.url` in a bundled module is replaced by the URL of its source file: the code
//   finds its files next to its sources (migrations, demo data, the web build, the PGlite
//   template and its fingerprint) exactly as under tsx. So the bundle runs from the checkout it
//   was built in, next to its node_modules, which is how `npm start` runs it.
import { mkdirSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outfile = join(root, 'apps/server/dist/main.js');

/**
 * Pure JavaScript packages bundled with their dependencies: Node loads one file instead of
 * hundreds (kysely is 280 ES modules, zod about 100; importing kysely bundled is 7 times faster).
 * They read no file of their own. pg's optional native binding and Cloudflare socket stay out.
 */
const bundledPackages = ['kysely', 'zod', 'pg', 'pg-protocol'];
const neverBundled = /^(pg-native|pg-cloudflare)(\/|$)/;
const packageOf = (path) =>
  path
    .split('/')
    .slice(0, path.startsWith('@') ? 2 : 1)
    .join('/');
const insideBundled = (importer) => bundledPackages.some((name) => importer.includes(`/node_modules/${name}/`));

/** Bare imports that are not workspace packages stay external, but for the bundled packages. */
const externalThirdParty = {
  name: 'external-third-party',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@maillage/') || args.kind === 'entry-point') return undefined;
      if (neverBundled.test(args.path)) return { path: args.path, external: true };
      // A bundled package's own dependencies (pg's pg-pool, pg-types…) are bundled with it.
      if (bundledPackages.includes(packageOf(args.path)) || insideBundled(args.importer)) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** pg is CommonJS: its requires of what stays external (pg-native, when asked for) need a `require`. */
const requireBanner =
  "import { createRequire as __maillageRequire } from 'node:module'; const require = __maillageRequire(import.meta.url);";

/** Each module keeps its own `import.meta.url` (and `dirname`, `filename`): its source file's. */
const sourceUrls = {
  name: 'source-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const contents = source
        .replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll('import.meta.dirname', JSON.stringify(dirname(args.path)))
        .replaceAll('import.meta.filename', JSON.stringify(args.path));
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * Packages loaded on first use rather than at start: pdfkit (and its fonts) costs about 270 ms to
 * load and serves only PDF routes. Their default export, used as a class (`new PDFDocument()`),
 * is replaced by a proxy that requires the package the first time it is constructed or read.
 */
const lazyDefaults = ['pdfkit'];
const lazyDefaultImports = {
  name: 'lazy-default-imports',
  setup(b) {
    const filter = new RegExp(`^(${lazyDefaults.map((n) => n.replace(/[/.]/g, '\\$&')).join('|')})$`);
    b.onResolve({ filter }, (args) => (args.namespace === 'lazy' ? undefined : { path: args.path, namespace: 'lazy' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({
      contents: `
        import { createRequire } from 'node:module';
        const require = createRequire(${JSON.stringify(pathToFileURL(join(root, 'apps/server/package.json')).href)});
        let loaded;
        const load = () => {
          if (!loaded) {
            const m = require(${JSON.stringify(args.path)});
            loaded = m && m.default ? m.default : m;
          }
          return loaded;
        };
        export default new Proxy(function lazy() {}, {
          construct: (_, args) => Reflect.construct(load(), args),
          apply: (_, self, args) => Reflect.apply(load(), self, args),
          get: (_, key) => Reflect.get(load(), key),
        });
      `,
      resolveDir: root,
      loader: 'js',
    }));
  },
};

const started = performance.now();
rmSync(dirname(outfile), { recursive: true, force: true });
mkdirSync(dirname(outfile), { recursive: true });
await build({
  // The entry runs the server; `main.ts` imports the application (`./app`) dynamically, which
  // splitting turns into a chunk of its own: its packages (fastify, its plugins…) load while PGlite
  // opens the data folder, instead of before.
  stdin: {
    // main.ts runs itself only when it is the process's script (tsx in development); the bundle
    // always runs it.
    // Before anything else loads, PGlite starts opening an existing data folder in a worker thread
    // (its own bundle, pglite-worker.js): the application's modules load meanwhile.
    contents: [
      "import { startPgliteEarly } from '@maillage/db/thread';",
      "const pgliteWorker = new URL('./pglite-worker.js', import.meta.url);",
      'const early = startPgliteEarly(pgliteWorker);',
      "const { runMain } = await import('./src/main.ts');",
      'await runMain({ pgliteWorker, early });',
    ].join('\n'),
    resolveDir: join(root, 'apps/server'),
    sourcefile: 'dist-entry.ts',
    loader: 'ts',
  },
  outdir: dirname(outfile),
  entryNames: 'main',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  banner: { js: requireBanner },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [lazyDefaultImports, externalThirdParty, sourceUrls],
});
// PGlite's worker thread (packages/db/src/pglite-worker.ts): PGlite itself stays external.
await build({
  entryPoints: [join(root, 'packages/db/src/pglite-worker.ts')],
  outfile: join(dirname(outfile), 'pglite-worker.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [externalThirdParty, sourceUrls],
});
console.log(`Serveur construit : ${outfile} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
