import { decideRow, differingColumns, type PersonIdentity, probableDuplicate, type VenuePayload, type VenueRow } from '@maillage/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import { writeAudit } from '../accounts/store';
import type { VenueLeftOutRow } from '../events/tables';
import type { DB } from '../schema';
import { type ForeignKey, foreignKeys, insertRows, tableColumns, venueTableOrder } from './catalogue';

/** A row changed on both sides (or gone from the territory): listed, never overwritten. */
export interface VenueConflict {
  table: 'event_registrations' | 'organisations' | 'people' | string;
  id: string;
  label: string;
  reason: 'registration_cancelled' | 'edited_both_sides' | 'gone_from_territory' | 'refused_by_territory';
  columns: string[];
  /** The row as the laptop brought it (references already honoured) and as the territory has it (kept for the decision). */
  laptop: VenueRow;
  territory: VenueRow | null;
}

/** A walk-in who looks like someone already in the directory: proposed, not created twice. */
export interface VenueDuplicate {
  walkInName: string;
  registrationId: string | null;
  personId: string | null;
  directoryPersonId: string;
  directoryName: string;
  /** The person made on the laptop and set aside, with her organisations (kept for « two different people »). */
  walkInPerson: VenueRow | null;
  walkInOrganisationIds: string[];
}

export interface VenueImportReport {
  eventId: string;
  inserted: Record<string, number>;
  updated: Record<string, number>;
  conflicts: VenueConflict[];
  duplicates: VenueDuplicate[];
  /** Rows written in all (0: the file was already imported). */
  changed: number;
}

/** What the three-way rule compares, per table (timestamps of bookkeeping left out). */
export const compared: Record<string, readonly string[]> = {
  event_registrations: [
    'status',
    'checked_in_at',
    'name',
    'email',
    'organisation_name',
    'organisation_kind',
    'organisation_id',
    'person_id',
    'territory_id',
    'lunch',
    'accessibility',
    'walk_in',
    'cancelled_at',
    'directory_consent_at',
  ],
  organisations: [
    'name',
    'kind',
    'siren',
    'siret',
    'rna',
    'commune_id',
    'description',
    'address',
    'website',
    'public_email',
    'public_phone',
    'merged_into',
  ],
  people: ['name', 'function', 'is_resource', 'resource_for', 'email', 'phone', 'contact_consent', 'user_id', 'erased_at'],
  event_sessions: [
    'kind',
    'title',
    'description',
    'day',
    'starts_at',
    'ends_at',
    'room_id',
    'capacity',
    'colour',
    'speakers',
    'choosable',
    'position',
  ],
  event_choices: ['preference', 'status'],
};
/** How a row is named across instances: its id, or its natural key for a table without one. */
export const keyColumns: Record<string, readonly string[]> = { event_choices: ['registration_id', 'session_id'] };
const keyOf = (table: string, row: VenueRow) => (keyColumns[table] ?? ['id']).map((c) => String(row[c])).join('/');
/** Written with the compared columns on an update. */
const derived: Record<string, readonly string[]> = {
  event_registrations: ['updated_at'],
  organisations: ['search_key', 'name_key', 'updated_at'],
  people: ['search_key', 'contact_consent_on', 'updated_at'],
};

/** The event does not exist on this instance. */
export class VenueUnknownEventError extends Error {
  constructor(title: string) {
    super(
      `La journée « ${title} » n’existe pas sur cette instance : importez le retour sur l’instance qui l’a exportée. Rien n’a été importé.`,
    );
    this.name = 'VenueUnknownEventError';
  }
}

/**
 * Brings a day back from the laptop into the territory's instance, in one transaction: new rows
 * are inserted with their ids (a second import finds them and writes nothing), rows the laptop
 * changed are updated only where the territory did not change them since the export (three-way,
 * `decideRow`), and everything else is reported: conflicts, probable duplicates of walk-ins.
 * References the territory cannot honour (an account made on the laptop, a person not created
 * because she is a probable duplicate) are cleared, or the row is left out when it cannot be.
 */
export async function importDay(db: Kysely<DB>, payload: VenuePayload, actorUserId: string | null): Promise<VenueImportReport> {
  return db.transaction().execute(async (trx) => {
    const event = await trx.selectFrom('events').select(['id', 'territory_id']).where('id', '=', payload.eventId).executeTakeFirst();
    if (!event) throw new VenueUnknownEventError(payload.eventTitle);
    const columns = await tableColumns(trx);
    const keys = await foreignKeys(trx);
    const report: VenueImportReport = { eventId: payload.eventId, inserted: {}, updated: {}, conflicts: [], duplicates: [], changed: 0 };
    const base = indexByKey(payload.base ?? {});
    const tables: Record<string, VenueRow[]> = Object.fromEntries(
      Object.entries(payload.tables).map(([t, rows]) => [t, rows.map((r) => ({ ...r }))]),
    );
    const territoryIds = await mapTerritories(trx, tables.territories ?? [], columns.get('territories') as Set<string>);
    const insertedCollectives = new Set<string>();
    // Rows naming a person set aside (by her laptop id), kept for the decision about her.
    const leftOut = new Map<string, VenueLeftOutRow[]>();

    for (const table of venueTableOrder) {
      if (['users', 'territories', 'territory_parents', 'role_assignments', 'events', 'event_rooms'].includes(table)) continue;
      const cols = columns.get(table);
      let rows = tables[table] ?? [];
      if (!cols || rows.length === 0) continue;
      rows = remapTerritories(rows, keys, table, territoryIds);
      keepLeftOut(rows, keys, table, report, leftOut);
      rows = await honourReferences(trx, rows, keys, table);
      if (table === 'people') rows = await setAsideDuplicates(trx, payload.eventId, rows, tables, report);
      if (table === 'event_registrations') {
        const followed = await followDecidedLinks(trx, payload.eventId, rows);
        rows = followed.rows;
        await proposeWalkInMatches(trx, rows, base.event_registrations, followed.settled, report);
      }
      if (table === 'collective_history') rows = rows.filter((r) => insertedCollectives.has(String(r.collective_id)));

      if (compared[table]) {
        await mergeThreeWay(trx, table, rows, base[table] ?? new Map(), cols, report, labeller(tables));
        continue;
      }
      const omit = table === 'acquaintances' || table === 'collective_history' ? ['id'] : [];
      const written = await insertRows(trx, table, rows, cols, { omit });
      if (table === 'collectives') for (const id of written) insertedCollectives.add(id);
      count(report.inserted, table, written.length);
      if (table === 'live_rooms') await catchUpRooms(trx, rows, report);
      if (table === 'live_rooms' || table === 'collectives') {
        for (const row of rows) {
          if (written.includes(String(row.id))) continue;
          const here = await sql`select 1 from ${sql.table(table)} where id = ${String(row.id)}`.execute(trx);
          if (here.rows.length === 0) {
            report.conflicts.push({
              table,
              id: String(row.id),
              label: String(row.title ?? row.name ?? ''),
              reason: 'refused_by_territory',
              columns: [],
              laptop: row,
              territory: null,
            });
          }
        }
      }
    }
    await keepForDecision(trx, payload.eventId, report, leftOut);
    report.changed += Object.values(report.inserted).reduce((a, b) => a + b, 0) + Object.values(report.updated).reduce((a, b) => a + b, 0);
    if (report.changed > 0) {
      await writeAudit(trx, {
        actorUserId,
        action: 'venue.import',
        entityType: 'event',
        entityId: payload.eventId,
        territoryId: event.territory_id,
        details: {
          inserted: report.inserted,
          updated: report.updated,
          conflicts: report.conflicts.length,
          duplicates: report.duplicates.length,
        },
      });
    }
    return report;
  });
}

function count(into: Record<string, number>, table: string, n: number) {
  if (n > 0) into[table] = (into[table] ?? 0) + n;
}

function indexByKey(tables: Record<string, VenueRow[]>): Record<string, Map<string, VenueRow>> {
  return Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, new Map(rows.map((r) => [keyOf(t, r), r]))]));
}

/** A row's name in the report: a person's or a session's, a workshop choice as « who → which session ». */
function labeller(tables: Record<string, VenueRow[]>): (table: string, row: VenueRow) => string {
  const names = new Map((tables.event_registrations ?? []).map((r) => [String(r.id), String(r.name)]));
  const titles = new Map((tables.event_sessions ?? []).map((s) => [String(s.id), String(s.title)]));
  return (table, row) =>
    table === 'event_choices'
      ? `${names.get(String(row.registration_id)) ?? ''} → ${titles.get(String(row.session_id)) ?? ''}`
      : String(row.name ?? row.title ?? '');
}

/** Each territory of the file on this instance: the same id, or the same kind and code (France's divisions). */
async function mapTerritories(trx: Transaction<DB>, rows: readonly VenueRow[], cols: Set<string>): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const row of rows) {
    const id = String(row.id);
    const here = await trx.selectFrom('territories').select('id').where('id', '=', id).executeTakeFirst();
    if (here) {
      map.set(id, id);
      continue;
    }
    if (row.code != null) {
      const twin = await trx
        .selectFrom('territories')
        .select('id')
        .where('kind', '=', String(row.kind) as never)
        .where('code', '=', String(row.code))
        .executeTakeFirst();
      if (twin) {
        map.set(id, twin.id);
        continue;
      }
    }
    const written = await insertRows(trx, 'territories', [{ ...row, slug: `${String(row.slug)}-${id.slice(0, 8)}` }], cols);
    if (written.length) map.set(id, id);
  }
  return map;
}

function remapTerritories(rows: VenueRow[], keys: readonly ForeignKey[], table: string, map: Map<string, string>): VenueRow[] {
  const fks = keys.filter((k) => k.table === table && k.references === 'territories');
  if (fks.length === 0) return rows;
  return rows.map((r) => {
    const out = { ...r };
    for (const fk of fks) if (out[fk.column] != null) out[fk.column] = map.get(String(out[fk.column])) ?? out[fk.column];
    return out;
  });
}

/**
 * Clears references to rows this instance does not have (an account made on the laptop, a person
 * set aside as a probable duplicate), or leaves the row out when the column cannot be empty.
 * Rows of the same table written just before count (the tables come in reference order).
 */
export async function honourReferences(
  trx: Transaction<DB>,
  rows: VenueRow[],
  keys: readonly ForeignKey[],
  table: string,
): Promise<VenueRow[]> {
  const fks = keys.filter((k) => k.table === table && k.references !== table);
  let out = rows.map((r) => ({ ...r }));
  for (const fk of fks) {
    const wanted = [
      ...new Set(
        out
          .map((r) => r[fk.column])
          .filter((v) => v != null)
          .map(String),
      ),
    ];
    if (wanted.length === 0) continue;
    const { rows: found } = await sql<{ id: string }>`
      select id::text from ${sql.table(fk.references)} where id::text = any(${wanted}::text[])`.execute(trx);
    const known = new Set(found.map((f) => f.id));
    out = out.filter((r) => {
      const v = r[fk.column];
      if (v == null || known.has(String(v))) return true;
      if (!fk.nullable) return false;
      r[fk.column] = null;
      return true;
    });
  }
  return out;
}

/**
 * Tables whose rows naming a set-aside person are kept for the decision about her: who she met at
 * the venue (dropped by the import), her collective memberships and live participants (kept with
 * her person cleared), her territories (written only if she is kept as a different person). Her
 * registration and organisations are kept otherwise (`registrationId`, `walkInOrganisationIds`).
 */
export const leftOutTables: readonly string[] = ['person_territories', 'acquaintances', 'live_participants', 'collective_members'];

/** Notes the rows of a table that name a person set aside by this import, before her references are cleared. */
function keepLeftOut(
  rows: readonly VenueRow[],
  keys: readonly ForeignKey[],
  table: string,
  report: VenueImportReport,
  into: Map<string, VenueLeftOutRow[]>,
): void {
  if (!leftOutTables.includes(table)) return;
  const held = new Set(report.duplicates.filter((d) => d.walkInPerson && d.personId).map((d) => String(d.personId)));
  if (held.size === 0) return;
  for (const fk of keys.filter((k) => k.table === table && k.references === 'people')) {
    for (const row of rows) {
      const person = row[fk.column];
      if (person == null || !held.has(String(person))) continue;
      const list = into.get(String(person)) ?? [];
      list.push({ table, column: fk.column, cleared: fk.nullable, row: { ...row } });
      into.set(String(person), list);
    }
  }
}

async function directoryIdentities(trx: Transaction<DB>, name: string, email: string | null): Promise<PersonIdentity[]> {
  const { rows } = await sql<{ id: string; name: string; email: string | null; org_ids: string[] | null; org_names: string[] | null }>`
    select p.id, p.name, p.email,
      array_remove(array_agg(o.id::text), null) as org_ids, array_remove(array_agg(o.name), null) as org_names
    from people p
    left join person_organisations po on po.person_id = p.id
    left join organisations o on o.id = po.organisation_id
    where p.erased_at is null and (f_search(p.name) = f_search(${name}) or (${email}::text is not null and lower(p.email) = lower(${email})))
    group by p.id`.execute(trx);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    organisationIds: r.org_ids ?? [],
    organisationNames: r.org_names ?? [],
  }));
}

/**
 * New people of the day who look like someone of the directory are not created (and reported);
 * one already decided to be that person (« the same person ») is left out without a new report.
 */
async function setAsideDuplicates(
  trx: Transaction<DB>,
  eventId: string,
  rows: VenueRow[],
  tables: Record<string, VenueRow[]>,
  report: VenueImportReport,
): Promise<VenueRow[]> {
  const ids = rows.map((r) => String(r.id));
  const { rows: present } = await sql<{ id: string }>`select id::text from people where id::text = any(${ids}::text[])`.execute(trx);
  const known = new Set(present.map((p) => p.id));
  const { rows: linked } = await sql<{ id: string }>`
    select walk_in_person_id::text as id from venue_duplicates
    where event_id = ${eventId}::uuid and status = 'linked' and walk_in_person_id::text = any(${ids}::text[])`.execute(trx);
  const decided = new Set(linked.map((l) => l.id));
  const orgsById = new Map((tables.organisations ?? []).map((o) => [String(o.id), String(o.name)]));
  const kept: VenueRow[] = [];
  for (const row of rows) {
    const id = String(row.id);
    if (known.has(id)) {
      kept.push(row);
      continue;
    }
    if (decided.has(id)) continue;
    const orgIds = (tables.person_organisations ?? []).filter((po) => String(po.person_id) === id).map((po) => String(po.organisation_id));
    const registration = (tables.event_registrations ?? []).find((r) => String(r.person_id) === id);
    const email = (row.email as string | null) ?? (registration?.email as string | undefined) ?? null;
    const walkIn: PersonIdentity = {
      id,
      name: String(row.name),
      email: email || null,
      organisationIds: orgIds,
      organisationNames: [
        ...orgIds.map((o) => orgsById.get(o) ?? ''),
        ...(registration?.organisation_name ? [String(registration.organisation_name)] : []),
      ],
    };
    const twin = probableDuplicate(walkIn, await directoryIdentities(trx, walkIn.name, walkIn.email));
    if (!twin) {
      kept.push(row);
      continue;
    }
    report.duplicates.push({
      walkInName: walkIn.name,
      registrationId: registration ? String(registration.id) : null,
      personId: id,
      directoryPersonId: twin.id,
      directoryName: twin.name,
      walkInPerson: row,
      walkInOrganisationIds: orgIds,
    });
  }
  return kept;
}

/**
 * A walk-in linked to a person after an earlier import (« the same person », or her own person
 * kept separate) is read with that link: the same file again is then no conflict and no new proposal.
 */
async function followDecidedLinks(
  trx: Transaction<DB>,
  eventId: string,
  rows: VenueRow[],
): Promise<{ rows: VenueRow[]; settled: Set<string> }> {
  const decided = await trx
    .selectFrom('venue_duplicates')
    .select(['registration_id', 'directory_person_id', 'walk_in_person_id', 'status'])
    .where('event_id', '=', eventId)
    .where('status', '!=', 'open')
    .where('registration_id', 'is not', null)
    .execute();
  const settled = new Set(decided.map((d) => String(d.registration_id)));
  if (decided.length === 0) return { rows, settled };
  const links = new Map(
    decided.map((d) => [String(d.registration_id), d.status === 'linked' ? d.directory_person_id : d.walk_in_person_id]),
  );
  return {
    rows: rows.map((r) => {
      const person = links.get(String(r.id));
      return person && r.person_id == null ? { ...r, person_id: person } : r;
    }),
    settled,
  };
}

/** Walk-ins of the day (no person yet) who look like someone of the directory: proposed for linking. */
async function proposeWalkInMatches(
  trx: Transaction<DB>,
  rows: readonly VenueRow[],
  base: Map<string, VenueRow> | undefined,
  settled: ReadonlySet<string>,
  report: VenueImportReport,
): Promise<void> {
  for (const row of rows) {
    if (!row.walk_in || row.person_id != null || base?.has(String(row.id)) || settled.has(String(row.id))) continue;
    const walkIn: PersonIdentity = {
      id: String(row.id),
      name: String(row.name),
      email: (row.email as string) || null,
      organisationIds: row.organisation_id ? [String(row.organisation_id)] : [],
      organisationNames: row.organisation_name ? [String(row.organisation_name)] : [],
    };
    const twin = probableDuplicate(walkIn, await directoryIdentities(trx, walkIn.name, walkIn.email));
    if (twin) {
      report.duplicates.push({
        walkInName: walkIn.name,
        registrationId: String(row.id),
        personId: null,
        directoryPersonId: twin.id,
        directoryName: twin.name,
        walkInPerson: null,
        walkInOrganisationIds: [],
      });
    }
  }
}

async function mergeThreeWay(
  trx: Transaction<DB>,
  table: string,
  rows: readonly VenueRow[],
  base: Map<string, VenueRow>,
  cols: Set<string>,
  report: VenueImportReport,
  label: (table: string, row: VenueRow) => string,
): Promise<void> {
  const columns = (compared[table] ?? []).filter((c) => cols.has(c));
  const key = keyColumns[table] ?? ['id'];
  const keyExpr = (alias: string) =>
    sql.join(
      key.map((c) => sql`${sql.ref(`${alias}.${c}`)}::text`),
      sql` || '/' || `,
    );
  const ids = rows.map((r) => keyOf(table, r));
  const { rows: current } = await sql<{ row: VenueRow }>`
    select to_jsonb(t) as row from ${sql.table(table)} t where (${keyExpr('t')}) = any(${ids}::text[])`.execute(trx);
  const here = new Map(current.map((c) => [keyOf(table, c.row), c.row]));
  const inserts: VenueRow[] = [];
  for (const row of rows) {
    const id = keyOf(table, row);
    const was = base.get(id);
    const now = here.get(id);
    const decision = decideRow(was, row, now, columns);
    if (decision === 'insert') inserts.push(row);
    else if (decision === 'update') {
      await writeLaptopRow(trx, table, row, cols);
      count(report.updated, table, 1);
    } else if (decision === 'conflict') {
      report.conflicts.push({
        table,
        id,
        label: label(table, row),
        reason: !now
          ? 'gone_from_territory'
          : table === 'event_registrations' && now.status === 'cancelled' && row.status !== 'cancelled'
            ? 'registration_cancelled'
            : 'edited_both_sides',
        columns: now ? differingColumns(row, now, columns) : [],
        laptop: row,
        territory: now ?? null,
      });
    }
  }
  const omit = table === 'event_registrations' || table === 'event_choices' ? ['seq'] : [];
  const written = await insertRows(trx, table, inserts, cols, { omit, ...(keyColumns[table] ? { returning: key[0] } : {}) });
  count(report.inserted, table, written.length);
  if (keyColumns[table]) {
    // No single id comes back: a row not written is one a unique key refused.
    if (written.length < inserts.length) {
      const { rows: there } = await sql<{ k: string }>`
        select (${keyExpr('t')}) as k from ${sql.table(table)} t where (${keyExpr('t')}) = any(${inserts.map((r) => keyOf(table, r))}::text[])`.execute(
        trx,
      );
      const present = new Set(there.map((t) => t.k));
      for (const r of inserts) {
        if (!present.has(keyOf(table, r)))
          report.conflicts.push({
            table,
            id: keyOf(table, r),
            label: label(table, r),
            reason: 'refused_by_territory',
            columns: [],
            laptop: r,
            territory: null,
          });
      }
    }
    return;
  }
  const refused = inserts.filter((r) => !written.includes(String(r.id)));
  for (const r of refused) {
    report.conflicts.push({
      table,
      id: String(r.id),
      label: label(table, r),
      reason: 'refused_by_territory',
      columns: [],
      laptop: r,
      territory: null,
    });
  }
}

/** A room known to both sides: its last sequence number and closing follow the longer log. */
async function catchUpRooms(trx: Transaction<DB>, rows: readonly VenueRow[], report: VenueImportReport): Promise<void> {
  for (const row of rows) {
    const { rows: changed } = await sql`
      update live_rooms set last_seq = ${Number(row.last_seq)}, closed_at = coalesce(closed_at, ${(row.closed_at as string | null) ?? null}::timestamptz)
      where id = ${String(row.id)} and (last_seq < ${Number(row.last_seq)} or (closed_at is null and ${(row.closed_at as string | null) ?? null}::timestamptz is not null))
      returning id`.execute(trx);
    count(report.updated, 'live_rooms', changed.length);
  }
}

/** The row of one of the three-way tables as it is here, by its id or natural key (`registration/session`), locked. */
export async function territoryRow(trx: Transaction<DB>, table: string, rowKey: string): Promise<VenueRow | undefined> {
  const key = keyColumns[table] ?? ['id'];
  const expr = sql.join(
    key.map((c) => sql`t.${sql.ref(c)}::text`),
    sql` || '/' || `,
  );
  const { rows } = await sql<{ row: VenueRow }>`
    select to_jsonb(t) as row from ${sql.table(table)} t where (${expr}) = ${rowKey} for update`.execute(trx);
  return rows[0]?.row;
}

/** Writes the laptop's values of a row over the territory's: the compared columns and what derives from them. */
export async function writeLaptopRow(trx: Transaction<DB>, table: string, row: VenueRow, cols: Set<string>): Promise<void> {
  const key = keyColumns[table] ?? ['id'];
  const set = [...(compared[table] ?? []), ...(derived[table] ?? [])].filter((c) => cols.has(c));
  // A versioned record (an organisation) moves to its next version, as any edit does: a proposal
  // read before this write is then known to be stale.
  const bump = cols.has('version') ? sql`, version = t.version + 1` : sql``;
  await sql`update ${sql.table(table)} t set (${sql.join(set.map((c) => sql.ref(c)))}) =
    (select ${sql.join(set.map((c) => sql.ref(`r.${c}`)))} from jsonb_populate_record(null::${sql.table(table)}, ${JSON.stringify(row)}::jsonb) r)${bump}
    where ${sql.join(
      key.map((c) => sql`t.${sql.ref(c)}::text = ${String(row[c])}`),
      sql` and `,
    )}`.execute(trx);
}

/**
 * Keeps the conflicts and probable duplicates of an import for a person to decide from the day's
 * page. The same return file imported again finds them and writes nothing; a later file refreshes
 * the versions of a conflict still open, and never reopens a decided one. The rows it writes count
 * in `changed`, so that an import whose only news is a conflict is not reported as already imported.
 */
async function keepForDecision(
  trx: Transaction<DB>,
  eventId: string,
  report: VenueImportReport,
  leftOut: ReadonlyMap<string, VenueLeftOutRow[]>,
): Promise<void> {
  if (report.conflicts.length > 0) {
    const once = new Map(report.conflicts.map((c) => [`${c.table}:${c.id}`, c]));
    const rows = [...once.values()].map((c) => ({
      table_name: c.table,
      row_key: c.id,
      label: c.label,
      reason: c.reason,
      columns: c.columns,
      territory_value: c.territory,
      laptop_value: c.laptop,
    }));
    const kept = await sql`
      insert into venue_conflicts (event_id, table_name, row_key, label, reason, columns, territory_value, laptop_value)
      select ${eventId}::uuid, r.table_name, r.row_key, r.label, r.reason, r.columns, r.territory_value, r.laptop_value
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as r(table_name text, row_key text, label text, reason text, columns text[], territory_value jsonb, laptop_value jsonb)
      on conflict (event_id, table_name, row_key) do update set
        label = excluded.label, reason = excluded.reason, columns = excluded.columns,
        territory_value = excluded.territory_value, laptop_value = excluded.laptop_value
      where venue_conflicts.status = 'open'
        and (venue_conflicts.laptop_value is distinct from excluded.laptop_value
          or venue_conflicts.territory_value is distinct from excluded.territory_value
          or venue_conflicts.reason is distinct from excluded.reason)`.execute(trx);
    report.changed += Number(kept.numAffectedRows ?? 0);
  }
  if (report.duplicates.length > 0) {
    const rows = report.duplicates.map((d) => ({
      walk_in_name: d.walkInName,
      registration_id: d.registrationId,
      walk_in_person_id: d.walkInPerson ? d.personId : null,
      walk_in_person: d.walkInPerson,
      walk_in_organisation_ids: d.walkInOrganisationIds,
      directory_person_id: d.directoryPersonId,
      left_out: (d.walkInPerson && d.personId ? leftOut.get(d.personId) : undefined) ?? [],
    }));
    // A registration refused by the territory is not named (the walk-in's person still is). A later
    // file adds what it left out about her to a duplicate still open.
    const kept = await sql`
      insert into venue_duplicates (event_id, walk_in_name, registration_id, walk_in_person_id, walk_in_person, walk_in_organisation_ids, directory_person_id, left_out)
      select ${eventId}::uuid, r.walk_in_name, reg.id, r.walk_in_person_id, r.walk_in_person, r.walk_in_organisation_ids, r.directory_person_id, r.left_out
      from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as r(walk_in_name text, registration_id uuid, walk_in_person_id uuid, walk_in_person jsonb, walk_in_organisation_ids uuid[], directory_person_id uuid, left_out jsonb)
      left join event_registrations reg on reg.id = r.registration_id and reg.event_id = ${eventId}::uuid
      where reg.id is not null or r.walk_in_person_id is not null
      on conflict (event_id, coalesce(registration_id, walk_in_person_id), directory_person_id) do update set
        left_out = venue_duplicates.left_out || (
          select coalesce(jsonb_agg(e), '[]'::jsonb) from jsonb_array_elements(excluded.left_out) e
          where not venue_duplicates.left_out @> jsonb_build_array(e))
      where venue_duplicates.status = 'open' and not venue_duplicates.left_out @> excluded.left_out`.execute(trx);
    report.changed += Number(kept.numAffectedRows ?? 0);
  }
}
