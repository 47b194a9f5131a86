import { createHash } from 'node:crypto';
import { type BarometerAnswers, compareFrench, createIndicator, recordObservedChange, reportMeasurement, STATEMENTS } from '@maillage/core';
import type { Kysely } from 'kysely';
import type { DemoContext, DemoExtender } from '../demo/seed';
import { territoryAssessments } from '../ecosystem/relations';
import type { DB } from '../schema';
import { barometerRunsRepo } from './barometer-store';
import { observedChangesRepo } from './observed-store';
import { loadIndicator, measurementsRepo } from './store';

/** Eight quarters: two years of reports, from the last quarter of 2024 to the third of 2026. */
const QUARTERS = ['2024-T4', '2025-T1', '2025-T2', '2025-T3', '2025-T4', '2026-T1', '2026-T2', '2026-T3'];
const SEMESTERS = ['2024-S2', '2025-S1', '2025-S2', '2026-S1'];

const INDICATORS = [
  {
    name: 'Familles accompagnées vers l’ouverture de leurs droits',
    unit: 'familles',
    frequency: 'trimestrielle' as const,
    periods: QUARTERS,
    baselineValue: 60,
    baselineYear: 2024,
    targetValue: 140,
    targetYear: 2026,
    // Per partner: the first quarter's value and its growth per quarter.
    start: [18, 12, 9, 15],
    step: [2.5, 1.5, 1, 2],
  },
  {
    name: 'Parents contactés au moins trois fois dans l’année',
    unit: '%',
    frequency: 'semestrielle' as const,
    periods: SEMESTERS,
    baselineValue: 22,
    baselineYear: 2024,
    targetValue: 60,
    targetYear: 2027,
    start: [20, 28, 15, 24],
    step: [6, 4, 5, 3],
  },
  {
    name: 'Jeunes inscrits à une activité de loisirs',
    unit: 'jeunes',
    frequency: 'trimestrielle' as const,
    periods: QUARTERS,
    baselineValue: 150,
    baselineYear: 2024,
    targetValue: 260,
    targetYear: 2026,
    start: [42, 35, 30, 48],
    step: [3, 2, 4, 1],
  },
];

/** The four partners: the demo members' organisations first (so they report for them), then others of the territory. */
async function partners(db: Kysely<DB>, ctx: DemoContext): Promise<{ id: string; reporter: string }[]> {
  const mine = await db
    .selectFrom('people as p')
    .innerJoin('person_organisations as po', 'po.person_id', 'p.id')
    .select(['po.organisation_id', 'p.user_id'])
    .where('p.user_id', 'in', [...ctx.userIds.members])
    .orderBy('po.organisation_id')
    .execute();
  const { organisations } = await territoryAssessments(db, ctx.territoryId);
  const out: { id: string; reporter: string }[] = [];
  for (const m of mine)
    if (!out.some((o) => o.id === m.organisation_id)) out.push({ id: m.organisation_id, reporter: m.user_id as string });
  for (const o of [...organisations].sort((a, b) => compareFrench(a.name, b.name))) {
    if (out.length >= 4) break;
    if (!out.some((x) => x.id === o.id)) out.push({ id: o.id, reporter: ctx.userIds.coordinator });
  }
  return out.slice(0, 4);
}

/** Three shared indicators with two years of reports from four partners; the fourth is late (nothing since 2026-T1). */
async function indicators(db: Kysely<DB>, ctx: DemoContext, orgs: { id: string; reporter: string }[]) {
  const deps = { repo: measurementsRepo(db) };
  for (const def of INDICATORS) {
    const existing = await db
      .selectFrom('indicators')
      .select('id')
      .where('territory_id', '=', ctx.territoryId)
      .where('name', '=', def.name)
      .executeTakeFirst();
    if (existing) continue;
    const id = await createIndicator(
      deps,
      {
        territoryId: ctx.territoryId,
        collectiveId: null,
        name: def.name,
        unit: def.unit,
        source: 'Tableaux de suivi des partenaires',
        method: 'Chaque partenaire compte ses propres accompagnements, sans doublon entre structures.',
        frequency: def.frequency,
        reporter: 'Chaque partenaire du contrat de ville',
        baselineValue: def.baselineValue,
        baselineYear: def.baselineYear,
        targetValue: def.targetValue,
        targetYear: def.targetYear,
        firstPeriod: def.periods[0] as string,
        reporterIds: orgs.map((o) => o.id),
      },
      ctx.userIds.coordinator,
    );
    const record = await loadIndicator(db, id);
    if (!record) throw new Error('demo indicator not read back');
    for (const [k, org] of orgs.entries()) {
      for (const [p, period] of def.periods.entries()) {
        // The fourth partner is late: nothing after the first half of 2026.
        if (k === 3 && (period === '2026-T2' || period === '2026-T3' || period === '2026-S1')) continue;
        const value = Math.round((def.start[k]! + def.step[k]! * p + ((p * 7 + k * 3) % 5) - 2) * 10) / 10;
        await reportMeasurement(deps, record, { organisationId: org.id, period, value, comment: '' }, org.reporter);
      }
    }
    // A correction keeps the first figure in the history.
    const first = orgs[0] as { id: string; reporter: string };
    await reportMeasurement(
      deps,
      record,
      {
        organisationId: first.id,
        period: def.periods[1] as string,
        value: def.start[0]! + def.step[0]! + 1,
        comment: 'Doublons retirés après vérification',
      },
      first.reporter,
    );
  }
}

const OBSERVATIONS = [
  {
    observedOn: '2025-03-14',
    kind: 'pratique' as const,
    description: 'Le centre social et la CAF tiennent une permanence commune « accès aux droits » chaque mardi.',
    evidence: 'Planning des permanences ; 38 familles reçues au premier trimestre.',
    significance: 'Les familles n’ont plus à aller d’un guichet à l’autre.',
    contribution: 'L’idée est née au world café de la journée de coopération de février.',
  },
  {
    observedOn: '2025-09-30',
    kind: 'relation' as const,
    description: 'Les associations de parents et l’école élémentaire se réunissent désormais chaque mois.',
    evidence: 'Comptes rendus de réunion depuis juin.',
    significance: 'Une relation régulière là où il n’y avait que des échanges ponctuels.',
    contribution: 'Le petit collectif « Parents relais » a organisé la première rencontre.',
  },
  {
    observedOn: '2026-02-05',
    kind: 'politique' as const,
    description: 'La commune inscrit une ligne « coopération des acteurs » au budget du contrat de ville.',
    evidence: 'Délibération du conseil municipal.',
    significance: 'Le temps passé à coopérer devient finançable.',
    contribution: 'Les indicateurs partagés ont été présentés aux élus en comité de pilotage.',
  },
  {
    observedOn: '2026-06-20',
    kind: 'comportement' as const,
    description: 'Des parents proposent eux-mêmes des ateliers du samedi au centre social.',
    evidence: 'Trois ateliers animés par des parents ce trimestre.',
    significance: 'Les parents passent de bénéficiaires à acteurs.',
    contribution: 'Soutien du collectif et prêt de salle par la commune.',
  },
];

async function observations(db: Kysely<DB>, ctx: DemoContext, orgs: { id: string }[]) {
  const repo = observedChangesRepo(db);
  for (const [k, o] of OBSERVATIONS.entries()) {
    const exists = await db
      .selectFrom('observed_changes')
      .select('id')
      .where('territory_id', '=', ctx.territoryId)
      .where('description', '=', o.description)
      .executeTakeFirst();
    if (exists) continue;
    const id = await recordObservedChange(
      { repo },
      {
        territoryId: ctx.territoryId,
        collectiveId: null,
        actorOrganisationId: k === 0 ? (orgs[0]?.id ?? null) : null,
        actorName: k === 0 ? '' : ['Les parents et l’école', 'La commune', 'Les parents du quartier'][k - 1]!,
        ...o,
      },
      ctx.userIds.coordinator,
    );
    // The second one shows a change of the territory's pathway (seed 003's first short-term change).
    if (k === 1) {
      const change = await db
        .selectFrom('pathway_changes as c')
        .innerJoin('pathways as p', 'p.id', 'c.pathway_id')
        .select(['c.id', 'c.pathway_id'])
        .where('p.territory_id', '=', ctx.territoryId)
        .where('p.collective_id', 'is', null)
        .where('c.horizon', '=', 'court')
        .orderBy('c.position')
        .executeTakeFirst();
      if (change)
        await db
          .updateTable('observed_changes')
          .set({ pathway_id: change.pathway_id, change_id: change.id })
          .where('id', '=', id)
          .execute();
    }
  }
}

/** Deterministic ratings for a demo respondent: around `level`, some disagreement on a few factors. */
function ratings(respondent: number, level: number): BarometerAnswers {
  return STATEMENTS.map((_, i) => {
    const wobble = ((i * 7 + respondent * 13) % 5) - 2;
    const v = Math.round(level + (i % 8 === 3 ? wobble : wobble / 2));
    return i % 17 === respondent % 17 ? null : Math.min(5, Math.max(1, v));
  });
}

/** Two barometer runs a year apart, the second a little higher. */
async function barometer(db: Kysely<DB>, ctx: DemoContext) {
  // INTEGRATION (collectives demo): the runs belong to the first demo collective when one exists;
  // without one (as on this branch), to the partnership of the contrat de ville.
  const collective = await db
    .selectFrom('collectives')
    .select(['id', 'territory_id', 'name'])
    .where('territory_id', 'in', [ctx.territoryId, ...ctx.communeIds, ...ctx.quartierIds])
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  const owner = collective
    ? { territoryId: collective.territory_id, collectiveId: collective.id, title: `Baromètre de la coopération — ${collective.name}` }
    : { territoryId: ctx.territoryId, collectiveId: null, title: 'Baromètre des partenaires du contrat de ville' };
  const repo = barometerRunsRepo(db);
  for (const [year, level, respondents] of [
    [2025, 3, 6],
    [2026, 3.6, 7],
  ] as const) {
    const code = createHash('sha256')
      .update(`demo-barometre-${owner.collectiveId ?? owner.territoryId}-${year}`)
      .digest('base64url')
      .slice(0, 24);
    const exists = await db.selectFrom('barometer_runs').select('id').where('code', '=', code).executeTakeFirst();
    if (exists) continue;
    const id = await repo.open({ ...owner, code, openedOn: `${year}-11-05` }, ctx.userIds.facilitator, {
      actorUserId: ctx.userIds.facilitator,
      action: 'barometer.open',
      entityType: 'barometer_run',
      entityId: null,
      territoryId: owner.territoryId,
    });
    for (let r = 0; r < respondents; r++) {
      await repo.answer(id, createHash('sha256').update(`${code}-${r}`).digest('hex'), ratings(r, level));
    }
    if (year === 2025)
      await db
        .updateTable('barometer_runs')
        .set({ closed_at: new Date('2025-12-01T12:00:00Z') })
        .where('id', '=', id)
        .execute();
  }
}

/**
 * Evaluation on the demo territory: three shared indicators with two years of reports from four
 * partners (one late), four observed changes (one tied to the pathway), two barometer runs a year
 * apart. The continuum over two years comes from the ecosystem demo's assessment history.
 * Idempotent: each part is found by its name before it is made.
 */
export const seedEvaluationDemo: DemoExtender = async (db, ctx) => {
  const orgs = await partners(db, ctx);
  if (orgs.length === 4) await indicators(db, ctx, orgs);
  await observations(db, ctx, orgs);
  await barometer(db, ctx);
};
