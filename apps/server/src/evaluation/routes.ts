import {
  type Actor,
  indicatorsEndpoints as api,
  can,
  createIndicator,
  type IndicatorDetailView,
  importMeasurements,
  missingReports,
  periodSeries,
  progressTowardTarget,
  periodsDue,
  firstPeriodOf,
  planMeasurementImport,
  readCsv,
  reportMeasurement,
  setReporters,
  updateIndicator,
  writeCsv,
} from '@maillage/core';
import {
  collectiveTerritory,
  indicatorDefinition,
  indicatorMeasurements,
  listIndicators,
  loadIndicator,
  measurementImportLookups,
  measurementsRepo,
  organisationsContext,
  memberOrganisations,
  reportedBy,
  territoryScope,
} from '@maillage/db';
import type { AppDeps } from '../deps';
import { Problem } from '../http/problem';
import type { ProblemCode } from '../http/problems';
import type { RefDecl } from '../http/refs';
import { defineRoute } from '../http/route';
import { barometerRoutes } from './barometer-routes';
import { indicatorChartSvg } from './chart';
import { observedChangesRoutes } from './observed-routes';
import { questionnaireRoutes } from './questionnaire-routes';
import { quizRoutes } from './quiz-routes';

const tags = ['évaluation'];
const indicatorRef = { at: 'params.id', kind: 'indicator' } as const satisfies RefDecl;
const userId = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);
const today = (deps: AppDeps) => deps.now().toISOString().slice(0, 10);

/** The organisations (of `candidates`) the actor may report for. */
async function reportableFor(deps: AppDeps, actor: Actor, candidates: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const id of candidates) if (can(actor, 'measurement.report', await organisationsContext(deps.store.db, [id]))) out.push(id);
  return out;
}

/** The indicator with every partner's current value per period, and what the caller may do. */
async function detail(deps: AppDeps, actor: Actor, id: string): Promise<IndicatorDetailView> {
  const def = await indicatorDefinition(deps.store.db, id);
  if (!def) throw new Problem('indicator_unknown');
  const { record, ...definition } = def;
  const rows = await indicatorMeasurements(deps.store.db, id);
  const mine = actor.kind === 'user' ? (await memberOrganisations(deps.store.db, actor.userId)).map((o) => o.id) : [];
  return {
    ...definition,
    periods: periodSeries(rows, def.unit).map((p) => ({ ...p, values: p.values.map(({ indicatorId: _, ...m }) => m) })),
    may: {
      write: can(actor, 'indicator.write', { territoryId: def.territoryId }),
      reportFor: await reportableFor(deps, actor, record.reporterIds.length ? record.reporterIds : mine),
    },
  };
}

async function indicatorOrFail(deps: AppDeps, id: string) {
  const indicator = await loadIndicator(deps.store.db, id);
  if (!indicator) throw new Problem('indicator_unknown');
  return indicator;
}

/** Every organisation named must act on the indicator's territory (or below it). */
async function checkReporters(deps: AppDeps, territoryId: string, organisationIds: readonly string[], field: string) {
  if (!organisationIds.length) return;
  const scope = new Set((await territoryScope(deps.store.db, [territoryId])).get(territoryId) ?? [territoryId]);
  for (const id of organisationIds) {
    const { territoryIds } = await organisationsContext(deps.store.db, [id]);
    if (!territoryIds.some((t) => scope.has(t))) throw new Problem('indicator_owner_mismatch', { field });
  }
}

const list = defineRoute({
  ...api.list,
  summary: 'Les indicateurs partagés qu’on peut lire, avec leurs dernières mesures',
  tags,
  action: 'indicator.list',
  refs: [{ at: 'query.territoryId', kind: 'territory', action: 'indicator.read' }],
  async handler({ query }, { deps, actor }) {
    if (actor.kind !== 'user') return [];
    const mine = new Set(actor.grants.flatMap((g) => [...g.scope]));
    if (query.territoryId) {
      const scope = (await territoryScope(deps.store.db, [query.territoryId])).get(query.territoryId) ?? [query.territoryId];
      return listIndicators(deps.store.db, actor.isAdmin ? scope : scope.filter((id) => mine.has(id)));
    }
    return listIndicators(deps.store.db, actor.isAdmin ? 'all' : [...mine]);
  },
});

const create = defineRoute({
  ...api.create,
  summary: 'Définir un indicateur partagé d’un territoire ou d’un collectif, hors chemin de changement',
  tags,
  action: 'indicator.write',
  refs: [
    { at: 'body.territoryId', kind: 'territory' },
    { at: 'body.collectiveId', kind: 'collective' },
    { at: 'body.reporterIds', kind: 'organisation' },
  ],
  async handler({ body }, { deps, actor }) {
    if (body.collectiveId && (await collectiveTerritory(deps.store.db, body.collectiveId)) !== body.territoryId) {
      throw new Problem('indicator_collective_mismatch', { field: 'body.collectiveId' });
    }
    await checkReporters(deps, body.territoryId, body.reporterIds, 'body.reporterIds');
    const id = await createIndicator({ repo: measurementsRepo(deps.store.db) }, body, userId(actor));
    return detail(deps, actor, id);
  },
});

const due = defineRoute({
  ...api.due,
  summary: 'Ce que mes organisations doivent encore renseigner, indicateur par indicateur et période par période',
  tags,
  action: 'indicator.list',
  async handler(_input, { deps, actor }) {
    if (actor.kind !== 'user') return [];
    const orgs = await memberOrganisations(deps.store.db, actor.userId);
    const owed = await reportedBy(
      deps.store.db,
      orgs.map((o) => o.id),
    );
    return owed
      .map(({ indicator, organisation, reported }) => ({
        indicatorId: indicator.id,
        indicatorName: indicator.name,
        frequency: indicator.frequency,
        organisation,
        periods: periodsDue(indicator.frequency, firstPeriodOf(indicator), today(deps), new Set(reported)),
      }))
      .filter((d) => d.periods.length > 0);
  },
});

const dashboard = defineRoute({
  ...api.dashboard,
  summary: 'Le tableau de bord d’un territoire : chaque indicateur, son dernier total face au départ et à la cible, les retards',
  tags,
  action: 'indicator.read',
  refs: [{ at: 'query.territoryId', kind: 'territory' }],
  async handler({ query }, { deps }) {
    const scope = (await territoryScope(deps.store.db, [query.territoryId])).get(query.territoryId) ?? [query.territoryId];
    const out = [];
    for (const summary of await listIndicators(deps.store.db, scope)) {
      const indicator = await indicatorOrFail(deps, summary.id);
      const rows = await indicatorMeasurements(deps.store.db, summary.id);
      const series = periodSeries(rows, summary.unit);
      const last = series.at(-1) ?? null;
      const before = series.at(-2) ?? null;
      out.push({
        id: summary.id,
        name: summary.name,
        unit: summary.unit,
        owner: summary.owner,
        aggregate: summary.aggregate,
        baselineValue: summary.baselineValue,
        targetValue: summary.targetValue,
        targetYear: summary.targetYear,
        lastPeriod: last?.period ?? null,
        lastTotal: last?.total ?? null,
        change: last && before ? Math.round((last.total - before.total) * 1000) / 1000 : null,
        progress: progressTowardTarget(summary.baselineValue, summary.targetValue, last?.total ?? null),
        reporters: indicator.reporterIds.length,
        lateReporters: missingReports(indicator, rows, today(deps)).filter((m) => m.periods.length > 0).length,
      });
    }
    return { territoryId: query.territoryId, indicators: out };
  },
});

const get = defineRoute({
  ...api.get,
  summary: 'Un indicateur : sa définition, la valeur de chaque partenaire par période, le total, le départ et la cible',
  tags,
  action: 'indicator.read',
  refs: [indicatorRef],
  handler: ({ params }, { deps, actor }) => detail(deps, actor, params.id),
});

const update = defineRoute({
  ...api.update,
  summary: 'Modifier un indicateur partagé (nom, méthode, départ, cible…) ; celui d’un chemin se modifie dans son chemin',
  tags,
  action: 'indicator.write',
  refs: [indicatorRef],
  async handler({ params, body }, { deps, actor }) {
    const indicator = await indicatorOrFail(deps, params.id);
    const reported = (await indicatorMeasurements(deps.store.db, params.id)).length > 0;
    const result = await updateIndicator(
      { repo: measurementsRepo(deps.store.db) },
      { ...indicator, ownedByPathway: indicator.row.pathway_id !== null, reported },
      body,
      userId(actor),
    );
    if (!result.ok) throw new Problem(result.error, { ...(result.details ?? {}) });
    return detail(deps, actor, params.id);
  },
});

const reporters = defineRoute({
  ...api.reporters,
  summary: 'Nommer les organisations qui renseignent un indicateur',
  tags,
  action: 'indicator.write',
  refs: [indicatorRef, { at: 'body.organisationIds', kind: 'organisation' }],
  async handler({ params, body }, { deps, actor }) {
    const indicator = await indicatorOrFail(deps, params.id);
    await checkReporters(deps, indicator.territoryId, body.organisationIds, 'body.organisationIds');
    await setReporters({ repo: measurementsRepo(deps.store.db) }, indicator, body.organisationIds, userId(actor));
    return detail(deps, actor, params.id);
  },
});

const report = defineRoute({
  ...api.report,
  summary: 'Renseigner une valeur pour son organisation ; une période déjà renseignée reçoit une nouvelle version',
  tags,
  action: 'measurement.report',
  refs: [
    { at: 'params.id', kind: 'indicator', action: 'indicator.read' },
    { at: 'body.organisationId', kind: 'organisation' },
  ],
  async handler({ params, body }, { deps, actor }) {
    const indicator = await indicatorOrFail(deps, params.id);
    const result = await reportMeasurement({ repo: measurementsRepo(deps.store.db) }, indicator, body, userId(actor));
    if (!result.ok) throw new Problem(result.error as ProblemCode, { ...(result.details ?? {}) });
    const [row] = (
      await indicatorMeasurements(deps.store.db, params.id, { organisationId: body.organisationId, period: result.value.period })
    ).filter((m) => m.id === result.value.id);
    if (!row) throw new Error('measurement written but not read back');
    const { indicatorId: _, ...view } = row;
    return view;
  },
});

const history = defineRoute({
  ...api.history,
  summary: 'Toutes les versions d’une valeur (organisation et période), la plus ancienne d’abord',
  tags,
  action: 'indicator.read',
  refs: [
    indicatorRef,
    {
      at: 'query.organisationId',
      checkedBy: 'looked up among the measurements of the indicator (already authorised): another organisation has none there',
    },
  ],
  async handler({ params, query }, { deps }) {
    const rows = await indicatorMeasurements(deps.store.db, params.id, {
      organisationId: query.organisationId,
      period: query.period.toUpperCase(),
    });
    return rows.map(({ indicatorId: _, ...m }) => m);
  },
});

const missing = defineRoute({
  ...api.missing,
  summary: 'Pour la coordination : les partenaires qui n’ont pas renseigné l’indicateur, et pour quelles périodes',
  tags,
  action: 'indicator.write',
  refs: [indicatorRef],
  async handler({ params }, { deps }) {
    const indicator = await indicatorOrFail(deps, params.id);
    const rows = await indicatorMeasurements(deps.store.db, params.id);
    const names = new Map(indicator.reporters.map((r) => [r.id, r.name]));
    return {
      indicatorId: indicator.id,
      reporters: missingReports(indicator, rows, today(deps)).map((m) => ({
        organisation: { id: m.organisationId, name: names.get(m.organisationId) ?? '' },
        periods: m.periods,
        lastPeriod: m.lastPeriod,
      })),
    };
  },
});

async function planImport(deps: AppDeps, body: { territoryId: string; contentBase64: string }) {
  const scope = (await territoryScope(deps.store.db, [body.territoryId])).get(body.territoryId) ?? [body.territoryId];
  const lookups = await measurementImportLookups(deps.store.db, scope);
  const file = readCsv(new Uint8Array(Buffer.from(body.contentBase64, 'base64')));
  return { file, plan: planMeasurementImport(file, lookups.indicators, lookups.organisations, lookups.existing) };
}

const importPreview = defineRoute({
  ...api.importPreview,
  summary: 'Aperçu d’un import CSV de mesures : chaque erreur par ligne et colonne, rien n’est écrit',
  tags,
  action: 'indicator.write',
  bodyLimit: 24 * 1024 * 1024,
  refs: [{ at: 'body.territoryId', kind: 'territory' }],
  async handler({ body }, { deps }) {
    const { file, plan } = await planImport(deps, body);
    return {
      encoding: file.encoding,
      separator: file.separator,
      lines: plan.rows.length,
      corrections: plan.rows.filter((r) => r.correction).length,
      errors: plan.errors.slice(0, 500).map((e) => ({ ...e })),
      rows: plan.rows.slice(0, 200).map((r) => ({
        line: r.line,
        indicatorId: r.indicatorId,
        organisationId: r.organisationId,
        period: r.period,
        value: r.value,
        correction: r.correction,
      })),
    };
  },
});

const importConfirm = defineRoute({
  ...api.importConfirm,
  summary: 'Confirmer un import CSV de mesures : tout ou rien, chaque période déjà renseignée reçoit une nouvelle version',
  tags,
  action: 'indicator.write',
  bodyLimit: 24 * 1024 * 1024,
  refs: [{ at: 'body.territoryId', kind: 'territory' }],
  async handler({ body }, { deps, actor }) {
    const { plan } = await planImport(deps, body);
    if (plan.errors.length) throw new Problem('measurements_import_has_errors', { errors: plan.errors.slice(0, 500) });
    if (!plan.rows.length) throw new Problem('measurements_import_empty');
    return importMeasurements({ repo: measurementsRepo(deps.store.db) }, plan.rows, body.fileName, body.territoryId, userId(actor));
  },
});

const fileName = (name: string, ext: string) =>
  `${
    name
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .toLowerCase()
      .slice(0, 60) || 'indicateur'
  }.${ext}`;

const chartSvg = defineRoute({
  ...api.chartSvg,
  summary: 'L’indicateur dans le temps (chaque partenaire, le total, le départ et la cible), en SVG accessible',
  tags,
  action: 'indicator.read',
  refs: [indicatorRef],
  raw: true,
  async handler({ params }, { deps, actor, reply }) {
    const view = await detail(deps, actor, params.id);
    reply
      .header('content-type', 'image/svg+xml; charset=utf-8')
      .header('content-disposition', `inline; filename="${fileName(view.name, 'svg')}"`)
      .send(indicatorChartSvg(view));
  },
});

const measurementsCsv = defineRoute({
  ...api.measurementsCsv,
  summary: 'Les mesures d’un indicateur en CSV, toutes versions comprises',
  tags,
  action: 'indicator.read',
  refs: [indicatorRef],
  raw: true,
  async handler({ params }, { deps, reply }) {
    const indicator = await indicatorOrFail(deps, params.id);
    const rows = await indicatorMeasurements(deps.store.db, params.id);
    reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName(indicator.name, 'csv')}"`)
      .send(
        writeCsv(
          [
            'Indicateur',
            'Unité',
            'Organisation',
            'Période',
            'Version',
            'Valeur',
            'Commentaire',
            'Fichier source',
            'Saisie par',
            'Saisie le',
          ],
          rows.map((m) => [
            indicator.name,
            indicator.unit,
            m.organisationName,
            m.period,
            m.version,
            m.value,
            m.comment,
            m.sourceFile,
            m.reportedBy ?? '',
            m.reportedAt,
          ]),
        ),
      );
  },
});

export const evaluationRoutes = [
  list,
  create,
  due,
  dashboard,
  get,
  update,
  reporters,
  report,
  history,
  missing,
  importPreview,
  importConfirm,
  chartSvg,
  measurementsCsv,
  ...observedChangesRoutes,
  ...barometerRoutes,
  ...quizRoutes,
  ...questionnaireRoutes,
];
