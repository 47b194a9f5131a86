import { z } from 'zod';
import type { CsvParsed } from '../shared/csv';
import { searchKey } from '../shared/text';

/**
 * Shared measurement (seed 003; collective impact): an indicator is defined once (in a pathway or
 * on its own) and every partner reports it the same way, period by period. A period already
 * reported is corrected by a new version, never overwritten. Periods are named by the indicator's
 * frequency: `2026` (annuelle), `2026-S1` (semestrielle), `2026-T3` (trimestrielle), `2026-03`
 * (mensuelle); a one-off measurement (ponctuelle) is dated `2026-03-14`.
 */

export const FREQUENCIES = ['mensuelle', 'trimestrielle', 'semestrielle', 'annuelle', 'ponctuelle'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

const PERIOD_PATTERNS: Readonly<Record<Frequency, RegExp>> = {
  annuelle: /^(\d{4})$/,
  semestrielle: /^(\d{4})-S([12])$/,
  trimestrielle: /^(\d{4})-T([1-4])$/,
  mensuelle: /^(\d{4})-(0[1-9]|1[0-2])$/,
  ponctuelle: /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
};

export const PERIOD_HINTS: Readonly<Record<Frequency, string>> = {
  annuelle: 'une année, par exemple 2026',
  semestrielle: 'un semestre, par exemple 2026-S1',
  trimestrielle: 'un trimestre, par exemple 2026-T3',
  mensuelle: 'un mois, par exemple 2026-03',
  ponctuelle: 'une date, par exemple 2026-03-14',
};

/** Reads a period as people type it (« T3 2026 », « 2026 T3 », « mars 2026 » are not guessed: one form per frequency). */
export function normalisePeriod(raw: string, frequency: Frequency): string | null {
  const value = raw.trim().toUpperCase().replace(/\s+/g, '');
  const m = PERIOD_PATTERNS[frequency].exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1990 || year > 2100) return null;
  if (frequency === 'ponctuelle') {
    const d = new Date(`${value}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value) return null;
  }
  return value;
}

/** The period a day (YYYY-MM-DD) falls in. */
export function periodOf(day: string, frequency: Frequency): string {
  const year = day.slice(0, 4);
  const month = Number(day.slice(5, 7));
  switch (frequency) {
    case 'annuelle':
      return year;
    case 'semestrielle':
      return `${year}-S${month <= 6 ? 1 : 2}`;
    case 'trimestrielle':
      return `${year}-T${Math.ceil(month / 3)}`;
    case 'mensuelle':
      return day.slice(0, 7);
    case 'ponctuelle':
      return day.slice(0, 10);
  }
}

/** The period after a period. */
function nextPeriod(period: string, frequency: Exclude<Frequency, 'ponctuelle'>): string {
  const year = Number(period.slice(0, 4));
  switch (frequency) {
    case 'annuelle':
      return String(year + 1);
    case 'semestrielle':
      return period.endsWith('S1') ? `${year}-S2` : `${year + 1}-S1`;
    case 'trimestrielle': {
      const q = Number(period.slice(-1));
      return q < 4 ? `${year}-T${q + 1}` : `${year + 1}-T1`;
    }
    case 'mensuelle': {
      const m = Number(period.slice(5, 7));
      return m < 12 ? `${year}-${String(m + 1).padStart(2, '0')}` : `${year + 1}-01`;
    }
  }
}

/**
 * The periods a reporter owes, from the first period of the indicator to the last one that is over
 * on `today` (a period is due once it has ended), minus those already reported. A one-off
 * indicator owes nothing on a calendar.
 */
export function periodsDue(frequency: Frequency, firstPeriod: string, today: string, reported: ReadonlySet<string>): string[] {
  if (frequency === 'ponctuelle') return [];
  const current = periodOf(today, frequency);
  const due: string[] = [];
  for (let p = firstPeriod; p < current && due.length < 500; p = nextPeriod(p, frequency)) if (!reported.has(p)) due.push(p);
  return due;
}

/** A number as a French spreadsheet writes it: « 1 234,5 », « 12,0 % », « -3 »; null when it is not one. */
export function parseFrenchNumber(raw: string): number | null {
  const value = raw
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/%$/, '')
    .replace(',', '.');
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(value)) return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export const measurementBody = z.object({
  period: z.string().trim().min(1, 'la période est requise').max(10, 'période invalide'),
  value: z.number('valeur invalide').finite('valeur invalide'),
  organisationId: z.uuid('organisation invalide'),
  comment: z.string().trim().max(1000, 'commentaire : au plus 1000 caractères').optional(),
});

// ——— Import from a spreadsheet ———

/** The columns of a measurements file, by their French headers (accents and case ignored). */
export const MEASUREMENT_COLUMNS = {
  indicator: ['indicateur'],
  period: ['periode'],
  value: ['valeur'],
  organisation: ['organisation', 'structure', 'partenaire'],
  comment: ['commentaire'],
} as const;
const COLUMN_TITLES: Readonly<Record<keyof typeof MEASUREMENT_COLUMNS, string>> = {
  indicator: 'indicateur',
  period: 'période',
  value: 'valeur',
  organisation: 'organisation',
  comment: 'commentaire',
};

export interface ImportIndicator {
  readonly id: string;
  readonly name: string;
  readonly frequency: Frequency;
}
export interface ImportOrganisation {
  readonly id: string;
  readonly name: string;
}

export interface PlannedMeasurement {
  readonly line: number;
  readonly indicatorId: string;
  readonly organisationId: string;
  readonly period: string;
  readonly value: number;
  readonly comment: string;
  /** The period was already reported by this organisation: the line makes a new version. */
  readonly correction: boolean;
}

export interface ImportError {
  readonly line: number;
  readonly column: string | null;
  readonly message: string;
}

export interface MeasurementImportPlan {
  readonly rows: readonly PlannedMeasurement[];
  readonly errors: readonly ImportError[];
}

/**
 * Plans the import of a measurements file, all or nothing: every line checked (indicator and
 * organisation known by name, period in the indicator's form, value a number with a decimal comma
 * or point), every error named by line and column in French. Nothing is written when any line is
 * wrong; `existing` says which (indicator, organisation, period) are already reported.
 */
export function planMeasurementImport(
  file: CsvParsed,
  indicators: readonly ImportIndicator[],
  organisations: readonly ImportOrganisation[],
  existing: ReadonlySet<string>,
): MeasurementImportPlan {
  const errors: ImportError[] = file.issues.map((i) => ({
    line: i.line,
    column: null,
    message:
      i.code === 'unreadable_encoding'
        ? 'fichier illisible : enregistrez-le en CSV (UTF-8 ou Windows-1252)'
        : i.code === 'unterminated_quote'
          ? 'guillemet ouvert jamais refermé'
          : 'texte après un guillemet fermant',
  }));
  const keys = file.header.map(searchKey);
  const column = {} as Record<keyof typeof MEASUREMENT_COLUMNS, number>;
  for (const [name, aliases] of Object.entries(MEASUREMENT_COLUMNS) as [keyof typeof MEASUREMENT_COLUMNS, readonly string[]][]) {
    column[name] = keys.findIndex((k) => aliases.includes(k));
    if (column[name] < 0 && name !== 'comment') {
      errors.push({ line: 1, column: COLUMN_TITLES[name], message: `colonne « ${COLUMN_TITLES[name]} » absente de l’en-tête` });
    }
  }
  if (errors.length) return { rows: [], errors };
  const byName = <T extends { name: string }>(list: readonly T[]) => {
    const map = new Map<string, T | 'ambiguous'>();
    for (const item of list) map.set(searchKey(item.name), map.has(searchKey(item.name)) ? 'ambiguous' : item);
    return map;
  };
  const indicatorByName = byName(indicators);
  const organisationByName = byName(organisations);
  const rows: PlannedMeasurement[] = [];
  const seen = new Map<string, number>();
  for (const record of file.records) {
    const cell = (name: keyof typeof MEASUREMENT_COLUMNS) => (column[name] >= 0 ? (record.fields[column[name]] ?? '').trim() : '');
    const lineErrors: ImportError[] = [];
    const fail = (col: string, message: string) => lineErrors.push({ line: record.line, column: col, message });
    const indicator = indicatorByName.get(searchKey(cell('indicator')));
    if (!cell('indicator')) fail('indicateur', 'indicateur manquant');
    else if (!indicator) fail('indicateur', `indicateur inconnu : « ${cell('indicator')} »`);
    else if (indicator === 'ambiguous') fail('indicateur', `plusieurs indicateurs s’appellent « ${cell('indicator')} »`);
    const organisation = organisationByName.get(searchKey(cell('organisation')));
    if (!cell('organisation')) fail('organisation', 'organisation manquante');
    else if (!organisation) fail('organisation', `organisation inconnue ou non autorisée : « ${cell('organisation')} »`);
    else if (organisation === 'ambiguous') fail('organisation', `plusieurs organisations s’appellent « ${cell('organisation')} »`);
    const value = parseFrenchNumber(cell('value'));
    if (value === null) fail('valeur', `valeur non numérique : « ${cell('value')} »`);
    let period: string | null = null;
    if (indicator && indicator !== 'ambiguous') {
      period = normalisePeriod(cell('period'), indicator.frequency);
      if (!period) fail('période', `période « ${cell('period')} » invalide : attendu ${PERIOD_HINTS[indicator.frequency]}`);
    }
    if (
      lineErrors.length ||
      !indicator ||
      indicator === 'ambiguous' ||
      !organisation ||
      organisation === 'ambiguous' ||
      value === null ||
      !period
    ) {
      errors.push(...lineErrors);
      continue;
    }
    const key = `${indicator.id}|${organisation.id}|${period}`;
    const before = seen.get(key);
    if (before !== undefined) {
      errors.push({ line: record.line, column: 'période', message: `même indicateur, organisation et période qu’à la ligne ${before}` });
      continue;
    }
    seen.set(key, record.line);
    rows.push({
      line: record.line,
      indicatorId: indicator.id,
      organisationId: organisation.id,
      period,
      value,
      comment: cell('comment').slice(0, 1000),
      correction: existing.has(key),
    });
  }
  return errors.length ? { rows: [], errors } : { rows, errors };
}
