/**
 * Import of shared measurements from a spreadsheet: a 5,000-line CSV in Windows-1252 with `;`
 * and decimal commas (10 indicators × 20 partners × 25 months), previewed then imported, all or
 * nothing, as the routes `POST /api/indicators/import/preview` and `…/confirm` do it (each reads
 * the territory's indicators and organisations, decodes and plans the whole file; the confirm
 * writes every line as a measurement version with its audit entry, in one transaction). Each of
 * the five runs imports into a fresh territory. Ends with the line
 * `measurements_import median_ms=X lines=5000` (the goal: under 5 s).
 *
 *   npm run bench:measurements-import
 *   DATABASE_URL=postgres://… npm run bench:measurements-import   (PostgreSQL; the database is migrated)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIndicator, importMeasurements, planMeasurementImport, readCsv } from '@maillage/core';
import {
  ensurePgliteTemplate,
  measurementImportLookups,
  measurementsRepo,
  openStore,
  prepareStore,
  readPgliteTemplate,
  type Store,
} from '@maillage/db';

const databaseUrl = process.env.DATABASE_URL || undefined;
const INDICATORS = 10;
const PARTNERS = 20;
const MONTHS = 25;
const RUNS = 5;

/** Windows-1252 bytes of a text whose characters are all Latin-1 but the typographic apostrophe. */
const windows1252 = (text: string) => Buffer.from(text.replace(/\u2019/g, '\x92'), 'latin1');

async function territoryWithIndicators(store: Store, run: number) {
  const suffix = `${run}-${Math.random().toString(36).slice(2, 8)}`;
  const territory = await store.db
    .insertInto('territories')
    .values({
      kind: 'epci',
      name: `Agglomération du banc ${suffix}`,
      slug: `banc-mesures-${suffix}`,
      code: null,
      epci_type: null,
      population: null,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const organisations: string[] = [];
  for (let k = 0; k < PARTNERS; k++) {
    const name = `Centre social n° ${k + 1} de l’agglomération`;
    const org = await store.db
      .insertInto('organisations')
      .values({ name, search_key: name.toLowerCase(), name_key: name.toLowerCase(), kind: 'centre_social' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await store.db.insertInto('organisation_territories').values({ organisation_id: org.id, territory_id: territory.id }).execute();
    organisations.push(name);
  }
  const indicators: string[] = [];
  for (let i = 0; i < INDICATORS; i++) {
    const name = `Familles accompagnées, action ${i + 1} (élémentaire)`;
    await createIndicator(
      { repo: measurementsRepo(store.db) },
      {
        territoryId: territory.id,
        collectiveId: null,
        name,
        unit: 'familles',
        source: '',
        method: '',
        frequency: 'mensuelle',
        reporter: '',
        baselineValue: null,
        baselineYear: null,
        targetValue: null,
        targetYear: null,
        firstPeriod: '2024-01',
        reporterIds: [],
      },
      null,
    );
    indicators.push(name);
  }
  return { territoryId: territory.id, organisations, indicators };
}

function file(indicators: readonly string[], organisations: readonly string[]): string {
  const lines = ['Indicateur;Période;Valeur;Organisation;Commentaire'];
  for (const indicator of indicators) {
    for (const organisation of organisations) {
      for (let m = 0; m < MONTHS; m++) {
        const period = `${2024 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
        const value = `${(m * 3 + organisation.length) % 97},${m % 10}`;
        lines.push(`${indicator};${period};${value};${organisation};relevé n° ${m + 1}`);
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function main() {
  let dir: string | undefined;
  let store: Store;
  if (databaseUrl) {
    store = await openStore({ kind: 'postgres', databaseUrl, poolSize: 2 });
    await prepareStore(store);
  } else {
    await ensurePgliteTemplate();
    dir = mkdtempSync(join(tmpdir(), 'maillage-bench-measurements-'));
    store = await openStore({ kind: 'pglite', dataDir: dir, template: readPgliteTemplate });
    await prepareStore(store);
  }
  console.log(`store=${store.kind} load_avg_1m_before=${loadavg()[0]?.toFixed(2)}`);
  const times: number[] = [];
  let lines = 0;
  for (let run = 0; run < RUNS; run++) {
    const { territoryId, organisations, indicators } = await territoryWithIndicators(store, run);
    const base64 = windows1252(file(indicators, organisations)).toString('base64');
    const started = performance.now();
    // Preview, then confirm: each step reads the territory and plans the whole file, as the routes do.
    const plan = async () => {
      const lookups = await measurementImportLookups(store.db, [territoryId]);
      const parsed = readCsv(new Uint8Array(Buffer.from(base64, 'base64')));
      if (parsed.encoding !== 'windows-1252') throw new Error(`read as ${parsed.encoding}`);
      return planMeasurementImport(parsed, lookups.indicators, lookups.organisations, lookups.existing);
    };
    const preview = await plan();
    if (preview.errors.length) throw new Error(`preview: ${JSON.stringify(preview.errors.slice(0, 3))}`);
    const confirmed = await plan();
    const written = await importMeasurements({ repo: measurementsRepo(store.db) }, confirmed.rows, 'banc.csv', territoryId, null);
    const ms = performance.now() - started;
    lines = written.written;
    times.push(ms);
    console.log(`run ${run + 1}: ${Math.round(ms)} ms, ${written.written} lines written`);
  }
  await store.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`load_avg_1m_after=${loadavg()[0]?.toFixed(2)}`);
  console.log(`measurements_import median_ms=${Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0)} lines=${lines}`);
}

await main();
