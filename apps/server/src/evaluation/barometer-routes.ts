import { createHash, randomBytes } from 'node:crypto';
import {
  type Actor,
  answerBarometerRun,
  barometerEndpoints as api,
  can,
  closeBarometerRun,
  type ContinuumPoint,
  continuumOverTime,
  FACTOR_GROUP_LABELS,
  FACTOR_READING_LABELS,
  FACTORS,
  openBarometerRun,
  quarterEnds,
  STATEMENTS,
  writeCsv,
  yearBefore,
} from '@maillage/core';
import {
  barometerRunsRepo,
  collectiveOrganisations,
  collectiveTerritory,
  findRunByCode,
  listBarometerRuns,
  loadBarometerRun,
  territoryAssessments,
  territoryScope,
} from '@maillage/db';
import type { AppDeps } from '../deps';
import { Problem } from '../http/problem';
import { defineRoute } from '../http/route';
import { barometerChartSvg } from './barometer-chart';
import { continuumChartSvg } from './continuum-chart';

const tags = ['évaluation'];
const userId = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);
const runRef = { at: 'params.id', kind: 'barometerRun' } as const;
const codeRef = {
  at: 'params.code',
  unscoped: 'the random code of a run’s link, handed by its coordinator to the members: knowing it is being invited to answer',
} as const;

async function run(deps: AppDeps, actor: Actor, id: string) {
  const view = await loadBarometerRun(deps.store.db, id, (territoryId) => can(actor, 'barometer.manage', { territoryId }));
  if (!view) throw new Problem('barometer_run_not_found');
  return view;
}

async function continuumOf(
  deps: AppDeps,
  query: { territoryId: string; collectiveId?: string | undefined; from?: string | undefined; to?: string | undefined },
) {
  const to = query.to ?? deps.now().toISOString().slice(0, 10);
  const from = query.from ?? yearBefore(yearBefore(to));
  if (from > to) throw new Problem('validation', { errors: [{ field: 'query.from', message: 'le début suit la fin' }] });
  let { facts } = await territoryAssessments(deps.store.db, query.territoryId);
  if (query.collectiveId) {
    // The pairs among the organisations of the collective's members, as assessed on the territory.
    const own = await collectiveOrganisations(deps.store.db, query.collectiveId);
    facts = facts.filter((f) => own.has(f.orgA) && own.has(f.orgB));
  }
  const [yearAgo, now] = continuumOverTime(facts, [yearBefore(to), to]) as [ContinuumPoint, ContinuumPoint];
  return {
    territoryId: query.territoryId,
    from,
    to,
    points: continuumOverTime(facts, quarterEnds(from, to)),
    sinceLastYear: {
      yearAgo,
      now,
      meanChange: yearAgo.mean === null || now.mean === null ? null : Math.round((now.mean - yearAgo.mean) * 100) / 100,
    },
  };
}

const continuumRefs = [
  { at: 'query.territoryId', kind: 'territory' },
  { at: 'query.collectiveId', kind: 'collective' },
] as const;

const continuumSvg = defineRoute({
  ...api.continuumSvg,
  summary: 'Le continuum de coopération dans le temps, en SVG accessible (une barre empilée des sept niveaux par date)',
  tags,
  action: 'barometer.read',
  refs: continuumRefs,
  raw: true,
  async handler({ query }, { deps, reply }) {
    const view = await continuumOf(deps, query);
    const name = await deps.store.db.selectFrom('territories').select('name').where('id', '=', query.territoryId).executeTakeFirst();
    reply
      .header('content-type', 'image/svg+xml; charset=utf-8')
      .header('content-disposition', 'inline; filename="continuum.svg"')
      .send(continuumChartSvg(view, `Continuum de coopération — ${name?.name ?? ''}`));
  },
});

const resultsCsv = defineRoute({
  ...api.resultsCsv,
  summary: 'Les résultats d’un baromètre par facteur en CSV (moyennes, dispersions, lectures, tendances ; jamais une réponse)',
  tags,
  action: 'barometer.read',
  refs: [runRef],
  raw: true,
  async handler({ params }, { deps, actor, reply }) {
    const view = await run(deps, actor, params.id);
    const rows = view.result.shown
      ? view.result.factors.map((f) => {
          const factor = FACTORS.find((x) => x.key === f.factor);
          return [
            FACTOR_GROUP_LABELS[f.group].fr,
            factor?.fr ?? f.factor,
            f.mean,
            f.spread,
            FACTOR_READING_LABELS[f.reading].fr,
            f.trend ?? '',
            f.respondents,
          ];
        })
      : [];
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="barometre.csv"')
      .send(
        writeCsv(
          [
            'Groupe',
            'Facteur',
            'Moyenne',
            'Dispersion',
            'Lecture',
            'Évolution depuis le précédent',
            `Répondants (sur ${view.respondents})`,
          ],
          view.result.shown
            ? rows
            : [['', `Résultats masqués : ${view.respondents} réponse(s), il en faut au moins 3`, '', '', '', '', '']],
        ),
      );
  },
});

const resultsSvg = defineRoute({
  ...api.resultsSvg,
  summary: 'Les résultats d’un baromètre en SVG accessible : une barre par facteur, sa dispersion, les seuils 3 et 4',
  tags,
  action: 'barometer.read',
  refs: [runRef],
  raw: true,
  async handler({ params }, { deps, actor, reply }) {
    const view = await run(deps, actor, params.id);
    reply
      .header('content-type', 'image/svg+xml; charset=utf-8')
      .header('content-disposition', 'inline; filename="barometre.svg"')
      .send(barometerChartSvg(view));
  },
});

const continuum = defineRoute({
  ...api.continuum,
  summary: 'Le continuum de coopération d’un territoire dans le temps : relations par niveau à chaque fin de trimestre, et depuis un an',
  tags,
  action: 'barometer.read',
  refs: [
    { at: 'query.territoryId', kind: 'territory' },
    { at: 'query.collectiveId', kind: 'collective' },
  ],
  async handler({ query }, { deps }) {
    const to = query.to ?? deps.now().toISOString().slice(0, 10);
    const from = query.from ?? yearBefore(yearBefore(to));
    if (from > to) throw new Problem('validation', { errors: [{ field: 'query.from', message: 'le début suit la fin' }] });
    let { facts } = await territoryAssessments(deps.store.db, query.territoryId);
    if (query.collectiveId) {
      // The pairs among the organisations of the collective's members, as assessed on the territory.
      const own = await collectiveOrganisations(deps.store.db, query.collectiveId);
      facts = facts.filter((f) => own.has(f.orgA) && own.has(f.orgB));
    }
    const [yearAgo, now] = continuumOverTime(facts, [yearBefore(to), to]) as [
      ReturnType<typeof continuumOverTime>[number],
      ReturnType<typeof continuumOverTime>[number],
    ];
    return {
      territoryId: query.territoryId,
      from,
      to,
      points: continuumOverTime(facts, quarterEnds(from, to)),
      sinceLastYear: {
        yearAgo,
        now,
        meanChange: yearAgo.mean === null || now.mean === null ? null : Math.round((now.mean - yearAgo.mean) * 100) / 100,
      },
    };
  },
});

const runs = defineRoute({
  ...api.runs,
  summary: 'Les baromètres d’un territoire et de ses collectifs, avec leurs résultats (masqués sous trois réponses)',
  tags,
  action: 'barometer.read',
  refs: [{ at: 'query.territoryId', kind: 'territory' }],
  async handler({ query }, { deps, actor }) {
    const scope = (await territoryScope(deps.store.db, [query.territoryId])).get(query.territoryId) ?? [query.territoryId];
    return listBarometerRuns(deps.store.db, scope, (territoryId) => can(actor, 'barometer.manage', { territoryId }));
  },
});

const open = defineRoute({
  ...api.open,
  summary: 'Ouvrir un baromètre de la coopération pour un collectif ou un partenariat : un lien à partager aux membres',
  tags,
  action: 'barometer.manage',
  refs: [
    { at: 'body.territoryId', kind: 'territory' },
    { at: 'body.collectiveId', kind: 'collective' },
  ],
  async handler({ body }, { deps, actor }) {
    if (body.collectiveId && (await collectiveTerritory(deps.store.db, body.collectiveId)) !== body.territoryId) {
      throw new Problem('indicator_collective_mismatch', { field: 'body.collectiveId' });
    }
    const code = randomBytes(18).toString('base64url');
    const id = await openBarometerRun(
      { repo: barometerRunsRepo(deps.store.db) },
      body,
      code,
      deps.now().toISOString().slice(0, 10),
      userId(actor),
    );
    return run(deps, actor, id);
  },
});

const get = defineRoute({
  ...api.run,
  summary: 'Un baromètre : moyenne, dispersion et lecture par facteur, tendance depuis le précédent (jamais les réponses d’une personne)',
  tags,
  action: 'barometer.read',
  refs: [runRef],
  handler: ({ params }, { deps, actor }) => run(deps, actor, params.id),
});

const close = defineRoute({
  ...api.close,
  summary: 'Clore un baromètre : il ne reçoit plus de réponses',
  tags,
  action: 'barometer.manage',
  refs: [runRef],
  async handler({ params }, { deps, actor }) {
    const view = await run(deps, actor, params.id);
    await closeBarometerRun({ repo: barometerRunsRepo(deps.store.db) }, view, userId(actor));
    return run(deps, actor, params.id);
  },
});

const form = defineRoute({
  ...api.form,
  summary: 'Le questionnaire d’un baromètre, par le code de son lien (sans compte)',
  tags,
  action: 'public',
  refs: [codeRef],
  async handler({ params }, { deps }) {
    const found = await findRunByCode(deps.store.db, params.code);
    if (!found) throw new Problem('barometer_run_not_found');
    return { title: found.title, closed: found.closed_at !== null, statements: STATEMENTS.map((s) => ({ ...s })) };
  },
});

const answer = defineRoute({
  ...api.answer,
  summary: 'Répondre anonymement à un baromètre : aucune trace de la personne, un seul envoi par appareil',
  tags,
  action: 'public',
  refs: [codeRef],
  async handler({ params, body }, { deps }) {
    const found = await findRunByCode(deps.store.db, params.code);
    if (!found) throw new Problem('barometer_run_not_found');
    // Only the token's hash is kept, and nothing of the caller (not even a signed-in account).
    const respondentHash = createHash('sha256').update(body.respondentToken).digest('hex');
    const result = await answerBarometerRun(
      { repo: barometerRunsRepo(deps.store.db) },
      { id: found.id, closed: found.closed_at !== null },
      respondentHash,
      body.answers,
    );
    if (!result.ok) throw new Problem(result.error, { ...(result.details ?? {}) });
    return { recorded: true as const };
  },
});

export const barometerRoutes = [continuum, continuumSvg, runs, open, get, resultsCsv, resultsSvg, close, form, answer];
