import type { VenueRow, VenueTables } from '@maillage/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema';

/**
 * The day's tables, in the order their rows can be written (every table after those it
 * references). The venue file carries these and nothing else.
 */
export const venueTableOrder = [
  'users',
  'territories',
  'territory_parents',
  'role_assignments',
  'organisations',
  'people',
  'person_organisations',
  'organisation_territories',
  'person_territories',
  'acquaintances',
  'events',
  'event_rooms',
  'event_sessions',
  'event_registrations',
  'event_choices',
  'live_rooms',
  'live_participants',
  'live_events',
  'collectives',
  'collective_members',
  'collective_answers',
  'collective_sections',
  'collective_section_revisions',
  'collective_comments',
  'collective_steps',
  'collective_support_requests',
  'collective_history',
  'codev_records',
] as const;
export type VenueTable = (typeof venueTableOrder)[number];

/** A single-column foreign key, read from the database's own catalogue. */
export interface ForeignKey {
  table: string;
  column: string;
  references: string;
  nullable: boolean;
}

/** Every foreign key of the public schema (all of maillage's point at an `id`). */
export async function foreignKeys(db: Kysely<DB>): Promise<ForeignKey[]> {
  const { rows } = await sql<{ table_name: string; column_name: string; ref_table: string; is_nullable: string }>`
    select kcu.table_name, kcu.column_name, ccu.table_name as ref_table, c.is_nullable
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
    join information_schema.columns c on c.table_schema = kcu.table_schema and c.table_name = kcu.table_name and c.column_name = kcu.column_name
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public'`.execute(db);
  return rows.map((r) => ({ table: r.table_name, column: r.column_name, references: r.ref_table, nullable: r.is_nullable === 'YES' }));
}

/** The columns a table has on this instance (a file from a slightly older schema may lack some). */
export async function tableColumns(db: Kysely<DB>): Promise<Map<string, Set<string>>> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and is_generated = 'NEVER' and generation_expression is null`.execute(db);
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = out.get(r.table_name) ?? new Set<string>();
    set.add(r.column_name);
    out.set(r.table_name, set);
  }
  return out;
}

/** Rows of a query, each as `to_jsonb(t)`: the query must select `to_jsonb(t) as row`. */
export async function jsonRows(db: Kysely<DB>, query: ReturnType<typeof sql>): Promise<VenueRow[]> {
  const { rows } = await (query as ReturnType<typeof sql<{ row: VenueRow }>>).execute(db);
  return rows.map((r) => r.row);
}

/**
 * Inserts rows as they are (ids kept), skipping those already there (`on conflict do nothing`,
 * any unique key); returns the ids (or first key column) of the rows actually written.
 */
export async function insertRows(
  db: Kysely<DB>,
  table: string,
  rows: readonly VenueRow[],
  columns: Set<string>,
  options: { omit?: readonly string[]; returning?: string } = {},
): Promise<string[]> {
  if (rows.length === 0) return [];
  const keys = new Set<string>();
  for (const row of rows) for (const k of Object.keys(row)) if (columns.has(k) && !options.omit?.includes(k)) keys.add(k);
  const list = sql.join([...keys].map((k) => sql.ref(k)));
  const returning = options.returning ?? (columns.has('id') && !options.omit?.includes('id') ? 'id' : [...keys][0]);
  const out: string[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const part = rows.slice(i, i + 500);
    const { rows: written } = await sql<{ key: string }>`
      insert into ${sql.table(table)} (${list})
      select ${list} from jsonb_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(part)}::jsonb)
      on conflict do nothing
      returning ${sql.ref(returning as string)}::text as key`.execute(db);
    for (const w of written) out.push(w.key);
  }
  return out;
}

/** Moves every serial sequence of the given tables past the largest value now stored. */
export async function advanceSequences(db: Kysely<DB>, tables: readonly string[]): Promise<void> {
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = 'public' and column_default like 'nextval(%' and table_name = any(${[...tables]}::text[])`.execute(db);
  for (const r of rows) {
    await sql`select setval(pg_get_serial_sequence(${r.table_name}, ${r.column_name}),
      greatest((select max(${sql.ref(r.column_name)}) from ${sql.table(r.table_name)}), 1))`.execute(db);
  }
}

/**
 * Keeps a set of tables closed under its foreign keys: a reference to a row the set does not
 * hold is cleared when the column admits null, else the row is dropped (repeated until stable).
 * Tables outside the set are taken as absent, so no reference leaves the file dangling.
 */
export function closeOverReferences(tables: VenueTables, keys: readonly ForeignKey[]): VenueTables {
  const out: VenueTables = Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, rows.map((r) => ({ ...r }))]));
  for (let changed = true; changed; ) {
    changed = false;
    const ids = new Map(Object.entries(out).map(([t, rows]) => [t, new Set(rows.map((r) => String(r.id)))]));
    for (const [table, rows] of Object.entries(out)) {
      const fks = keys.filter((k) => k.table === table);
      if (fks.length === 0) continue;
      const kept = rows.filter((row) => {
        for (const fk of fks) {
          const value = row[fk.column];
          if (value === null || value === undefined) continue;
          if (ids.get(fk.references)?.has(String(value))) continue;
          if (!fk.nullable) return false;
          row[fk.column] = null;
        }
        return true;
      });
      if (kept.length !== rows.length) {
        out[table] = kept;
        changed = true;
      }
    }
  }
  return out;
}
