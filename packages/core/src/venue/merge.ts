import { searchKey } from '../shared/text';
import type { VenueRow } from './payload';

/**
 * What the territory's instance does with one row the laptop brings back, given the row as the
 * export gave it (`base`), as the laptop has it now and as the territory has it now:
 * - `insert`: new on the laptop, unknown to the territory;
 * - `update`: changed on the laptop only: the laptop's values are written;
 * - `unchanged`: nothing to write (the laptop did not change it, or both sides agree);
 * - `conflict`: changed on both sides differently (or gone from the territory): listed for a
 *   person to decide, never overwritten.
 */
export type RowDecision = 'insert' | 'update' | 'unchanged' | 'conflict';

/**
 * Compares two values as stored: timestamps written by two engines in two time zones
 * (`2026-12-02T09:00:00+00:00` and `…T10:00:00+01:00`) are the same instant.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === 'string' && typeof b === 'string') {
    if (instant.test(a) && instant.test(b)) return Date.parse(a) === Date.parse(b);
    return false;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}
const instant = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;

/** Whether two rows agree on the given columns. */
export function sameColumns(a: VenueRow, b: VenueRow, columns: readonly string[]): boolean {
  return columns.every((c) => sameValue(a[c], b[c]));
}

/** The three-way rule: see `RowDecision`. */
export function decideRow(
  base: VenueRow | undefined,
  laptop: VenueRow,
  territory: VenueRow | undefined,
  columns: readonly string[],
): RowDecision {
  if (!territory) return base ? (sameColumns(base, laptop, columns) ? 'unchanged' : 'conflict') : 'insert';
  if (sameColumns(laptop, territory, columns)) return 'unchanged';
  if (base && sameColumns(base, laptop, columns)) return 'unchanged';
  if (base && sameColumns(base, territory, columns)) return 'update';
  return 'conflict';
}

/** The columns where two rows differ, to name them in a conflict. */
export function differingColumns(a: VenueRow, b: VenueRow, columns: readonly string[]): string[] {
  return columns.filter((c) => !sameValue(a[c], b[c]));
}

/** A person as the duplicate rule sees her: her name, e-mail and organisations. */
export interface PersonIdentity {
  id: string;
  name: string;
  email: string | null;
  organisationIds: readonly string[];
  organisationNames: readonly string[];
}

/**
 * A walk-in already in the directory: the same e-mail, or the same normalised name and a shared
 * organisation (by id or by normalised name). Returns the directory's person, or undefined.
 */
export function probableDuplicate(walkIn: PersonIdentity, directory: readonly PersonIdentity[]): PersonIdentity | undefined {
  const email = walkIn.email?.trim().toLowerCase();
  const name = searchKey(walkIn.name);
  const orgNames = new Set(walkIn.organisationNames.map(searchKey).filter(Boolean));
  const orgIds = new Set(walkIn.organisationIds);
  return directory.find((p) => {
    if (p.id === walkIn.id) return false;
    if (email && p.email?.trim().toLowerCase() === email) return true;
    if (searchKey(p.name) !== name) return false;
    return p.organisationIds.some((id) => orgIds.has(id)) || p.organisationNames.some((n) => orgNames.has(searchKey(n)));
  });
}
