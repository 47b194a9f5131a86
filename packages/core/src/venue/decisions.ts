import type { VenueRow } from './payload';
import { sameColumns } from './merge';

/** The tables whose conflicts « take the laptop's version » can settle (a row edited on both sides). */
const takeable = new Set(['event_registrations', 'organisations', 'people', 'event_sessions', 'event_choices']);

/**
 * Whether the laptop's version of a conflicting row can be taken: the row must still be on the
 * territory and have been edited (a row gone from the territory, or refused by it, can only be
 * acknowledged: the territory's version stays).
 */
export function canTakeLaptop(conflict: { table: string; reason: string }): boolean {
  return takeable.has(conflict.table) && (conflict.reason === 'registration_cancelled' || conflict.reason === 'edited_both_sides');
}

/** Why a decision about what the day brought back is refused. */
export type VenueDecisionError = 'not_found' | 'already_decided' | 'changed_since' | 'cannot_take';

/**
 * Whether a decision may still be applied: open, takeable when it takes the laptop's version, and
 * (version check) the territory's row as it is now still the one the person saw side by side.
 */
export function checkConflictDecision(
  conflict: { table: string; reason: string; status: string; territory: VenueRow | null },
  decision: 'kept_territory' | 'took_laptop',
  current: VenueRow | undefined,
  columns: readonly string[],
): VenueDecisionError | undefined {
  if (conflict.status !== 'open') return 'already_decided';
  if (decision === 'kept_territory') return undefined;
  if (!canTakeLaptop(conflict)) return 'cannot_take';
  if (!current || !conflict.territory || !sameColumns(current, conflict.territory, columns)) return 'changed_since';
  return undefined;
}
