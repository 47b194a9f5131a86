#!/usr/bin/env node
// `npm test`: type-check, lint and dependency rules, web build, then every Vitest test (unit,
// store, API, browser journeys). Parts that need what this machine lacks (Chromium, a
// PostgreSQL to test against) are skipped with a plain message; with CI=true or
// MAILLAGE_TEST_REQUIRE_ALL=1 a skipped part fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const requireAll = process.env.CI === 'true' || process.env.MAILLAGE_TEST_REQUIRE_ALL === '1';
const extraArgs = process.argv.slice(2);
const started = Date.now();

/** Runs one step; returns true when it passed. */
function run(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) console.error(`✖ ${title} : échec (code ${result.status ?? result.signal})`);
  return result.status === 0;
}

/** Runs one step; stops `npm test` when it fails. */
function step(title, command, args, env = {}) {
  if (!run(title, command, args, env)) process.exit(1);
}

function findChromium() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

const skipped = [];
const chromium = findChromium();
if (!chromium) skipped.push('navigateur : Chromium introuvable (/usr/bin/chromium) — les parcours dans le navigateur sont sautés');
if (!process.env.TEST_DATABASE_URL)
  skipped.push('PostgreSQL : TEST_DATABASE_URL non défini — les tests sur PostgreSQL sont sautés (PGlite seul)');
for (const s of skipped) console.log(`⚠ ${s}`);
if (requireAll && skipped.length) {
  console.error('✖ En CI rien ne doit être sauté : installez Chromium et définissez TEST_DATABASE_URL.');
  process.exit(1);
}

if (!extraArgs.length) {
  // All four checks run, so that a type error does not hide a lint error; then any failure stops.
  const checks = [
    ['Types (tsc)', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
    ['Types du web (tsc)', 'npx', ['tsc', '-p', 'apps/web/tsconfig.json', '--noEmit']],
    ['Lint et format (biome)', 'npx', ['biome', 'check', '.']],
    [
      'Règles de dépendances (dependency-cruiser)',
      'npx',
      ['depcruise', '--config', '.dependency-cruiser.cjs', 'packages', 'apps', 'e2e', 'bench'],
    ],
  ];
  const failed = checks.filter(([title, command, args]) => !run(title, command, args)).map(([title]) => title);
  if (failed.length) {
    console.error(`\n✖ Vérifications en échec : ${failed.join(' ; ')}`);
    process.exit(1);
  }
}
// The browser journeys (e2e/) serve the built web. A run given only test files outside e2e/ (each
// argument an existing *.test.ts file; Vitest takes arguments as path filters) skips the build.
const isOtherTestFile = (arg) =>
  /\.test\.tsx?$/.test(arg) && existsSync(resolve(root, arg)) && !relative(root, resolve(root, arg)).split(sep).includes('e2e');
const onlyOtherFiles = extraArgs.length > 0 && extraArgs.every(isOtherTestFile);
if (onlyOtherFiles) console.log('\n⚠ Construction du web sautée : aucun parcours dans le navigateur (e2e/) demandé');
else step('Construction du web (vite)', 'npm', ['run', 'build', '-w', '@maillage/web']);

mkdirSync(join(root, '.tmp'), { recursive: true });
const report = join(root, '.tmp', 'vitest-report.json');
const vitest = spawnSync('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extraArgs], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ...(chromium ? { CHROMIUM_PATH: chromium } : { MAILLAGE_SKIP_BROWSER: '1' }) },
});

let summary = { passed: 0, failed: 0, skipped: 0 };
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  summary = { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
}
const seconds = ((Date.now() - started) / 1000).toFixed(0);
console.log(`\nDurée totale : ${seconds} s`);
if (requireAll && summary.skipped > 0) {
  console.error(`✖ ${summary.skipped} test(s) sauté(s) : en CI rien ne doit l’être.`);
  console.log(`tests: ${summary.passed} passed, ${summary.failed + summary.skipped} failed`);
  process.exit(1);
}
console.log(`tests: ${summary.passed} passed, ${summary.failed} failed${summary.skipped ? `, ${summary.skipped} skipped` : ''}`);
process.exit(vitest.status === 0 && summary.failed === 0 && summary.passed > 0 ? 0 : 1);
