import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../client';
import { migrate, readMigrations } from '../migrate';

/** Migration 0101 on a database holding collectives made before it: every row kept and completed. */
describe('collectives workspace migration (0101) over existing collectives', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore({ kind: 'pglite-memory' });
    await migrate(
      store.db,
      readMigrations().filter((m) => m.version <= 100),
    );
  }, 180_000);
  afterAll(async () => {
    await store?.close();
  });

  it('gives each seat an id, its organisation from the person and the collective’s date, and each collective a first line of history', async () => {
    const db = store.db;
    const t = await sql<{
      id: string;
    }>`insert into territories (kind, name, slug) values ('commune', 'Ancienne', 'ancienne') returning id`.execute(db);
    const territoryId = t.rows[0]!.id;
    const org = await sql<{ id: string }>`
      insert into organisations (name, search_key, name_key, kind) values ('Centre social', 'centre social', 'centre social', 'centre_social') returning id`.execute(
      db,
    );
    const person = await sql<{ id: string }>`insert into people (name, search_key) values ('Awa', 'awa') returning id`.execute(db);
    await sql`insert into person_organisations (person_id, organisation_id) values (${person.rows[0]!.id}, ${org.rows[0]!.id})`.execute(db);
    const c = await sql<{ id: string }>`
      insert into collectives (territory_id, name, created_at) values (${territoryId}, 'Collectif d’avant', '2026-03-12T10:00:00Z') returning id`.execute(
      db,
    );
    const collectiveId = c.rows[0]!.id;
    await sql`insert into collective_members (collective_id, position, display_name, person_id) values
      (${collectiveId}, 0, 'Awa', ${person.rows[0]!.id}), (${collectiveId}, 1, 'Basile', null)`.execute(db);

    expect(await migrate(store.db)).toContain(101);

    const seats = await db
      .selectFrom('collective_members')
      .selectAll()
      .where('collective_id', '=', collectiveId)
      .orderBy('position')
      .execute();
    expect(seats).toHaveLength(2);
    expect(seats.every((s) => /^[0-9a-f-]{36}$/.test(s.id))).toBe(true);
    expect(seats.map((s) => [s.display_name, s.organisation_name, s.joined_at.toISOString(), s.left_at, s.roles])).toEqual([
      ['Awa', 'Centre social', '2026-03-12T10:00:00.000Z', null, []],
      ['Basile', null, '2026-03-12T10:00:00.000Z', null, []],
    ]);
    const history = await db
      .selectFrom('collective_history')
      .select(['kind', 'summary'])
      .where('collective_id', '=', collectiveId)
      .execute();
    expect(history).toEqual([{ kind: 'created', summary: 'a créé le collectif' }]);
  });
});
