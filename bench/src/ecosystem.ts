/**
 * Ecosystem figures with 10,000 organisations, 50,000 people and 100,000 relation assessments in
 * the store: directory search and organisation page server time (p95), map data for 2,000
 * organisations / 10,000 relations, import of a 5,000-line CSV, and the first render of the
 * 2,000-node map in headless chromium. On PGlite, and on PostgreSQL when DATABASE_URL is set.
 * Medians and p95 over repeated runs (the machine is shared and noisy).
 *
 *   npm run bench:ecosystem [-- --runs 200 --map-runs 10 --import-runs 3 --browser-runs 3 --only pglite|postgres]
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { accountsRepo, type Store } from '@maillage/db';
import { sql } from 'kysely';
import { chromium } from 'playwright-core';
import { createTestApp, type TestApp } from '../../apps/server/src/testing';

const root = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  strict: false,
  options: {
    runs: { type: 'string', default: '200' },
    'map-runs': { type: 'string', default: '10' },
    'import-runs': { type: 'string', default: '3' },
    'browser-runs': { type: 'string', default: '3' },
    only: { type: 'string' },
  },
});
const runs = Number(values.runs);

/** Seeded PRNG (mulberry32): the same dataset on every run and store. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = prng(20261125);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
  return { median: at(0.5), p95: at(0.95), n: s.length };
};
const fmt = (x: { median: number; p95: number; n: number }) => `median ${x.median.toFixed(1)} ms, p95 ${x.p95.toFixed(1)} ms (n=${x.n})`;

const kinds = [
  'association',
  'centre_social',
  'collectivite',
  'etat',
  'caf',
  'bailleur',
  'entreprise',
  'collectif_habitants',
  'centre_ressources',
];
const prefixes: Record<string, string[]> = {
  association: ['Association', 'Asso', 'Amicale', 'Union'],
  centre_social: ['Centre social', 'Espace de vie sociale', 'Maison de quartier'],
  collectivite: ['Ville de', 'Service jeunesse de', 'Médiathèque de'],
  etat: ['Collège', 'École', 'Délégation'],
  caf: ['CAF antenne'],
  bailleur: ['Habitat', 'Logis', 'Résidences'],
  entreprise: ['Boulangerie', 'Atelier', 'Coopérative'],
  collectif_habitants: ['Collectif', 'Comité des habitants'],
  centre_ressources: ['Centre de ressources'],
};
const nouns = [
  'des Tilleuls',
  'La Passerelle',
  'Horizon',
  'Les Coteaux',
  'du Lac',
  'Arc-en-ciel',
  'Les Érables',
  'Le Trait d’union',
  'Les Jardins',
  'La Ruche',
  'Pierre-et-Marie',
  'Solidarité',
  'L’Étincelle',
  'Le Phare',
  'Les Lilas',
  'Boréal',
  'La Fontaine',
  'Le Relais',
  'Les Peupliers',
  'Cœur de ville',
];
const places = [
  'Lysbourg',
  'Bellerive',
  'Valmont',
  'Saint-Aubin-des-Prés',
  'Montclar',
  'Villeneuve-sur-Orne',
  'Rochebrune',
  'Fontenelle',
  'Marcigny',
  'Beaulieu',
];
const firstNames = [
  'Awa',
  'Julien',
  'Nadia',
  'Karim',
  'Sophie',
  'Marc',
  'Claire',
  'Yannick',
  'Fatou',
  'Élodie',
  'Bruno',
  'Amélie',
  'Samir',
  'Léa',
  'Moussa',
  'Pauline',
  'Henri',
  'Zohra',
  'Aïcha',
  'Luc',
  'Inès',
  'Thomas',
  'Salomé',
  'Olivier',
  'Camille',
  'Rémi',
  'Lina',
  'Valérie',
  'Mariam',
  'Hugo',
];
const lastNames = [
  'Diallo',
  'Roche',
  'Benali',
  'Haddad',
  'Lemaire',
  'Delorme',
  'Fontaine',
  'Perrot',
  'Sow',
  'Marchand',
  'Carré',
  'Roux',
  'Ouali',
  'Girard',
  'Keita',
  'Vidal',
  'Blanchard',
  'Mansouri',
  'Traoré',
  'Morel',
  'Lefèvre',
  'Petit',
  'Brun',
  'Ferrand',
  'Gauthier',
  'Cherif',
  'Hubert',
  'Cissé',
  'Lambert',
  'Garnier',
];
const searchKey = (v: string) =>
  v
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[''’`\-_.,;:/()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

interface Dataset {
  epcis: string[];
  orgIds: string[][];
  orgNames: string[];
  coordinator: { id: string; cookie: string; csrf: string };
}

/** Inserts rows with one `insert … select * from unnest(…)` per chunk: the fastest path on both stores. */
async function bulk(store: Store, table: string, columns: string[], types: string[], rows: unknown[][]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    const arrays = columns.map((_, c) => chunk.map((r) => r[c]));
    const params = arrays.map((a, c) => sql`${a}::${sql.raw(types[c] as string)}[]`);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(params)})`.execute(
      store.db,
    );
  }
}

export async function generate(store: Store): Promise<Dataset> {
  const t0 = performance.now();
  const epcis: string[] = [];
  const communes: string[][] = [];
  const territoryRows: unknown[][] = [];
  const parentRows: unknown[][] = [];
  const tag = randomBytes(3).toString('hex');
  for (let e = 0; e < 5; e++) {
    const id = randomUUID();
    epcis.push(id);
    territoryRows.push([id, 'epci', `Agglo bench ${e}`, `agglo-bench-${tag}-${e}`]);
    communes.push([]);
    for (let c = 0; c < 10; c++) {
      const cid = randomUUID();
      communes[e]?.push(cid);
      territoryRows.push([cid, 'commune', `${places[c]} ${e}`, `commune-bench-${tag}-${e}-${c}`]);
      parentRows.push([cid, id]);
    }
  }
  await bulk(store, 'territories', ['id', 'kind', 'name', 'slug'], ['uuid', 'text', 'text', 'text'], territoryRows);
  await bulk(store, 'territory_parents', ['territory_id', 'parent_id'], ['uuid', 'uuid'], parentRows);
  const themes = (await store.db.selectFrom('eco_themes').select('id').where('territory_id', 'is', null).execute()).map((t) => t.id);

  const orgRows: unknown[][] = [];
  const orgTerritories: unknown[][] = [];
  const orgThemes: unknown[][] = [];
  const orgIds: string[][] = epcis.map(() => []);
  const orgNames: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    const e = i % 5;
    const id = randomUUID();
    const kind = pick(kinds);
    const commune = pick(communes[e] as string[]);
    const name = `${pick(prefixes[kind] as string[])} ${pick(nouns)} ${pick(places)} ${i}`;
    orgIds[e]?.push(id);
    orgNames.push(name);
    orgRows.push([id, name, searchKey(name), searchKey(name), kind, commune]);
    orgTerritories.push([id, commune]);
    const t1 = pick(themes);
    const t2 = pick(themes);
    orgThemes.push([id, t1]);
    if (t2 !== t1) orgThemes.push([id, t2]);
  }
  await bulk(
    store,
    'organisations',
    ['id', 'name', 'search_key', 'name_key', 'kind', 'commune_id'],
    ['uuid', 'text', 'text', 'text', 'text', 'uuid'],
    orgRows,
  );
  await bulk(store, 'organisation_territories', ['organisation_id', 'territory_id'], ['uuid', 'uuid'], orgTerritories);
  await bulk(store, 'organisation_themes', ['organisation_id', 'theme_id'], ['uuid', 'uuid'], orgThemes);

  const peopleRows: unknown[][] = [];
  const personOrgs: unknown[][] = [];
  const personThemes: unknown[][] = [];
  for (let i = 0; i < 50_000; i++) {
    const id = randomUUID();
    const name = `${pick(firstNames)} ${pick(lastNames)}`;
    const resource = random() < 0.1;
    const consent = random() < 0.6;
    peopleRows.push([
      id,
      name,
      searchKey(name),
      'Chargé·e de mission',
      resource,
      resource ? 'santé, parentalité' : null,
      consent ? `p${i}@exemple.fr` : null,
      consent,
    ]);
    const e = i % 5;
    personOrgs.push([id, (orgIds[e] as string[])[Math.floor(i / 5) % 2000]]);
    if (resource) personThemes.push([id, pick(themes)]);
  }
  await bulk(
    store,
    'people',
    ['id', 'name', 'search_key', 'function', 'is_resource', 'resource_for', 'email', 'contact_consent'],
    ['uuid', 'text', 'text', 'text', 'boolean', 'text', 'text', 'boolean'],
    peopleRows,
  );
  await bulk(store, 'person_organisations', ['person_id', 'organisation_id'], ['uuid', 'uuid'], personOrgs);
  await bulk(store, 'person_themes', ['person_id', 'theme_id'], ['uuid', 'uuid'], personThemes);

  // 10,000 relations per EPCI, 2 assessments each (one per side, a year apart): 100,000 in all.
  const assessments: unknown[][] = [];
  for (let e = 0; e < 5; e++) {
    const ids = orgIds[e] as string[];
    const seen = new Set<string>();
    while (seen.size < 10_000) {
      let x = pick(ids);
      let y = pick(ids);
      if (x === y) continue;
      if (x > y) [x, y] = [y, x];
      const key = `${x}|${y}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const level = 1 + Math.floor(random() * 7);
      const month = 1 + Math.floor(random() * 12);
      assessments.push([randomUUID(), x, y, x, level, `2025-${String(month).padStart(2, '0')}-15`]);
      assessments.push([
        randomUUID(),
        x,
        y,
        y,
        Math.max(1, Math.min(7, level + Math.floor(random() * 3) - 1)),
        `2026-${String(Math.min(month, 10)).padStart(2, '0')}-15`,
      ]);
    }
  }
  await bulk(
    store,
    'cooperation_assessments',
    ['id', 'org_a', 'org_b', 'on_behalf_of', 'level', 'assessed_on'],
    ['uuid', 'uuid', 'uuid', 'uuid', 'smallint', 'date'],
    assessments,
  );
  // What autovacuum would have done after a bulk load (flushes the trigram indexes' pending lists).
  await sql`vacuum analyze`.execute(store.db);

  // A coordinator of the first EPCI, with a session (no password check: this measures the API).
  const passwordHash = 'bench-no-login';
  const repo = accountsRepo(store.db);
  const user = await repo.createUser({ email: `bench-${tag}@exemple.fr`, displayName: 'Coordination bench', passwordHash, isAdmin: false });
  await store.db
    .insertInto('role_assignments')
    .values({ user_id: user.id, role: 'coordinator', territory_id: epcis[0] as string, title: null, created_by: null })
    .execute();
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(16).toString('hex');
  await repo.createSession({
    idHash: createHash('sha256').update(token).digest('hex'),
    userId: user.id,
    csrfToken: csrf,
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  console.log(
    `  dataset: 10,000 organisations, 50,000 people, ${assessments.length.toLocaleString('en')} assessments in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  return { epcis, orgIds, orgNames, coordinator: { id: user.id, cookie: `maillage_session=${token}; maillage_csrf=${csrf}`, csrf } };
}

async function timed(
  t: TestApp,
  d: Dataset,
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
): Promise<{ ms: number; status: number; payload: string }> {
  const t0 = performance.now();
  const res = await t.app.inject({
    method,
    url,
    headers: {
      cookie: d.coordinator.cookie,
      ...(method === 'POST' ? { 'x-csrf-token': d.coordinator.csrf, 'content-type': 'application/json' } : {}),
    },
    ...(body ? { payload: JSON.stringify(body) } : {}),
  });
  const ms = performance.now() - t0;
  if (res.statusCode >= 400) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body.slice(0, 300)}`);
  return { ms, status: res.statusCode, payload: res.body };
}

/** A word of a name with one letter dropped: a small typo. */
function typo(name: string): string {
  const word = pick(name.split(' ').filter((w) => w.length > 4)) ?? name;
  const i = 1 + Math.floor(random() * (word.length - 2));
  return word.slice(0, i) + word.slice(i + 1);
}

async function browserRender(t: TestApp, d: Dataset, browserRuns: number): Promise<number[] | string> {
  const executablePath = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  if (!executablePath) return 'chromium absent';
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--use-gl=swiftshader', '--enable-unsafe-swiftshader'],
  });
  const times: number[] = [];
  try {
    for (let i = 0; i < browserRuns; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const [session, csrf] = d.coordinator.cookie.split('; ').map((c) => c.split('=')[1] as string);
      const host = new URL(address).hostname;
      await context.addCookies([
        { name: 'maillage_session', value: session as string, domain: host, path: '/' },
        { name: 'maillage_csrf', value: csrf as string, domain: host, path: '/' },
      ]);
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`${address}/ecosysteme/carte?territoire=${d.epcis[0]}`);
      await page.waitForSelector('[data-rendered-ms]', { timeout: 120_000 });
      const total = performance.now() - t0;
      const nodes = await page.getAttribute('[data-rendered-ms]', 'data-nodes');
      const inPage = Number(await page.getAttribute('[data-rendered-ms]', 'data-rendered-ms'));
      console.log(`    run ${i + 1}: ${nodes} nodes, layout + first frame ${inPage} ms, navigation → first frame ${total.toFixed(0)} ms`);
      times.push(total);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return times;
}

async function measure(kind: 'pglite' | 'postgres'): Promise<void> {
  const { loadavg } = await import('node:os');
  console.log(
    `\n== ${kind === 'pglite' ? 'PGlite (in memory)' : 'PostgreSQL'} == (load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, ${new Date().toISOString()})`,
  );
  const webDist = process.env.MAILLAGE_WEB_DIST ?? join(root, 'apps/web/dist');
  const t = await createTestApp(kind, { MAILLAGE_WEB_DIST: webDist });
  try {
    const d = await generate(t.store);
    const e0 = d.epcis[0] as string;
    // Warm up caches and plans.
    for (let i = 0; i < 10; i++) await timed(t, d, 'GET', `/api/ecosystem/directory?q=${encodeURIComponent(typo(pick(d.orgNames)))}`);

    const search: number[] = [];
    for (let i = 0; i < runs; i++) {
      const q = i % 3 === 0 ? typo(pick(d.orgNames)) : i % 3 === 1 ? pick(nouns) : `${pick(firstNames)} ${pick(lastNames)}`;
      search.push((await timed(t, d, 'GET', `/api/ecosystem/directory?q=${encodeURIComponent(q)}${i % 2 ? `&territoryId=${e0}` : ''}`)).ms);
    }
    console.log(`  directory search: ${fmt(stats(search))}`);

    const pageTimes: number[] = [];
    for (let i = 0; i < runs; i++)
      pageTimes.push((await timed(t, d, 'GET', `/api/ecosystem/organisations/${pick(d.orgIds[0] as string[])}`)).ms);
    console.log(`  organisation page: ${fmt(stats(pageTimes))}`);

    const mapTimes: number[] = [];
    let mapInfo = '';
    for (let i = 0; i < Number(values['map-runs']); i++) {
      const r = await timed(t, d, 'GET', `/api/ecosystem/map?territoryId=${e0}`);
      mapTimes.push(r.ms);
      const m = JSON.parse(r.payload) as { nodes: unknown[]; edges: unknown[] };
      mapInfo = `${m.nodes.length} nodes, ${m.edges.length} edges, ${(r.payload.length / 1024).toFixed(0)} KB`;
    }
    console.log(`  map data (${mapInfo}): ${fmt(stats(mapTimes))}`);
    const pastTimes: number[] = [];
    for (let i = 0; i < Number(values['map-runs']); i++)
      pastTimes.push((await timed(t, d, 'GET', `/api/ecosystem/map?territoryId=${e0}&at=2025-09-30`)).ms);
    console.log(`  map data at an earlier date: ${fmt(stats(pastTimes))}`);

    const browser = await browserRender(t, d, Number(values['browser-runs']));
    console.log(
      typeof browser === 'string'
        ? `  first map render: skipped (${browser})`
        : `  first map render in headless chromium (navigation → first frame): ${fmt(stats(browser))}`,
    );
    const importTimes: number[] = [];
    for (let r = 0; r < Number(values['import-runs']); r++) {
      const lines = ['Nom;Type;SIRET;Commune;Thèmes;Description;Courriel'];
      for (let i = 0; i < 5000; i++) {
        lines.push(
          `"${pick(prefixes.association as string[])} ${pick(nouns)} import ${r}-${i}";Association;;${places[i % 10]} 0;santé, jeunesse;"Actions de proximité ; ateliers";contact${i}@exemple.fr`,
        );
      }
      const csv = Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
      const r0 = await timed(t, d, 'POST', '/api/ecosystem/import/confirm', {
        kind: 'organisations',
        territoryId: e0,
        contentBase64: csv.toString('base64'),
      });
      const answer = JSON.parse(r0.payload) as { created: number };
      if (answer.created !== 5000) throw new Error(`import created ${answer.created}`);
      importTimes.push(r0.ms);
    }
    console.log(`  import of a 5,000-line CSV (${'preview + write, one transaction'}): ${fmt(stats(importTimes))}`);
  } finally {
    await t.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (values.only !== 'postgres') await measure('pglite');
  if (process.env.DATABASE_URL && values.only !== 'pglite') {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    await measure('postgres');
  }
}
