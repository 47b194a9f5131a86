import { z } from 'zod';
import type { AuditEntryInput, AuditOf } from '../accounts/index';
import { fail, ok, type Result } from '../shared/result';
import { FREQUENCIES, type Frequency, normalisePeriod, PERIOD_HINTS, type PlannedMeasurement, periodOf, periodsDue } from './measurements';

/**
 * Indicators of their own (owned by a territory or a collective, with no pathway) and the rules of
 * reporting them. The definition lives in the one `indicators` table the pathways capability
 * created; measurements attach to it, one version per correction.
 */

const text = (max: number, field: string) => z.string().trim().max(max, `${field} : au plus ${max} caractères`);
const year = z.number('année invalide').int('année invalide').min(1990, 'année invalide').max(2100, 'année invalide');

export const indicatorDefinition = z.object({
  name: text(200, 'nom').min(1, 'le nom de l’indicateur est requis'),
  unit: text(40, 'unité').min(1, 'l’unité est requise'),
  source: text(200, 'source').default(''),
  method: text(500, 'méthode de collecte').default(''),
  frequency: z.enum(FREQUENCIES, 'fréquence inconnue'),
  reporter: text(200, 'qui renseigne').default(''),
  baselineValue: z.number('valeur de départ invalide').nullable().default(null),
  baselineYear: year.nullable().default(null),
  targetValue: z.number('cible invalide').nullable().default(null),
  targetYear: year.nullable().default(null),
  /** The first period reporters owe, in the indicator's form (2026, 2026-T1…); by default the year of creation. */
  firstPeriod: z.string().trim().max(10, 'période invalide').nullable().default(null),
});

export const createIndicatorBody = indicatorDefinition
  .extend({
    /** The territory it is about: the owner, or the owner collective's territory. */
    territoryId: z.uuid('territoire invalide'),
    /** Set when a collective owns the indicator. */
    collectiveId: z.uuid('collectif invalide').nullable().default(null),
    /** The organisations expected to report it. */
    reporterIds: z.array(z.uuid('organisation invalide')).max(200, 'au plus 200 organisations').default([]),
  })
  .superRefine((v, ctx) => {
    if (v.baselineYear !== null && v.targetYear !== null && v.targetYear < v.baselineYear) {
      ctx.addIssue({ code: 'custom', path: ['targetYear'], message: 'l’année de la cible précède celle de la valeur de départ' });
    }
    if (v.firstPeriod && !normalisePeriod(v.firstPeriod, v.frequency)) {
      ctx.addIssue({ code: 'custom', path: ['firstPeriod'], message: `période invalide : attendu ${PERIOD_HINTS[v.frequency]}` });
    }
  });
export type CreateIndicatorInput = z.output<typeof createIndicatorBody>;

export const updateIndicatorBody = indicatorDefinition.superRefine((v, ctx) => {
  if (v.baselineYear !== null && v.targetYear !== null && v.targetYear < v.baselineYear) {
    ctx.addIssue({ code: 'custom', path: ['targetYear'], message: 'l’année de la cible précède celle de la valeur de départ' });
  }
  if (v.firstPeriod && !normalisePeriod(v.firstPeriod, v.frequency)) {
    ctx.addIssue({ code: 'custom', path: ['firstPeriod'], message: `période invalide : attendu ${PERIOD_HINTS[v.frequency]}` });
  }
});
export type IndicatorDefinitionInput = z.output<typeof updateIndicatorBody>;

export const reportersBody = z.object({
  organisationIds: z.array(z.uuid('organisation invalide')).max(200, 'au plus 200 organisations'),
});

/** An indicator as the rules read it. */
export interface IndicatorRecord {
  readonly id: string;
  readonly territoryId: string;
  readonly name: string;
  readonly unit: string;
  readonly frequency: Frequency;
  readonly firstPeriod: string | null;
  readonly createdOn: string;
  readonly reporterIds: readonly string[];
}

export interface MeasurementRecord {
  readonly id: string;
  readonly indicatorId: string;
  readonly organisationId: string;
  readonly period: string;
  readonly version: number;
  readonly value: number;
  readonly comment: string;
  readonly sourceFile: string;
  readonly reportedBy: string | null;
  readonly reportedAt: string;
}

export interface NewMeasurement {
  readonly indicatorId: string;
  readonly organisationId: string;
  readonly period: string;
  readonly value: number;
  readonly comment: string;
  readonly sourceFile: string;
  readonly reportedBy: string | null;
}

export interface NewIndicator extends Omit<CreateIndicatorInput, 'territoryId' | 'collectiveId' | 'reporterIds'> {
  readonly owner: { readonly kind: 'territory' | 'collective'; readonly id: string };
  readonly reporterIds: readonly string[];
}

/** The store behind shared measurement (packages/db/src/evaluation/store.ts). */
export interface MeasurementsRepo {
  createIndicator(input: NewIndicator, audit: AuditOf<string>): Promise<string>;
  setReporters(indicatorId: string, organisationIds: readonly string[], audit: AuditEntryInput): Promise<void>;
  /** Rewrites an indicator's definition (an indicator of its own: a pathway's is edited in its pathway). */
  updateIndicator(indicatorId: string, definition: IndicatorDefinitionInput, audit: AuditEntryInput): Promise<void>;
  /**
   * Adds each measurement as the next version of its (indicator, organisation, period), under
   * the indicators' row locks, with the audit entry, in one transaction: all or nothing.
   */
  addMeasurements(rows: readonly NewMeasurement[], audit: AuditOf<readonly MeasurementRecord[]>): Promise<MeasurementRecord[]>;
}

export interface MeasurementsDeps {
  readonly repo: MeasurementsRepo;
}

export type ReportError = 'measurement_period_invalid' | 'measurement_not_reporter';

/** Creates an indicator of its own for a territory or one of its collectives (the caller checked the collective is the territory's). */
export function createIndicator(deps: MeasurementsDeps, input: CreateIndicatorInput, actorUserId: string | null) {
  const { territoryId, collectiveId, reporterIds, ...definition } = input;
  const owner = collectiveId ? { kind: 'collective' as const, id: collectiveId } : { kind: 'territory' as const, id: territoryId };
  const firstPeriod = definition.firstPeriod ? normalisePeriod(definition.firstPeriod, definition.frequency) : null;
  return deps.repo.createIndicator({ ...definition, firstPeriod, owner, reporterIds: [...new Set(reporterIds)] }, (id) => ({
    actorUserId,
    action: 'indicator.create',
    entityType: 'indicator',
    entityId: id,
    territoryId,
    details: { owner, reporters: reporterIds.length },
  }));
}

/**
 * Edits an indicator of its own (name, unit, method, frequency, baseline, target…). A pathway's
 * indicator is edited in its pathway, where every change is a version; its frequency cannot
 * change once values are reported in the old form.
 */
export async function updateIndicator(
  deps: MeasurementsDeps,
  indicator: IndicatorRecord & { readonly ownedByPathway: boolean; readonly reported: boolean },
  definition: IndicatorDefinitionInput,
  actorUserId: string | null,
): Promise<Result<true, 'indicator_in_pathway' | 'indicator_frequency_locked'>> {
  if (indicator.ownedByPathway) return fail('indicator_in_pathway');
  if (indicator.reported && definition.frequency !== indicator.frequency)
    return fail('indicator_frequency_locked', { field: 'body.frequency' });
  const firstPeriod = definition.firstPeriod ? normalisePeriod(definition.firstPeriod, definition.frequency) : null;
  await deps.repo.updateIndicator(
    indicator.id,
    { ...definition, firstPeriod },
    {
      actorUserId,
      action: 'indicator.update',
      entityType: 'indicator',
      entityId: indicator.id,
      territoryId: indicator.territoryId,
      details: { name: definition.name, targetValue: definition.targetValue, targetYear: definition.targetYear },
    },
  );
  return ok(true);
}

/** Names the organisations expected to report an indicator (the whole list, replaced). */
export function setReporters(
  deps: MeasurementsDeps,
  indicator: IndicatorRecord,
  organisationIds: readonly string[],
  actorUserId: string | null,
) {
  const ids = [...new Set(organisationIds)];
  return deps.repo.setReporters(indicator.id, ids, {
    actorUserId,
    action: 'indicator.reporters',
    entityType: 'indicator',
    entityId: indicator.id,
    territoryId: indicator.territoryId,
    details: { organisationIds: ids },
  });
}

/**
 * Reports one value for one organisation and period. The period is read in the indicator's form;
 * when the indicator names its reporters, only they report it. A period already reported gets a
 * new version: the earlier ones stay.
 */
export async function reportMeasurement(
  deps: MeasurementsDeps,
  indicator: IndicatorRecord,
  input: { organisationId: string; period: string; value: number; comment?: string | undefined },
  actorUserId: string | null,
): Promise<Result<MeasurementRecord, ReportError>> {
  const period = normalisePeriod(input.period, indicator.frequency);
  if (!period) return fail('measurement_period_invalid', { field: 'body.period', detail: `Attendu ${PERIOD_HINTS[indicator.frequency]}.` });
  if (indicator.reporterIds.length && !indicator.reporterIds.includes(input.organisationId)) {
    return fail('measurement_not_reporter', { field: 'body.organisationId' });
  }
  const [row] = await deps.repo.addMeasurements(
    [
      {
        indicatorId: indicator.id,
        organisationId: input.organisationId,
        period,
        value: input.value,
        comment: input.comment ?? '',
        sourceFile: '',
        reportedBy: actorUserId,
      },
    ],
    (rows) => ({
      actorUserId,
      action: 'measurement.report',
      entityType: 'indicator',
      entityId: indicator.id,
      territoryId: indicator.territoryId,
      details: { organisationId: input.organisationId, period, version: rows[0]?.version ?? null },
    }),
  );
  return ok(row as MeasurementRecord);
}

/** Writes a planned import (every line checked by `planMeasurementImport`), all or nothing. */
export async function importMeasurements(
  deps: MeasurementsDeps,
  rows: readonly PlannedMeasurement[],
  fileName: string,
  territoryId: string,
  actorUserId: string | null,
): Promise<{ written: number; corrections: number }> {
  const written = await deps.repo.addMeasurements(
    rows.map((r) => ({
      indicatorId: r.indicatorId,
      organisationId: r.organisationId,
      period: r.period,
      value: r.value,
      comment: r.comment,
      sourceFile: fileName,
      reportedBy: actorUserId,
    })),
    {
      actorUserId,
      action: 'measurement.import',
      entityType: 'territory',
      entityId: territoryId,
      territoryId,
      details: { lines: rows.length, fileName },
    },
  );
  return { written: written.length, corrections: written.filter((m) => m.version > 1).length };
}

// ——— Reading measurements ———

/** How an indicator's values add up across partners: a rate is averaged, a count is summed. */
export function aggregateOf(unit: string): 'somme' | 'moyenne' {
  return /%|taux|part|moyenne|\/|score|note/i.test(unit) ? 'moyenne' : 'somme';
}

/** The current value of each (organisation, period): its latest version. */
export function currentMeasurements<M extends Pick<MeasurementRecord, 'organisationId' | 'period' | 'version'>>(rows: readonly M[]): M[] {
  const latest = new Map<string, M>();
  for (const r of rows) {
    const key = `${r.organisationId}|${r.period}`;
    const before = latest.get(key);
    if (!before || before.version < r.version) latest.set(key, r);
  }
  return [...latest.values()].sort((a, b) => a.period.localeCompare(b.period) || a.organisationId.localeCompare(b.organisationId));
}

export interface PeriodSeries<M> {
  readonly period: string;
  readonly values: readonly M[];
  /** The sum (counts) or the mean (rates) of the partners' current values. */
  readonly total: number;
}

/** The periods in order, each with its partners' current values and their total. */
export function periodSeries<M extends Pick<MeasurementRecord, 'organisationId' | 'period' | 'version' | 'value'>>(
  rows: readonly M[],
  unit: string,
): PeriodSeries<M>[] {
  const byPeriod = new Map<string, M[]>();
  for (const r of currentMeasurements(rows)) byPeriod.set(r.period, [...(byPeriod.get(r.period) ?? []), r]);
  const mean = aggregateOf(unit) === 'moyenne';
  return [...byPeriod.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([period, values]) => {
      const sum = values.reduce((s, v) => s + v.value, 0);
      return { period, values, total: Math.round((mean ? sum / values.length : sum) * 1000) / 1000 };
    });
}

/** The first period an indicator's reporters owe. */
export function firstPeriodOf(indicator: Pick<IndicatorRecord, 'frequency' | 'firstPeriod' | 'createdOn'>): string {
  return indicator.firstPeriod ?? periodOf(`${indicator.createdOn.slice(0, 4)}-01-01`, indicator.frequency);
}

/** For each reporter of an indicator, the periods over that it has not reported on `today`. */
export function missingReports(
  indicator: Pick<IndicatorRecord, 'frequency' | 'firstPeriod' | 'createdOn' | 'reporterIds'>,
  reported: readonly Pick<MeasurementRecord, 'organisationId' | 'period'>[],
  today: string,
): { organisationId: string; periods: string[]; lastPeriod: string | null }[] {
  const first = firstPeriodOf(indicator);
  return indicator.reporterIds.map((organisationId) => {
    const own = reported.filter((r) => r.organisationId === organisationId).map((r) => r.period);
    const last = [...own].sort().at(-1) ?? null;
    return { organisationId, periods: periodsDue(indicator.frequency, first, today, new Set(own)), lastPeriod: last };
  });
}

/** How far a value has gone from the baseline toward the target (0 at the baseline, 1 at the target; null without both). */
export function progressTowardTarget(baseline: number | null, target: number | null, value: number | null): number | null {
  if (baseline === null || target === null || value === null || target === baseline) return null;
  return Math.round(((value - baseline) / (target - baseline)) * 1000) / 1000;
}
