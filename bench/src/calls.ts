/**
 * Calls-for-projects figures for one call of N applications (default 300), in-process (the real
 * app built by createTestWorld, answered through Fastify's inject as the API tests do; responses
 * are not re-checked against their schemas, as in production). Each application has a lead and
 * 1–2 partner structures, a 40-line CERFA 12156 budget per structure, and some applications sit at
 * each status: half of them are at or past the committee (proposed, granted, rejected, to justify…),
 * with the funders' reviews and, once voted, a decision per funder. Measured, as medians over
 * several runs after one warm-up:
 *  - the committee view (GET /api/calls/{id}/committee) as the coordinator;
 *  - the programming table as XLSX and as CSV;
 *  - the list of applications (GET /api/calls/{id}/applications) as the coordinator and as a reviewer;
 *  - one application's Dauphin pack (PDF) and budget CSV;
 * plus the time to seed the call. Beside each wall time, the CPU time this process spent on the
 * request (median): on PGlite the database runs in this process, so that figure moves less with
 * the load of a shared machine (on PostgreSQL it leaves out the database server's work). Every answer is checked (status 200, XLSX a zip, PDF a PDF, the
 * CSVs and lists of the expected length) so an error page is never timed.
 * On PGlite, and also on PostgreSQL when DATABASE_URL is set. Ends with the line
 * `calls applications=N committee_ms=A programming_xlsx_ms=B list_ms=C dauphin_pdf_ms=D` (PGlite).
 *
 *   npm run bench:calls [-- --applications 300 --runs 5 --only pglite|postgres]
 *
 * Prints the machine's load average (1 min) before and after: figures from a loaded shared
 * machine are not comparable with a quiet one.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { APPLICATION_STATUSES, type ApplicationStatus, type BudgetLine } from '@maillage/core';
import { ecosystemRepo } from '@maillage/db';
import { createTestWorld, type TestClient, type TestWorld } from '../../apps/server/src/testing';

const { values } = parseArgs({
  options: {
    applications: { type: 'string', default: '300' },
    runs: { type: 'string', default: '5' },
    only: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(
    [
      'npm run bench:calls [-- --applications 300 --runs 5 --only pglite|postgres]',
      '  Seeds one call of N applications (PGlite; PostgreSQL too when DATABASE_URL is set), then times, as medians:',
      '  the committee view, the programming table (XLSX, CSV), the list of applications (coordinator, reviewer),',
      '  one Dauphin pack (PDF) and budget CSV. Prints the load average before and after, and ends with',
      '  calls applications=… committee_ms=… programming_xlsx_ms=… list_ms=… dauphin_pdf_ms=…',
    ].join('\n'),
  );
  process.exit(0);
}
const N = Number(values.applications);
const RUNS = Number(values.runs);
if (!Number.isInteger(N) || N < 12) throw new Error('--applications : un entier d’au moins 12 (une demande par statut)');
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs : un entier positif');

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
const load = () => loadavg()[0]?.toFixed(2);

/** Seeded PRNG (mulberry32): the same call on every run and store. */
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

/** Charges: every main line of the grid but 69, and two contributions in kind. */
const CHARGES = [
  '601',
  '604',
  '606',
  '613',
  '615',
  '616',
  '618',
  '622',
  '623',
  '625',
  '626',
  '627',
  '631',
  '635',
  '641',
  '645',
  '647',
  '648',
  '65',
  '66',
  '67',
  '68',
  'CI1',
  'CI2',
];
const OTHER_PRODUITS = ['70', '73', '74-COMMUNE', '74-ORGANISMES-SOCIAUX', '756', '758', '75', '76', '79'];

/** A balanced 40-line budget (24 charges, 12 products, 2 + 2 lines in kind) asking both funders. */
function budget(random: () => number, etat: string, agglo: string): BudgetLine[] {
  const euros = () => (200 + Math.floor(random() * 4_800)) * 100;
  const charges = CHARGES.map((code) => ({ code, detail: `Poste ${code}`, amountCents: euros(), cofunderId: null }));
  const total = charges.reduce((s, l) => s + l.amountCents, 0);
  const share = (x: number) => Math.round((total * x) / 100) * 100;
  const produits: BudgetLine[] = [
    { code: '74-ETAT', detail: 'ANCT – programme 147', amountCents: share(0.3), cofunderId: etat },
    { code: '74-EPCI', detail: 'Agglomération', amountCents: share(0.2), cofunderId: agglo },
    ...OTHER_PRODUITS.map((code) => ({ code, detail: '', amountCents: share(0.04), cofunderId: null })),
  ];
  const rest = total - produits.reduce((s, l) => s + l.amountCents, 0);
  const nature = 150_000;
  return [
    ...charges,
    ...produits,
    { code: 'RP', detail: 'Fonds associatifs', amountCents: rest, cofunderId: null },
    { code: '861', detail: 'Salle prêtée', amountCents: nature, cofunderId: null },
    { code: '864', detail: 'Bénévoles', amountCents: nature, cofunderId: null },
    { code: '870', detail: 'Bénévolat', amountCents: nature, cofunderId: null },
    { code: '871', detail: 'Prêt de salle', amountCents: nature, cofunderId: null },
  ];
}

/** The path to each status, as the history records it. */
function pathTo(status: ApplicationStatus): ApplicationStatus[] {
  const main: ApplicationStatus[] = ['brouillon', 'depose', 'recevable', 'en_instruction', 'propose_comite', 'accorde'];
  if (status === 'pre_dossier') return ['brouillon', 'pre_dossier'];
  if (status === 'non_recevable') return ['brouillon', 'depose', 'non_recevable'];
  if (status === 'rejete') return [...main.slice(0, 5), 'rejete'];
  const i = main.indexOf(status);
  if (i >= 0) return main.slice(0, i + 1);
  return [
    ...main,
    ...(['a_justifier', 'justifie', 'cloture'] as const).slice(0, ['a_justifier', 'justifie', 'cloture'].indexOf(status) + 1),
  ];
}
const AT_COMMITTEE = new Set<ApplicationStatus>(['propose_comite', 'accorde', 'rejete', 'a_justifier', 'justifie', 'cloture']);
const VOTED = new Set<ApplicationStatus>(['accorde', 'rejete', 'a_justifier', 'justifie', 'cloture']);
const REVIEWED = new Set<ApplicationStatus>(['en_instruction', ...AT_COMMITTEE]);
const NOT_IN_COMMITTEE_TABLE = new Set<ApplicationStatus>(['brouillon', 'pre_dossier']);

interface Seeded {
  callId: string;
  statuses: ApplicationStatus[];
  /** A file with two partners, granted: the one whose pack is timed. */
  packApplicationId: string;
}

/** The call, its two funders (the world's reviewer reviews for the first), N applications and what the committee did. */
async function seed(t: TestWorld): Promise<Seeded> {
  const db = t.store.db;
  const { world } = t;
  const random = prng(20261202);
  const year = 2027;
  const call = await db
    .insertInto('calls')
    .values({ territory_id: world.territoryId, title: `AAP ${year} du banc`, year, created_by: world.users.coordinator.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  const callId = call.id;
  await db
    .insertInto('call_tracks')
    .values(
      (['projet_individuel', 'projet_collectif', 'petit_collectif'] as const).map((track) => ({ call_id: callId, track, enabled: true })),
    )
    .execute();
  await db
    .insertInto('call_steps')
    .values((['pre_dossier', 'depot'] as const).map((kind) => ({ call_id: callId, kind, opens_on: '2000-01-01', closes_on: '2100-12-31' })))
    .execute();
  const [etat, agglo] = await db
    .insertInto('call_cofunders')
    .values([
      {
        call_id: callId,
        kind: 'etat',
        name: 'État – politique de la ville',
        detail: 'ANCT – programme 147',
        envelope_cents: 50_000_000,
        tracks: '[]',
        position: 0,
      },
      { call_id: callId, kind: 'epci', name: 'Agglomération du banc', detail: '', envelope_cents: 30_000_000, tracks: '[]', position: 1 },
    ])
    .returning('id')
    .execute();
  if (!etat || !agglo) throw new Error('financeurs non créés');
  await db.insertInto('call_cofunder_reviewers').values({ cofunder_id: etat.id, user_id: world.users.reviewer.id }).execute();

  const repo = ecosystemRepo(db);
  const orgIds: string[] = [];
  for (let i = 0; i < Math.max(20, Math.ceil(N / 2)); i++) {
    orgIds.push(
      await repo.insertOrganisation(
        {
          name: `Association du banc n° ${i + 1}`,
          kind: 'association',
          siren: null,
          siret: '12345678900011',
          rna: 'W123456789',
          communeId: world.communeId,
          territoryIds: [world.communeId],
          themeIds: [],
          description: null,
          address: `${i + 1} rue des Lilas`,
          website: null,
          publicEmail: `contact${i}@banc.exemple.fr`,
          publicPhone: null,
        },
        null,
        null,
      ),
    );
  }
  const statuses = Array.from({ length: N }, (_, i) => APPLICATION_STATUSES[i % APPLICATION_STATUSES.length] as ApplicationStatus);
  const coordinator = world.users.coordinator.id;
  const day = (i: number, k: number) => new Date(Date.UTC(2026, 9, 1) + (i % 60) * 86_400_000 + k * 3_600_000);
  let packApplicationId = '';
  const BATCH = 100;
  await db.transaction().execute(async (trx) => {
    for (let from = 0; from < N; from += BATCH) {
      const idx = Array.from({ length: Math.min(BATCH, N - from) }, (_, k) => from + k);
      const rows = await trx
        .insertInto('applications')
        .values(
          idx.map((i) => {
            const status = statuses[i] as ApplicationStatus;
            const path = pathTo(status);
            return {
              call_id: callId,
              track: 'projet_collectif' as const,
              status,
              collective_id: null,
              action: JSON.stringify({
                title: `Action du banc n° ${i + 1}`,
                objectives: ['Rapprocher les habitants des structures du quartier'],
                description: 'Des ateliers chaque semaine avec les familles du quartier.',
                beneficiaries: { count: 40, qpvSharePercent: 80, publics: 'Habitants du quartier' },
                territoryIds: [world.quartierId],
                startsOn: `${year}-02-01`,
                endsOn: `${year}-12-15`,
                humanMeans: [{ category: 'salaries', people: 2, etptHundredths: 150 }],
                changeId: null,
                indicators: [{ name: 'Participants réguliers', target: '30' }],
                frequency: 'premiere',
              }),
              version: path.length,
              created_by: coordinator,
              created_at: day(i, 0),
              updated_at: day(i, path.length),
              submitted_at: path.includes('depose') ? day(i, 1) : null,
            };
          }),
        )
        .returning('id')
        .execute();
      const apps = idx.map((i, k) => {
        const id = (rows[k] as { id: string }).id;
        const partners = 1 + (i % 2);
        const orgs = Array.from({ length: partners + 1 }, (_, j) => orgIds[(i + j * 7) % orgIds.length] as string);
        return { i, id, status: statuses[i] as ApplicationStatus, orgs };
      });
      const pack = apps.find((a) => a.status === 'accorde' && a.orgs.length === 3);
      if (!packApplicationId && pack) packApplicationId = pack.id;
      await trx
        .insertInto('application_structures')
        .values(
          apps.flatMap((a) =>
            a.orgs.map((organisation_id, position) => ({
              application_id: a.id,
              organisation_id,
              role: position === 0 ? ('lead' as const) : ('partner' as const),
              position,
            })),
          ),
        )
        .execute();
      await trx
        .insertInto('application_budgets')
        .values(
          apps.flatMap((a) =>
            a.orgs.map((organisation_id) => ({
              application_id: a.id,
              organisation_id,
              planned: JSON.stringify(budget(random, etat.id, agglo.id)),
              updated_at: day(a.i, 0),
            })),
          ),
        )
        .execute();
      await trx
        .insertInto('application_history')
        .values(
          apps.flatMap((a) =>
            pathTo(a.status).map((to, k, path) => ({
              application_id: a.id,
              from_status: k === 0 ? null : (path[k - 1] as ApplicationStatus),
              to_status: to,
              cofunder_id: null,
              by_user_id: coordinator,
              comment: '',
              at: day(a.i, k),
            })),
          ),
        )
        .execute();
      const reviewed = apps.filter((a) => REVIEWED.has(a.status));
      if (reviewed.length)
        await trx
          .insertInto('application_reviews')
          .values(
            reviewed.flatMap((a) =>
              [etat.id, agglo.id].map((cofunder_id, k) => ({
                application_id: a.id,
                cofunder_id,
                reviewer_user_id: k === 0 ? world.users.reviewer.id : coordinator,
                reviewer_name: k === 0 ? 'Instruction État' : 'Instruction agglomération',
                complete: true,
                bilan_received: null,
                eligible: true,
                criteria: JSON.stringify({ capacite: 3, presence_quartiers: 4, faisabilite: 3, publics: 3, axes_contrat: 4 }),
                appreciation: 'favorable',
                comment: 'Action solide, calendrier réaliste.',
                proposed_cents: (k === 0 ? 400_000 : 250_000) + (a.i % 5) * 10_000,
                updated_at: day(a.i, 3),
              })),
            ),
          )
          .execute();
      const voted = apps.filter((a) => VOTED.has(a.status));
      if (voted.length)
        await trx
          .insertInto('application_decisions')
          .values(
            voted.flatMap((a) =>
              [etat.id, agglo.id].map((cofunder_id, k) => ({
                application_id: a.id,
                cofunder_id,
                decision: a.status === 'rejete' ? ('rejete' as const) : ('accorde' as const),
                voted_cents: a.status === 'rejete' ? 0 : k === 0 ? 400_000 : 250_000,
                decided_by: coordinator,
                decided_at: day(a.i, 5),
              })),
            ),
          )
          .execute();
    }
  });
  if (!packApplicationId) throw new Error('aucune demande accordée à trois structures');
  return { callId, statuses, packApplicationId };
}

const fail = (what: string, detail: string): never => {
  throw new Error(`${what} : ${detail} (le banc ne mesure pas une page d’erreur)`);
};

/** Times `runs` requests after one warm-up; each answer is checked by `check`. */
async function timed(
  what: string,
  client: TestClient,
  url: string,
  check: (res: Awaited<ReturnType<TestClient['get']>>) => void,
): Promise<number> {
  const times: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r <= RUNS; r++) {
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    const res = await client.get(url);
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(cpuStart);
    if (res.status !== 200) fail(what, `statut ${res.status} ${res.res.body.slice(0, 200)}`);
    check(res);
    if (r > 0) {
      times.push(elapsed);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  const m = median(times);
  console.log(
    `  ${what.padEnd(34)} median ${m.toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}, n=${times.length}); CPU of this process ${median(cpu).toFixed(1)} ms`,
  );
  return m;
}

const csvLines = (text: string) => text.split(/\r?\n/).filter((l) => l.length > 0).length;

async function measure(kind: 'pglite' | 'postgres') {
  console.log(`\n${kind} — ${N} demandes, ${RUNS} mesures (+1 d’échauffement)`);
  const t = await createTestWorld(kind);
  // The production server does not check its answers against their schemas; the tests do.
  (t.deps as { checkResponses?: boolean }).checkResponses = false;
  try {
    const seedStart = performance.now();
    const s = await seed(t);
    const seedMs = performance.now() - seedStart;
    console.log(`  seed (call, ${N} applications, budgets, history, reviews, decisions): ${seedMs.toFixed(0)} ms`);
    const inCommittee = s.statuses.filter((st) => !NOT_IN_COMMITTEE_TABLE.has(st)).length;
    const coordinator = await t.loginAs('coordinator');
    const reviewer = await t.loginAs('reviewer');
    const base = `/api/calls/${s.callId}`;

    const committee = await timed('committee view (coordinator)', coordinator, `${base}/committee`, (res) => {
      if (res.body.applications?.length !== inCommittee)
        fail('committee', `${res.body.applications?.length} demandes au lieu de ${inCommittee}`);
    });
    const xlsx = await timed('programming XLSX', coordinator, `${base}/programming.xlsx`, (res) => {
      if (res.res.rawPayload.subarray(0, 2).toString('latin1') !== 'PK') fail('programming.xlsx', 'pas un zip');
    });
    // Every application of the table asks both funders: two lines each, and the header.
    const csv = await timed('programming CSV', coordinator, `${base}/programming.csv`, (res) => {
      const n = csvLines(res.res.body);
      if (n !== 1 + 2 * inCommittee) fail('programming.csv', `${n} lignes au lieu de ${1 + 2 * inCommittee}`);
    });
    const list = await timed('applications list (coordinator)', coordinator, `${base}/applications`, (res) => {
      if (res.body.length !== N) fail('liste (coordination)', `${res.body.length} demandes au lieu de ${N}`);
    });
    const listReviewer = await timed('applications list (reviewer)', reviewer, `${base}/applications`, (res) => {
      if (res.body.length !== inCommittee) fail('liste (instructeur)', `${res.body.length} demandes au lieu de ${inCommittee}`);
    });
    const app = `${base}/applications/${s.packApplicationId}`;
    const view = await coordinator.get(app);
    if (view.status !== 200) fail('demande', `statut ${view.status}`);
    const budgets = view.body.budgets as { lines: unknown[] }[];
    const expectedBudgetLines =
      1 + budgets.reduce((sum, b) => sum + b.lines.length + 2, 0) + (budgets.length > 1 ? view.body.consolidated.lines.length + 2 : 0);
    const pdf = await timed('Dauphin pack PDF', coordinator, `${app}/dauphin.pdf`, (res) => {
      if (res.res.rawPayload.subarray(0, 4).toString('latin1') !== '%PDF') fail('dauphin.pdf', 'pas un PDF');
    });
    const budgetCsv = await timed('budget CSV', coordinator, `${app}/budget.csv`, (res) => {
      const n = csvLines(res.res.body);
      if (n !== expectedBudgetLines) fail('budget.csv', `${n} lignes au lieu de ${expectedBudgetLines}`);
    });
    return { seedMs, committee, xlsx, csv, list, listReviewer, pdf, budgetCsv };
  } finally {
    await t.close();
  }
}

async function main() {
  console.log(`load average (1 min) before: ${load()} on ${availableParallelism()} cores`);
  let summary = '';
  if (values.only !== 'postgres') {
    const r = await measure('pglite');
    summary = `calls applications=${N} committee_ms=${r.committee.toFixed(0)} programming_xlsx_ms=${r.xlsx.toFixed(0)} list_ms=${r.list.toFixed(0)} dauphin_pdf_ms=${r.pdf.toFixed(0)}`;
  }
  if (process.env.DATABASE_URL && values.only !== 'pglite') {
    process.env.TEST_DATABASE_URL = process.env.DATABASE_URL;
    const r = await measure('postgres');
    const line = `calls applications=${N} committee_ms=${r.committee.toFixed(0)} programming_xlsx_ms=${r.xlsx.toFixed(0)} list_ms=${r.list.toFixed(0)} dauphin_pdf_ms=${r.pdf.toFixed(0)}`;
    if (summary) console.log(`postgres: ${line}`);
    else summary = line;
  }
  console.log(`\nload average (1 min) after: ${load()}`);
  if (summary) console.log(summary);
}

await main();
