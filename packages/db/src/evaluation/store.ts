import {
  aggregateOf,
  type AuditOf,
  currentMeasurements,
  type Frequency,
  firstPeriodOf,
  type IndicatorRecord,
  type MeasurementRecord,
  type MeasurementsRepo,
  type NewMeasurement,
} from '@maillage/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import { randomUUID } from 'node:crypto';
import { withAudit } from '../accounts/store';
import type { DB } from '../schema';

type Db = Kysely<DB> | Transaction<DB>;

/** Indicators with their owner, the territory they are judged on and their pathway change, if any. */
function indicatorsQuery(db: Db) {
  return db
    .selectFrom('indicators as i')
    .leftJoin('pathways as p', 'p.id', 'i.pathway_id')
    .leftJoin('collectives as pc', 'pc.id', 'p.collective_id')
    .leftJoin('pathway_changes as ch', 'ch.id', 'i.change_id')
    .leftJoin('territories as t', 't.id', 'i.territory_id')
    .leftJoin('collectives as c', 'c.id', 'i.collective_id')
    .select([
      'i.id',
      'i.name',
      'i.unit',
      'i.source',
      'i.method',
      'i.frequency',
      'i.reporter',
      'i.baseline_value',
      'i.baseline_year',
      'i.target_value',
      'i.target_year',
      'i.first_period',
      'i.created_at',
      'i.pathway_id',
      'i.territory_id as own_territory_id',
      'i.collective_id',
      'p.title as pathway_title',
      'i.change_id',
      'ch.text as change_text',
      't.name as territory_name',
      'c.name as collective_name',
      sql<string>`coalesce(pc.territory_id, p.territory_id, i.territory_id, c.territory_id)`.as('territory_id'),
    ]);
}
type IndicatorRow = Awaited<ReturnType<ReturnType<typeof indicatorsQuery>['executeTakeFirstOrThrow']>>;

const day = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString()).slice(0, 10);

function definitionOf(r: IndicatorRow) {
  const owner = r.pathway_id
    ? { kind: 'pathway' as const, id: r.pathway_id, name: r.pathway_title ?? '' }
    : r.collective_id
      ? { kind: 'collective' as const, id: r.collective_id, name: r.collective_name ?? '' }
      : { kind: 'territory' as const, id: r.own_territory_id as string, name: r.territory_name ?? '' };
  return {
    id: r.id,
    name: r.name,
    unit: r.unit,
    frequency: r.frequency,
    territoryId: r.territory_id,
    owner,
    pathway: r.pathway_id
      ? { id: r.pathway_id, title: r.pathway_title ?? '', changeId: r.change_id, changeText: r.change_text ?? null }
      : null,
    baselineValue: r.baseline_value,
    baselineYear: r.baseline_year,
    targetValue: r.target_value,
    targetYear: r.target_year,
    aggregate: aggregateOf(r.unit),
  };
}

/** The territory an indicator is judged on (its pathway's, its collective's or its own), or undefined. */
export async function indicatorContext(db: Db, id: string): Promise<{ territoryId: string } | undefined> {
  const row = await indicatorsQuery(db).where('i.id', '=', id).executeTakeFirst();
  return row ? { territoryId: row.territory_id } : undefined;
}

async function reportersOf(db: Db, ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom('indicator_reporters as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select(['r.indicator_id', 'o.id', 'o.name'])
    .where('r.indicator_id', 'in', ids)
    .orderBy('o.search_key')
    .orderBy('o.name')
    .execute();
}

/** An indicator as the rules read it (with its reporters). */
export async function loadIndicator(
  db: Db,
  id: string,
): Promise<
  | (IndicatorRecord & { definition: ReturnType<typeof definitionOf>; row: IndicatorRow; reporters: { id: string; name: string }[] })
  | undefined
> {
  const row = await indicatorsQuery(db).where('i.id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const reporters = (await reportersOf(db, [id])).map((r) => ({ id: r.id, name: r.name }));
  return {
    id: row.id,
    territoryId: row.territory_id,
    name: row.name,
    unit: row.unit,
    frequency: row.frequency as Frequency,
    firstPeriod: row.first_period,
    createdOn: day(row.created_at),
    reporterIds: reporters.map((r) => r.id),
    reporters,
    definition: definitionOf(row),
    row,
  };
}

/** Every version of every measurement of an indicator (optionally one organisation and period), oldest first. */
export async function indicatorMeasurements(db: Db, indicatorId: string, only?: { organisationId: string; period: string }) {
  let q = db
    .selectFrom('indicator_measurements as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .leftJoin('users as u', 'u.id', 'm.reported_by')
    .select([
      'm.id',
      'm.indicator_id',
      'm.organisation_id',
      'o.name as organisation_name',
      'm.period',
      'm.version',
      'm.value',
      'm.comment',
      'm.source_file',
      'u.display_name as reported_by',
      'm.reported_at',
    ])
    .where('m.indicator_id', '=', indicatorId);
  if (only) q = q.where('m.organisation_id', '=', only.organisationId).where('m.period', '=', only.period);
  const rows = await q.orderBy('m.period').orderBy('o.search_key').orderBy('o.name').orderBy('m.version').execute();
  return rows.map((r) => ({
    id: r.id,
    indicatorId: r.indicator_id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    period: r.period,
    version: r.version,
    value: r.value,
    comment: r.comment,
    sourceFile: r.source_file,
    reportedBy: r.reported_by ?? null,
    reportedAt: new Date(r.reported_at).toISOString(),
  }));
}
export type StoredMeasurement = Awaited<ReturnType<typeof indicatorMeasurements>>[number];

/** The definition of an indicator with its reporters (for the detail view). */
export async function indicatorDefinition(db: Db, id: string) {
  const ind = await loadIndicator(db, id);
  if (!ind) return undefined;
  return {
    ...ind.definition,
    source: ind.row.source,
    method: ind.row.method,
    reporter: ind.row.reporter,
    firstPeriod: firstPeriodOf(ind),
    reporters: ind.reporters,
    record: ind as IndicatorRecord,
  };
}

/** Indicators judged on one of `territoryIds` (or all), each with its last period's current values. */
export async function listIndicators(db: Db, territoryIds: readonly string[] | 'all') {
  if (territoryIds !== 'all' && territoryIds.length === 0) return [];
  const ids = territoryIds === 'all' ? null : [...territoryIds];
  const rows = await indicatorsQuery(db)
    .$if(ids !== null, (q) =>
      q.where(sql<boolean>`coalesce(pc.territory_id, p.territory_id, i.territory_id, c.territory_id) = any(${ids}::uuid[])`),
    )
    .orderBy('i.name')
    .orderBy('i.id')
    .execute();
  if (!rows.length) return [];
  const indicatorIds = rows.map((r) => r.id);
  const [reporters, measured] = await Promise.all([
    reportersOf(db, indicatorIds),
    // Only each indicator's last period is read.
    db
      .selectFrom('indicator_measurements as m')
      .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
      .select(['m.indicator_id', 'm.organisation_id', 'o.name as organisation_name', 'm.period', 'm.version', 'm.value'])
      .where('m.indicator_id', 'in', indicatorIds)
      .where(({ eb, ref, selectFrom }) =>
        eb(
          'm.period',
          '=',
          selectFrom('indicator_measurements as l')
            .select(({ fn }) => fn.max('l.period').as('p'))
            .where('l.indicator_id', '=', ref('m.indicator_id')),
        ),
      )
      .execute(),
  ]);
  return rows.map((r) => {
    const def = definitionOf(r);
    const current = currentMeasurements(
      measured
        .filter((m) => m.indicator_id === r.id)
        .map((m) => ({ ...m, organisationId: m.organisation_id, period: m.period, version: m.version })),
    );
    const sum = current.reduce((s, m) => s + m.value, 0);
    return {
      ...def,
      reporters: reporters.filter((x) => x.indicator_id === r.id).length,
      last: current.length
        ? {
            period: current[0]?.period as string,
            total: Math.round((def.aggregate === 'moyenne' ? sum / current.length : sum) * 1000) / 1000,
            values: current.map((m) => ({ organisationId: m.organisation_id, organisationName: m.organisation_name, value: m.value })),
          }
        : null,
    };
  });
}

/** The organisations a user belongs to (through the ecosystem's person linked to their account). */
export async function memberOrganisations(db: Db, userId: string): Promise<{ id: string; name: string }[]> {
  // DISTINCT orders only by what it selects: the accent-free key is selected, then left out.
  const rows = await db
    .selectFrom('people as p')
    .innerJoin('person_organisations as po', 'po.person_id', 'p.id')
    .innerJoin('organisations as o', 'o.id', 'po.organisation_id')
    .select(['o.id', 'o.name', 'o.search_key'])
    .distinct()
    .where('p.user_id', '=', userId)
    .where('p.erased_at', 'is', null)
    .orderBy('o.search_key')
    .orderBy('o.name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name }));
}

/** The indicators some of `organisationIds` report, with the periods each has reported. */
export async function reportedBy(db: Db, organisationIds: readonly string[]) {
  if (!organisationIds.length) return [];
  const rows = await db
    .selectFrom('indicator_reporters as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select(['r.indicator_id', 'o.id', 'o.name'])
    .where('r.organisation_id', 'in', [...organisationIds])
    .execute();
  const out = [];
  for (const r of rows) {
    const indicator = await loadIndicator(db, r.indicator_id);
    if (!indicator) continue;
    const periods = await db
      .selectFrom('indicator_measurements')
      .select('period')
      .distinct()
      .where('indicator_id', '=', r.indicator_id)
      .where('organisation_id', '=', r.id)
      .execute();
    out.push({ indicator, organisation: { id: r.id, name: r.name }, reported: periods.map((p) => p.period) });
  }
  return out;
}

/** What an import of a territory's measurements names: its indicators, its organisations, what is already reported. */
export async function measurementImportLookups(db: Db, territoryIds: readonly string[]) {
  const indicators = await indicatorsQuery(db)
    .where(sql<boolean>`coalesce(pc.territory_id, p.territory_id, i.territory_id, c.territory_id) = any(${[...territoryIds]}::uuid[])`)
    .execute();
  const organisations = await db
    .selectFrom('organisations as o')
    .innerJoin('organisation_territories as ot', 'ot.organisation_id', 'o.id')
    .select(['o.id', 'o.name'])
    .distinct()
    .where('ot.territory_id', 'in', [...territoryIds])
    .where('o.merged_into', 'is', null)
    .execute();
  const existing = indicators.length
    ? await db
        .selectFrom('indicator_measurements')
        .select(['indicator_id', 'organisation_id', 'period'])
        .distinct()
        .where(
          'indicator_id',
          'in',
          indicators.map((i) => i.id),
        )
        .execute()
    : [];
  return {
    indicators: indicators.map((i) => ({ id: i.id, name: i.name, frequency: i.frequency as Frequency })),
    organisations,
    existing: new Set(existing.map((e) => `${e.indicator_id}|${e.organisation_id}|${e.period}`)),
  };
}

/** The store behind shared measurement's writes. */
export function measurementsRepo(db: Kysely<DB>): MeasurementsRepo {
  return {
    createIndicator(input, audit: AuditOf<string>) {
      return withAudit(db, audit, async (trx) => {
        const id = randomUUID();
        await trx
          .insertInto('indicators')
          .values({
            id,
            pathway_id: null,
            change_id: null,
            territory_id: input.owner.kind === 'territory' ? input.owner.id : null,
            collective_id: input.owner.kind === 'collective' ? input.owner.id : null,
            name: input.name,
            unit: input.unit,
            source: input.source,
            method: input.method,
            frequency: input.frequency,
            reporter: input.reporter,
            baseline_value: input.baselineValue,
            baseline_year: input.baselineYear,
            target_value: input.targetValue,
            target_year: input.targetYear,
            first_period: input.firstPeriod,
          })
          .execute();
        if (input.reporterIds.length) {
          await trx
            .insertInto('indicator_reporters')
            .values(input.reporterIds.map((organisation_id) => ({ indicator_id: id, organisation_id })))
            .execute();
        }
        return id;
      });
    },
    updateIndicator(indicatorId, d, audit) {
      return withAudit(db, audit, async (trx) => {
        await trx
          .updateTable('indicators')
          .set({
            name: d.name,
            unit: d.unit,
            source: d.source,
            method: d.method,
            frequency: d.frequency,
            reporter: d.reporter,
            baseline_value: d.baselineValue,
            baseline_year: d.baselineYear,
            target_value: d.targetValue,
            target_year: d.targetYear,
            first_period: d.firstPeriod,
          })
          .where('id', '=', indicatorId)
          .where('pathway_id', 'is', null)
          .execute();
      });
    },
    setReporters(indicatorId, organisationIds, audit) {
      return withAudit(db, audit, async (trx) => {
        await trx.deleteFrom('indicator_reporters').where('indicator_id', '=', indicatorId).execute();
        if (organisationIds.length) {
          await trx
            .insertInto('indicator_reporters')
            .values(organisationIds.map((organisation_id) => ({ indicator_id: indicatorId, organisation_id })))
            .execute();
        }
      });
    },
    addMeasurements(rows: readonly NewMeasurement[], audit: AuditOf<readonly MeasurementRecord[]>) {
      return withAudit(db, audit, async (trx) => {
        if (!rows.length) return [];
        // The indicators' rows are locked (in a fixed order) so that two reports of one period
        // cannot take the same version number.
        const indicatorIds = [...new Set(rows.map((r) => r.indicatorId))].sort();
        await trx.selectFrom('indicators').select('id').where('id', 'in', indicatorIds).orderBy('id').forUpdate().execute();
        const before = await trx
          .selectFrom('indicator_measurements')
          .select(['indicator_id', 'organisation_id', 'period', ({ fn }) => fn.max('version').as('version')])
          .where('indicator_id', 'in', indicatorIds)
          .groupBy(['indicator_id', 'organisation_id', 'period'])
          .execute();
        const last = new Map(before.map((b) => [`${b.indicator_id}|${b.organisation_id}|${b.period}`, Number(b.version)]));
        const values = rows.map((r) => {
          const key = `${r.indicatorId}|${r.organisationId}|${r.period}`;
          const version = (last.get(key) ?? 0) + 1;
          last.set(key, version);
          return {
            indicator_id: r.indicatorId,
            organisation_id: r.organisationId,
            period: r.period,
            version,
            value: r.value,
            comment: r.comment,
            source_file: r.sourceFile,
            reported_by: r.reportedBy,
          };
        });
        const written: MeasurementRecord[] = [];
        for (let i = 0; i < values.length; i += 1000) {
          const chunk = await trx
            .insertInto('indicator_measurements')
            .values(values.slice(i, i + 1000))
            .returningAll()
            .execute();
          for (const m of chunk) {
            written.push({
              id: m.id,
              indicatorId: m.indicator_id,
              organisationId: m.organisation_id,
              period: m.period,
              version: m.version,
              value: m.value,
              comment: m.comment,
              sourceFile: m.source_file,
              reportedBy: m.reported_by,
              reportedAt: new Date(m.reported_at).toISOString(),
            });
          }
        }
        return written;
      });
    },
  };
}
