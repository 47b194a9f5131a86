/**
 * Foundation figures: time from process start to the first 200 of /api/health (existing and
 * new data folder) of the built server as `npm start` runs it, PGlite's own time to open the
 * same existing folder in a fresh process (the floor under the first figure), gzip size of the
 * JavaScript the home page loads, and optionally the wall time of `npm test`. Medians over
 * several runs (the machine is shared and noisy). The last line sums it up:
 * `startup existing_ms=A new_ms=B floor_ms=C`.
 *
 *   npm run bench:startup [-- --runs 5 --test-runs 0 --no-build]
 *
 * `--no-build` measures what `npm run build` left (to compare two builds of the server).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'test-runs': { type: 'string', default: '0' },
    'no-build': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const testRuns = Number(values['test-runs']);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** Starts the server as `npm start` does (after the build) and times the first healthy answer. */
async function timeStartup(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', MAILLAGE_DATA: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (d) => (errors += d));
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/health`);
        if (res.status === 200) return performance.now() - started;
      } catch {
        // not yet listening
      }
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${errors}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    // A child that already stopped (a stale build, a failure) fires no second 'exit'.
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  }
}

/**
 * The floor: a fresh Node process that opens the existing data folder with PGlite (the same
 * extensions as the server) and answers `select 1`; timed from spawn to that answer.
 */
async function timePgliteOpen(dataDir: string): Promise<number> {
  const script = `
    import { PGlite } from '@electric-sql/pglite';
    import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
    import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
    const db = await PGlite.create({ dataDir: ${JSON.stringify(join(dataDir, 'pg'))}, extensions: { unaccent, pg_trgm } });
    await db.query('select 1');
    process.stdout.write('ready\\n');
    await db.close();
  `;
  const started = performance.now();
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    cwd: join(root, 'packages/db'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const elapsed = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(performance.now() - started);
    });
    child.once('exit', (code) => reject(new Error(`pglite probe exited with ${code}`)));
  });
  await new Promise((r) => child.once('exit', r));
  return elapsed;
}

function homePageJsGzip(): { files: string[]; bytes: number } {
  const dist = join(root, 'apps/web/dist');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1] as string);
  const bytes = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0);
  return { files, bytes };
}

if (!values['no-build']) {
  console.log('Construction du web…');
  spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
}
const web = homePageJsGzip();
console.log(`web home page JS: ${(web.bytes / 1024).toFixed(1)} KB gzip (${web.files.join(', ')})`);

const empty: number[] = [];
const existing: number[] = [];
const floor: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-bench-'));
  try {
    empty.push(await timeStartup(dir));
    existing.push(await timeStartup(dir));
    floor.push(await timePgliteOpen(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    `run ${i + 1}: new ${empty.at(-1)?.toFixed(0)} ms, existing ${existing.at(-1)?.toFixed(0)} ms, PGlite open ${floor.at(-1)?.toFixed(0)} ms`,
  );
}
console.log(`startup existing data folder: median ${median(existing).toFixed(0)} ms over ${runs} runs (goal < 2000 ms)`);
console.log(`startup new data folder:      median ${median(empty).toFixed(0)} ms over ${runs} runs (goal < 10000 ms)`);
console.log(`PGlite open (floor):          median ${median(floor).toFixed(0)} ms over ${runs} runs`);

if (testRuns > 0) {
  const times: number[] = [];
  for (let i = 0; i < testRuns; i++) {
    const t = performance.now();
    spawnSync('npm', ['test'], { cwd: root, stdio: 'ignore', env: process.env });
    times.push(performance.now() - t);
  }
  console.log(`npm test wall time: median ${(median(times) / 1000).toFixed(0)} s over ${testRuns} runs`);
}

console.log(`startup existing_ms=${median(existing).toFixed(0)} new_ms=${median(empty).toFixed(0)} floor_ms=${median(floor).toFixed(0)}`);
