/**
 * The venue on a laptop: time from `maillage venue serve journee.maillage` to the first 200 of
 * /api/health, for a day of 500 registrations, in a new data folder (decrypt, start from the
 * prepared template, load the day, start the server) and in the same folder again (resuming
 * the day after a restart). Medians over several runs; the last line sums it up:
 * `venue-serve registrations=500 new_ms=A resume_ms=B`.
 *
 *   npm run bench:venue [-- --runs 5 --registrations 500]
 *
 * The server runs as `npm start` would when `npm run build` is up to date (else from its sources
 * through tsx, which is slower: the line says which).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { VENUE_FORMAT_VERSION } from '@maillage/core';
import { extractDay, schemaVersion, sealVenue } from '@maillage/db';
import { openTestStore, seedVenueDay } from '@maillage/db/testing';
import { staleBuild } from '../../scripts/build-state.mjs';

const root = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, registrations: { type: 'string', default: '500' } } });
const runs = Number(values.runs);
const count = Number(values.registrations);
const passphrase = 'banc d’essai de la journée';

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

async function timeServe(file: string, dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'apps/cli/bin/maillage.js'), 'venue', 'serve', file], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      MAILLAGE_DATA: dataDir,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      MAILLAGE_VENUE_PASSPHRASE: passphrase,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.on('data', (d) => (errors += d));
  try {
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200) return performance.now() - started;
      } catch {
        // not yet listening
      }
      if (child.exitCode !== null) throw new Error(`venue serve exited with ${child.exitCode}: ${errors}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  }
}

const folder = mkdtempSync(join(tmpdir(), 'maillage-bench-venue-'));
try {
  const store = await openTestStore('pglite');
  const file = join(folder, 'journee.maillage');
  try {
    const day = await seedVenueDay(store.db, { count });
    const tables = await extractDay(store.db, day.eventId);
    const sealed = sealVenue(
      {
        format: VENUE_FORMAT_VERSION,
        kind: 'export',
        eventId: day.eventId,
        eventTitle: String(tables.events?.[0]?.title),
        territoryId: day.territoryId,
        createdAt: new Date().toISOString(),
        schema: await schemaVersion(store.db),
        tables,
      },
      passphrase,
    );
    writeFileSync(file, sealed);
    console.log(`day: ${count} registrations, file ${(sealed.length / 1024).toFixed(0)} KiB`);
  } finally {
    await store.close();
  }
  const built = existsSync(join(root, 'apps/server/dist/main.js')) && !staleBuild(root);
  const fresh: number[] = [];
  const resumed: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dataDir = join(folder, `data-${i}`);
    fresh.push(await timeServe(file, dataDir));
    resumed.push(await timeServe(file, dataDir));
    console.log(`run ${i + 1}: new folder ${fresh.at(-1)?.toFixed(0)} ms, resumed ${resumed.at(-1)?.toFixed(0)} ms`);
  }
  console.log(
    `venue-serve registrations=${count} new_ms=${median(fresh).toFixed(0)} resume_ms=${median(resumed).toFixed(0)} server=${built ? 'built' : 'sources'} runs=${runs}`,
  );
} finally {
  rmSync(folder, { recursive: true, force: true });
}
