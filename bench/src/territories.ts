/**
 * Territories figures: time to load France's divisions into an empty store (the first start of
 * an instance), and search latency once loaded. Medians; the machine is shared and noisy.
 *
 *   node --import tsx bench/src/territories.ts [--runs 3] [--postgres postgres://…]
 */
import { parseArgs } from 'node:util';
import { searchTerritories } from '@maillage/core';
import { loadOfficialTerritories, migrate, openStore, type Store, territoriesRepo } from '@maillage/db';
import pg from 'pg';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, postgres: { type: 'string' } } });
const runs = Number(values.runs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const queries = [
  'saint etienne',
  'vernouillet',
  'Dreux',
  'montreuil',
  'aubervilliers',
  'lyon',
  'marseille',
  'bordeaux',
  'le mans',
  'vernouilet',
  'sa',
  'grenoble',
];

async function measure(open: () => Promise<Store>, label: string): Promise<void> {
  const loads: number[] = [];
  let store: Store | undefined;
  for (let i = 0; i < runs; i++) {
    await store?.close();
    store = await open();
    await migrate(store.db);
    const t0 = performance.now();
    await loadOfficialTerritories(store.db);
    loads.push(performance.now() - t0);
  }
  if (!store) return;
  const repo = territoriesRepo(store.db);
  for (const q of queries) await searchTerritories(repo, { q, limit: 20 });
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    for (const q of queries) {
      const t0 = performance.now();
      await searchTerritories(repo, { q, limit: 20 });
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label}: load median ${median(loads).toFixed(0)} ms (${loads.map((l) => l.toFixed(0)).join(', ')}); ` +
      `search median ${median(times).toFixed(1)} ms, p95 ${times[Math.floor(times.length * 0.95)]?.toFixed(1)} ms over ${times.length} queries`,
  );
  await store.close();
}

await measure(() => openStore({ kind: 'pglite-memory' }), 'PGlite (in memory)');
if (values.postgres) {
  const url = values.postgres;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  let n = 0;
  await measure(async () => {
    const name = `maillage_bench_territories_${process.pid}_${n++}`;
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const store = await openStore({ kind: 'postgres', databaseUrl: u.toString(), poolSize: 2 });
    return {
      ...store,
      close: async () => {
        await store.close();
        await admin.query(`drop database if exists ${name}`);
      },
    };
  }, 'PostgreSQL 15');
  await admin.end();
}
