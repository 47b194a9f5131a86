import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import type { DB } from '../schema';
import { availableTestStores, openTestStore } from '../testing';
import type { PersonalDataDeclaration } from './declaration';
import { personalDataRegistry } from './registry';

/** Tables whose rows stand for a person, directly or through her registration or her participation. */
const PERSON_TABLES = ['people', 'event_registrations', 'live_participants'];

/**
 * Reads the database catalogue for what names a person, and answers what no declaration covers:
 * every column referencing one of `PERSON_TABLES`, every column named like `person_id`
 * (`person_a`…), and every table holding an e-mail or a displayed name.
 */
async function undeclared(db: Kysely<DB>, registry: readonly PersonalDataDeclaration[]) {
  const references = await sql<{ table_name: string; column_name: string }>`
    select kcu.table_name, kcu.column_name
    from information_schema.table_constraints tc
    join information_schema.key_column_usage kcu
      on kcu.constraint_schema = tc.constraint_schema and kcu.constraint_name = tc.constraint_name
    join information_schema.constraint_column_usage ccu
      on ccu.constraint_schema = tc.constraint_schema and ccu.constraint_name = tc.constraint_name
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = current_schema()
      and ccu.table_name = any(${PERSON_TABLES}::text[])
    union
    select c.table_name, c.column_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.column_name ~ '(^|_)person(_|$)'`.execute(db);
  const holders = await sql<{ table_name: string }>`
    select distinct c.table_name
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.column_name in ('email', 'display_name')`.execute(db);
  const declared = registry.flatMap((d) => d.holds);
  const columns = new Set(declared.flatMap((h) => h.columns.map((c) => `${h.table}.${c}`)));
  const tables = new Set(declared.map((h) => h.table));
  return [
    ...references.rows.map((r) => `${r.table_name}.${r.column_name}`).filter((c) => !columns.has(c)),
    ...holders.rows.map((r) => r.table_name).filter((t) => !tables.has(t)),
  ].sort();
}

class Rollback extends Error {}

describe.each(availableTestStores())('personal data registry on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('has a declaration for every table and column of the catalogue that names a person', async () => {
    expect(await undeclared(store.db, personalDataRegistry)).toEqual([]);
  });

  it('declares only tables and columns that exist', async () => {
    const existing = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns where table_schema = current_schema()`.execute(store.db);
    const known = new Set(existing.rows.map((r) => `${r.table_name}.${r.column_name}`));
    const declared = personalDataRegistry.flatMap((d) => d.holds.flatMap((h) => h.columns.map((c) => `${h.table}.${c}`)));
    expect(declared.filter((c) => !known.has(c))).toEqual([]);
  });

  it('fails for a new table with a person reference, a registration reference or an e-mail, until it is declared', async () => {
    let found: string[] = [];
    await store.db
      .transaction()
      .execute(async (trx) => {
        await sql`create table pathway_steps (id serial primary key, person_id uuid references people (id), note text)`.execute(trx);
        await sql`create table call_applicants (id serial primary key, registration uuid references event_registrations (id))`.execute(trx);
        await sql`create table evaluation_contacts (id serial primary key, email text not null)`.execute(trx);
        found = await undeclared(trx, personalDataRegistry);
        const withDeclaration: PersonalDataDeclaration = {
          capability: 'pathways',
          holds: [{ table: 'pathway_steps', columns: ['person_id'], what: 'test' }],
          locate: async () => {},
          export: async () => ({}),
          erase: async () => ({ counts: {} }),
        };
        expect(await undeclared(trx, [...personalDataRegistry, withDeclaration])).toEqual([
          'call_applicants.registration',
          'evaluation_contacts',
        ]);
        throw new Rollback();
      })
      .catch((error) => {
        if (!(error instanceof Rollback)) throw error;
      });
    expect(found).toEqual(['call_applicants.registration', 'evaluation_contacts', 'pathway_steps.person_id']);
  });
});
