import {
  canTakeLaptop,
  checkConflictDecision,
  type VenueConflictView,
  type VenueDecisionError,
  type VenueDecisionsView,
  type VenueDuplicateView,
  type VenueRow,
} from '@maillage/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import { writeAudit } from '../accounts/store';
import type { DB } from '../schema';
import type { VenueLeftOutRow } from '../events/tables';
import { foreignKeys, insertRows, tableColumns } from './catalogue';
import { compared, honourReferences, territoryRow, writeLaptopRow } from './import';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Only the compared columns of a row (what the page shows side by side), in the rule's order. */
function shown(table: string, row: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!row) return null;
  const columns = compared[table];
  if (!columns) return { ...row };
  return Object.fromEntries(columns.filter((c) => c in row).map((c) => [c, row[c] ?? null]));
}

/** What the import of a day left to decide, and what was decided (by whom, when): open ones first. */
export async function venueDecisions(db: Kysely<DB>, eventId: string): Promise<VenueDecisionsView> {
  const conflicts = await db
    .selectFrom('venue_conflicts as c')
    .leftJoin('users as u', 'u.id', 'c.decided_by')
    .select([
      'c.id',
      'c.table_name',
      'c.row_key',
      'c.label',
      'c.reason',
      'c.columns',
      'c.territory_value',
      'c.laptop_value',
      'c.status',
      'c.decided_at',
      'u.display_name',
    ])
    .where('c.event_id', '=', eventId)
    .orderBy(sql`c.status = 'open'`, 'desc')
    .orderBy('c.created_at')
    .orderBy('c.id')
    .execute();
  const duplicates = await db
    .selectFrom('venue_duplicates as d')
    .innerJoin('people as p', 'p.id', 'd.directory_person_id')
    .leftJoin('users as u', 'u.id', 'd.decided_by')
    .select([
      'd.id',
      'd.walk_in_name',
      'd.registration_id',
      'd.directory_person_id',
      'p.name',
      'd.status',
      'd.decided_at',
      'u.display_name',
    ])
    .where('d.event_id', '=', eventId)
    .orderBy(sql`d.status = 'open'`, 'desc')
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();
  return {
    conflicts: conflicts.map(
      (c): VenueConflictView => ({
        id: c.id,
        table: c.table_name,
        rowKey: c.row_key,
        label: c.label,
        reason: c.reason,
        columns: c.columns,
        territory: shown(c.table_name, c.territory_value),
        laptop: shown(c.table_name, c.laptop_value) ?? {},
        canTakeLaptop: canTakeLaptop({ table: c.table_name, reason: c.reason }),
        status: c.status,
        decidedBy: c.display_name ?? null,
        decidedAt: iso(c.decided_at),
      }),
    ),
    duplicates: duplicates.map(
      (d): VenueDuplicateView => ({
        id: d.id,
        walkInName: d.walk_in_name,
        registrationId: d.registration_id,
        directoryPersonId: d.directory_person_id,
        directoryName: d.name,
        status: d.status,
        decidedBy: d.display_name ?? null,
        decidedAt: iso(d.decided_at),
      }),
    ),
  };
}

export interface VenueDecisionInput<D> {
  eventId: string;
  id: string;
  decision: D;
  actorUserId: string | null;
  now: Date;
}

/**
 * Settles a conflict of the day, in one transaction: « keep the territory's version » leaves the
 * row as it is; « take the laptop's version » writes the laptop's values over it, only if the
 * territory's row is still the one shown side by side (else `changed_since`: reload and decide
 * again). The decision and its audit entry are written with it.
 */
export async function decideVenueConflict(
  db: Kysely<DB>,
  input: VenueDecisionInput<'kept_territory' | 'took_laptop'>,
): Promise<{ ok: true } | { ok: false; error: VenueDecisionError }> {
  return db.transaction().execute(async (trx) => {
    const conflict = await trx
      .selectFrom('venue_conflicts as c')
      .innerJoin('events as e', 'e.id', 'c.event_id')
      .select(['c.id', 'c.table_name', 'c.row_key', 'c.reason', 'c.status', 'c.territory_value', 'c.laptop_value', 'e.territory_id'])
      .where('c.id', '=', input.id)
      .where('c.event_id', '=', input.eventId)
      .forUpdate('c')
      .executeTakeFirst();
    if (!conflict) return { ok: false, error: 'not_found' };
    const taking = input.decision === 'took_laptop' && canTakeLaptop({ table: conflict.table_name, reason: conflict.reason });
    const current = taking ? await territoryRow(trx, conflict.table_name, conflict.row_key) : undefined;
    const columns = await tableColumns(trx);
    const cols = columns.get(conflict.table_name) ?? new Set<string>();
    const error = checkConflictDecision(
      {
        table: conflict.table_name,
        reason: conflict.reason,
        status: conflict.status,
        territory: conflict.territory_value as VenueRow | null,
      },
      input.decision,
      current,
      (compared[conflict.table_name] ?? []).filter((c) => cols.has(c)),
    );
    if (error) return { ok: false, error };
    if (input.decision === 'took_laptop') await writeLaptopRow(trx, conflict.table_name, conflict.laptop_value as VenueRow, cols);
    await trx
      .updateTable('venue_conflicts')
      .set({ status: input.decision, decided_by: input.actorUserId, decided_at: input.now })
      .where('id', '=', conflict.id)
      .execute();
    await writeAudit(trx, {
      actorUserId: input.actorUserId,
      action: 'venue.conflict.decide',
      entityType: 'event',
      entityId: input.eventId,
      territoryId: conflict.territory_id,
      details: { table: conflict.table_name, row: conflict.row_key, decision: input.decision },
    });
    return { ok: true };
  });
}

/**
 * Settles a probable duplicate, in one transaction: « the same person » links the walk-in's
 * registration to the directory's person (if nobody linked it since); « two different people »
 * creates the person made on the laptop (set aside at the import) with her organisations and links
 * her registration to her. Either way, what the import left out because it named her set-aside
 * person (who she met at the venue, her collective memberships, live participants) is written
 * again for the person she now is. The decision and its audit entry are written with it.
 */
export async function decideVenueDuplicate(
  db: Kysely<DB>,
  input: VenueDecisionInput<'linked' | 'kept_separate'>,
): Promise<{ ok: true } | { ok: false; error: VenueDecisionError }> {
  return db.transaction().execute(async (trx) => {
    const dup = await trx
      .selectFrom('venue_duplicates as d')
      .innerJoin('events as e', 'e.id', 'd.event_id')
      .select([
        'd.id',
        'd.registration_id',
        'd.walk_in_person_id',
        'd.walk_in_person',
        'd.walk_in_organisation_ids',
        'd.left_out',
        'd.directory_person_id',
        'd.status',
        'e.territory_id',
      ])
      .where('d.id', '=', input.id)
      .where('d.event_id', '=', input.eventId)
      .forUpdate('d')
      .executeTakeFirst();
    if (!dup) return { ok: false, error: 'not_found' };
    if (dup.status !== 'open') return { ok: false, error: 'already_decided' };
    const registration = dup.registration_id
      ? await trx
          .selectFrom('event_registrations')
          .select(['id', 'person_id'])
          .where('id', '=', dup.registration_id)
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    const personId = input.decision === 'linked' ? dup.directory_person_id : dup.walk_in_person ? dup.walk_in_person_id : null;
    // Version check: someone linked the registration to a person since the import.
    if (personId && registration?.person_id != null) return { ok: false, error: 'changed_since' };
    if (input.decision === 'kept_separate' && personId && dup.walk_in_person) {
      const columns = await tableColumns(trx);
      const person = { ...dup.walk_in_person, user_id: null, created_by: input.actorUserId } as VenueRow;
      await insertRows(trx, 'people', [person], columns.get('people') ?? new Set());
      if (dup.walk_in_organisation_ids.length > 0) {
        await sql`
          insert into person_organisations (person_id, organisation_id)
          select ${personId}::uuid, o.id from organisations o where o.id = any(${dup.walk_in_organisation_ids}::uuid[])
          on conflict do nothing`.execute(trx);
      }
    }
    if (personId && dup.walk_in_person_id) {
      await restoreLeftOut(trx, input.eventId, dup.walk_in_person_id, personId, input.decision, dup.left_out);
    }
    if (registration && personId) {
      await trx
        .updateTable('event_registrations')
        .set({ person_id: personId, updated_at: input.now })
        .where('id', '=', registration.id)
        .execute();
    }
    await trx
      .updateTable('venue_duplicates')
      .set({ status: input.decision, decided_by: input.actorUserId, decided_at: input.now })
      .where('id', '=', dup.id)
      .execute();
    await writeAudit(trx, {
      actorUserId: input.actorUserId,
      action: 'venue.duplicate.decide',
      entityType: 'event',
      entityId: input.eventId,
      territoryId: dup.territory_id,
      details: { registration: dup.registration_id, person: personId, decision: input.decision },
    });
    return { ok: true };
  });
}

/**
 * Writes again the rows an import left out because they named a set-aside person (`walkInId`),
 * with `personId` in her place: rows dropped are inserted (an acquaintance already known is not
 * doubled; a pair is kept ordered, and dropped if it would be her with herself), rows kept with
 * her person cleared get it back if nobody set it since. Another walk-in set aside and linked to
 * the directory is named by her directory person; one still undecided leaves the row to her own
 * decision (which holds it too). Her territories follow her only when she is a person of her own.
 */
async function restoreLeftOut(
  trx: Transaction<DB>,
  eventId: string,
  walkInId: string,
  personId: string,
  decision: 'linked' | 'kept_separate',
  leftOut: readonly VenueLeftOutRow[],
): Promise<void> {
  if (leftOut.length === 0) return;
  const linked = await trx
    .selectFrom('venue_duplicates')
    .select(['walk_in_person_id', 'directory_person_id'])
    .where('event_id', '=', eventId)
    .where('status', '=', 'linked')
    .where('walk_in_person_id', 'is not', null)
    .execute();
  const linkedTo = new Map(linked.map((l) => [String(l.walk_in_person_id), l.directory_person_id]));
  linkedTo.set(walkInId, personId);
  const keys = await foreignKeys(trx);
  const columns = await tableColumns(trx);
  const byTable = new Map<string, VenueRow[]>();
  for (const entry of leftOut) {
    if (entry.table === 'person_territories' && decision === 'linked') continue;
    if (entry.cleared) {
      await sql`update ${sql.table(entry.table)} set ${sql.ref(entry.column)} = ${personId}::uuid
        where id::text = ${String(entry.row.id)} and ${sql.ref(entry.column)} is null`.execute(trx);
      continue;
    }
    const row: VenueRow = { ...entry.row };
    for (const fk of keys.filter((k) => k.table === entry.table && k.references === 'people')) {
      const named = row[fk.column];
      if (named != null) row[fk.column] = linkedTo.get(String(named)) ?? named;
    }
    if (entry.table === 'acquaintances') {
      const [a, b] = [String(row.person_a), String(row.person_b)];
      if (a === b) continue;
      if (a > b) Object.assign(row, { person_a: b, person_b: a });
    }
    byTable.set(entry.table, [...(byTable.get(entry.table) ?? []), row]);
  }
  for (const [table, rows] of byTable) {
    const honoured = await honourReferences(trx, rows, keys, table);
    await insertRows(trx, table, honoured, columns.get(table) ?? new Set(), { omit: table === 'acquaintances' ? ['id'] : [] });
  }
}
