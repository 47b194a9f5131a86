import { createHash, randomBytes } from 'node:crypto';
import {
  createIndicator,
  joinCodeFrom,
  createPathway,
  QUIZ_QUESTIONS,
  openBarometerRun,
  saveQuizResult,
  recordObservedChange,
  reportMeasurement,
  STATEMENTS,
} from '@maillage/core';
import {
  barometerRunsRepo,
  createCollectives,
  liveRepo,
  quizResultsRepo,
  loadIndicator,
  measurementsRepo,
  observedChangesRepo,
  pathwaysRepo,
} from '@maillage/db';
import { organisation } from '../ecosystem/authz-fixtures';
import { freshRegistration } from '../events/authz-fixtures';
import type { AuthzFixtures, AuthzWorld } from '../http/authz-fixtures';

const tag = () => randomBytes(4).toString('hex');

export const definition = (name: string) => ({
  name,
  unit: 'familles',
  source: 'registres des partenaires',
  method: 'comptage annuel',
  frequency: 'annuelle' as const,
  reporter: 'chaque partenaire',
  baselineValue: 100,
  baselineYear: 2024,
  targetValue: 300,
  targetYear: 2028,
  firstPeriod: '2024',
});

/** An indicator of the world's territory reported by one organisation of its commune, with one value. */
export async function indicator(
  world: AuthzWorld,
): Promise<{ id: string; name: string; organisationId: string; organisationName: string }> {
  const organisationId = await organisation(world, 'Partenaire mesures');
  const org = await world.store.db.selectFrom('organisations').select('name').where('id', '=', organisationId).executeTakeFirstOrThrow();
  const name = `Familles accompagnées ${tag()}`;
  const deps = { repo: measurementsRepo(world.store.db) };
  const id = await createIndicator(
    deps,
    { ...definition(name), territoryId: world.territoryId, collectiveId: null, reporterIds: [organisationId] },
    null,
  );
  const record = await loadIndicator(world.store.db, id);
  if (!record) throw new Error('indicator not created');
  await reportMeasurement(deps, record, { organisationId, period: '2024', value: 120 }, null);
  return { id, name, organisationId, organisationName: org.name };
}

async function collective(world: AuthzWorld): Promise<string> {
  const [id] = await createCollectives(world.store.db, [
    { territoryId: world.territoryId, name: 'Collectif des mesures', urgency: '', themes: [], origin: null, members: [], createdBy: null },
  ]);
  return id as string;
}

const csv = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`, 'latin1').toString('base64');

async function importBody(world: AuthzWorld) {
  const i = await indicator(world);
  return {
    territoryId: world.territoryId,
    fileName: 'mesures.csv',
    contentBase64: csv(['Indicateur;Période;Valeur;Organisation;Commentaire', `${i.name};2025;130,5;${i.organisationName};année pleine`]),
  };
}

const observation = (world: AuthzWorld, organisationId: string | null, collectiveId: string | null = null) => ({
  territoryId: world.territoryId,
  collectiveId,
  observedOn: '2026-10-12',
  actorOrganisationId: organisationId,
  actorName: organisationId ? '' : 'Les parents du quartier',
  kind: 'pratique' as const,
  description: 'Le centre social ouvre ses ateliers aux parents le samedi',
  evidence: 'Programme de l’automne',
  significance: 'Premiers parents qui n’étaient jamais venus',
  contribution: 'Idée née au collectif des parents',
});

/** A barometer run of a collective of the world's territory; its id and the code of its link. */
async function barometerRun(world: AuthzWorld): Promise<{ id: string; code: string }> {
  const code = `code-du-barometre-${tag()}${tag()}`;
  const id = await openBarometerRun(
    { repo: barometerRunsRepo(world.store.db) },
    { territoryId: world.territoryId, collectiveId: await collective(world), title: 'Baromètre du collectif' },
    code,
    '2026-11-02',
    null,
  );
  return { id, code };
}

/** A live room of the world's territory, with its join code. */
export async function liveRoom(world: AuthzWorld): Promise<{ id: string; code: string }> {
  const room = await liveRepo(world.store.db).createRoom({
    code: joinCodeFrom((n) => new Uint8Array(randomBytes(n))),
    title: 'Salle du quiz',
    territoryId: world.territoryId,
    eventSessionId: null,
    createdBy: null,
  });
  if (room === 'code_taken') throw new Error('code collision');
  return { id: room.id, code: room.code };
}

/** A quiz result kept behind its share token; the token. */
async function quizResult(world: AuthzWorld): Promise<string> {
  const token = `jeton-de-partage-${tag()}${tag()}${tag()}`;
  const hash = createHash('sha256').update(token).digest('hex');
  await saveQuizResult(
    { repo: quizResultsRepo(world.store.db) },
    QUIZ_QUESTIONS.map((_, i) => i % 4),
    hash,
    null,
  );
  return token;
}

/** Fixtures of the authorization matrix for evaluation. */
export const evaluationAuthz: AuthzFixtures = {
  'GET /api/indicators': async (world) => ({ query: { territoryId: world.territoryId } }),
  'POST /api/indicators': async (world) => ({
    body: {
      ...definition('Parents contactés'),
      territoryId: world.territoryId,
      collectiveId: await collective(world),
      reporterIds: [await organisation(world)],
    },
  }),
  'GET /api/indicators/due': async () => ({}),
  'GET /api/indicators/dashboard': async (world) => {
    await indicator(world);
    return { query: { territoryId: world.territoryId } };
  },
  'GET /api/indicators/:id': async (world) => ({ params: { id: (await indicator(world)).id } }),
  'PUT /api/indicators/:id': async (world) => ({
    params: { id: (await indicator(world)).id },
    body: { ...definition('Familles accompagnées (révisé)'), targetValue: 350 },
  }),
  'PUT /api/indicators/:id/reporters': async (world) => ({
    params: { id: (await indicator(world)).id },
    body: { organisationIds: [await organisation(world)] },
  }),
  'POST /api/indicators/:id/measurements': async (world) => {
    const i = await indicator(world);
    return { params: { id: i.id }, body: { organisationId: i.organisationId, period: '2025', value: 140, comment: 'rapport annuel' } };
  },
  'GET /api/indicators/:id/measurements/history': async (world) => {
    const i = await indicator(world);
    return { params: { id: i.id }, query: { organisationId: i.organisationId, period: '2024' } };
  },
  'GET /api/indicators/:id/missing': async (world) => ({ params: { id: (await indicator(world)).id } }),
  'POST /api/indicators/import/preview': async (world) => ({ body: await importBody(world) }),
  'POST /api/indicators/import/confirm': async (world) => ({ body: await importBody(world) }),
  'GET /api/indicators/:id/chart.svg': async (world) => ({ params: { id: (await indicator(world)).id } }),
  'GET /api/indicators/:id/measurements.csv': async (world) => ({ params: { id: (await indicator(world)).id } }),
  'GET /api/observed-changes': async (world) => ({ query: { territoryId: world.territoryId } }),
  'GET /api/observed-changes/timeline': async (world) => ({ query: { territoryId: world.territoryId } }),
  'POST /api/observed-changes': async (world) => ({ body: observation(world, await organisation(world), await collective(world)) }),
  'PUT /api/observed-changes/:id/change': async (world) => {
    const id = await recordObservedChange({ repo: observedChangesRepo(world.store.db) }, observation(world, null), null);
    const pathway = await createPathway(
      { repo: pathwaysRepo(world.store.db) },
      { title: 'Chemin des observations', territoryId: world.territoryId, collectiveId: null, template: 'seed003' },
      { userId: null, name: null },
    );
    return { params: { id }, body: { pathwayId: pathway.id, changeId: pathway.changes[0]?.id as string } };
  },
  'GET /api/barometer/continuum': async (world) => ({
    query: { territoryId: world.territoryId, collectiveId: await collective(world), from: '2025-01-01', to: '2026-11-30' },
  }),
  'GET /api/barometer/continuum.svg': async (world) => ({
    query: { territoryId: world.territoryId, collectiveId: await collective(world), from: '2025-01-01', to: '2026-11-30' },
  }),
  'GET /api/barometer/runs/:id/results.csv': async (world) => ({ params: { id: (await barometerRun(world)).id } }),
  'GET /api/barometer/runs/:id/results.svg': async (world) => ({ params: { id: (await barometerRun(world)).id } }),
  'GET /api/barometer/runs': async (world) => ({ query: { territoryId: world.territoryId } }),
  'POST /api/barometer/runs': async (world) => ({
    body: { territoryId: world.territoryId, collectiveId: await collective(world), title: 'Baromètre d’automne' },
  }),
  'GET /api/barometer/runs/:id': async (world) => ({ params: { id: (await barometerRun(world)).id } }),
  'POST /api/barometer/runs/:id/close': async (world) => ({ params: { id: (await barometerRun(world)).id } }),
  'GET /api/barometer/form/:code': async (world) => ({ params: { code: (await barometerRun(world)).code } }),
  'POST /api/barometer/form/:code/answers': async (world) => ({
    params: { code: (await barometerRun(world)).code },
    body: { respondentToken: `jeton-${tag()}-${tag()}-${tag()}`, answers: STATEMENTS.map((_, i) => (i % 5) + 1) },
  }),
  'GET /api/questionnaires/events/:id': async (world) => ({ params: { id: (await freshRegistration(world)).eventId } }),
  'PUT /api/questionnaires/events/:id': async (world) => ({
    params: { id: (await freshRegistration(world)).eventId },
    body: { questions: [{ text: 'Qu’attendez-vous de la formation ?' }, { text: 'Avez-vous déjà coopéré ?', choices: ['oui', 'non'] }] },
  }),
  'GET /api/questionnaires/events/:id/answers': async (world) => ({ params: { id: (await freshRegistration(world)).eventId } }),
  'GET /api/questionnaires/registrations/:token': async (world) => ({ params: { token: (await freshRegistration(world)).token } }),
  'PUT /api/questionnaires/registrations/:token': async (world) => ({
    params: { token: (await freshRegistration(world)).token },
    body: { answers: {} },
  }),
  'GET /api/quiz': async () => ({}),
  'POST /api/quiz/results': async () => ({ body: { answers: QUIZ_QUESTIONS.map((_, i) => i % 4) } }),
  'GET /api/quiz/results/:token': async (world) => ({ params: { token: await quizResult(world) } }),
  'POST /api/quiz/results/:token/shares': async (world) => ({
    params: { token: await quizResult(world) },
    body: { collectiveId: await collective(world) },
  }),
  'GET /api/quiz/collectives/:id/mix': async (world) => ({ params: { id: await collective(world) } }),
  'GET /api/quiz/rooms/:id/mix': async (world) => ({ params: { id: (await liveRoom(world)).id } }),
};
