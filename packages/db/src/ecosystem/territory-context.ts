import { sql } from 'kysely';
import type { Db } from '../schema';

/** A territory, its descendants (an EPCI's communes and quartiers) and its ancestors. */
export async function territoryFamily(db: Db, territoryId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    with recursive below(id) as (
      select ${territoryId}::uuid
      union
      select tp.territory_id from territory_parents tp join below on tp.parent_id = below.id
    ), above(id) as (
      select ${territoryId}::uuid
      union
      select tp.parent_id from territory_parents tp join above on tp.territory_id = above.id
    )
    select id from below union select id from above`.execute(db);
  return rows.rows.map((r) => r.id);
}

/** A territory and everything below it. */
export async function territoryBelow(db: Db, territoryId: string): Promise<string[]> {
  const rows = await sql<{ id: string }>`
    with recursive below(id) as (
      select ${territoryId}::uuid
      union
      select tp.territory_id from territory_parents tp join below on tp.parent_id = below.id
    ) select id from below`.execute(db);
  return rows.rows.map((r) => r.id);
}

/** A territory by official code (commune, EPCI…) or by slug (custom territories). */
export async function findTerritoryByCode(db: Db, code: string): Promise<{ id: string; name: string; kind: string } | undefined> {
  const byCode = await db
    .selectFrom('territories')
    .select(['id', 'name', 'kind'])
    .where('code', '=', code)
    .where('kind', 'in', ['commune', 'epci', 'arrondissement', 'departement', 'region'])
    .orderBy(sql`case kind when 'commune' then 0 when 'epci' then 1 else 2 end`)
    .executeTakeFirst();
  if (byCode) return byCode;
  return db.selectFrom('territories').select(['id', 'name', 'kind']).where('slug', '=', code).executeTakeFirst();
}

/** The territories and member user ids an organisation's records are judged on (policy context). */
export async function organisationsContext(
  db: Db,
  organisationIds: readonly string[],
): Promise<{ territoryIds: string[]; memberUserIds: string[] }> {
  if (organisationIds.length === 0) return { territoryIds: [], memberUserIds: [] };
  const ids = [...organisationIds];
  const [territories, members] = await Promise.all([
    db.selectFrom('organisation_territories').select('territory_id').distinct().where('organisation_id', 'in', ids).execute(),
    db
      .selectFrom('person_organisations as po')
      .innerJoin('people as p', 'p.id', 'po.person_id')
      .select('p.user_id')
      .distinct()
      .where('po.organisation_id', 'in', ids)
      .where('p.user_id', 'is not', null)
      .execute(),
  ]);
  return { territoryIds: territories.map((t) => t.territory_id), memberUserIds: members.map((m) => m.user_id as string) };
}

/** The territories of a person (theirs and their organisations') and their own account. */
export async function personContext(db: Db, personId: string): Promise<{ territoryIds: string[]; ownerUserId?: string; exists: boolean }> {
  const person = await db.selectFrom('people').select(['user_id']).where('id', '=', personId).executeTakeFirst();
  if (!person) return { territoryIds: [], exists: false };
  const rows = await sql<{ territory_id: string }>`
    select territory_id from person_territories where person_id = ${personId}
    union
    select ot.territory_id from organisation_territories ot
      join person_organisations po on po.organisation_id = ot.organisation_id where po.person_id = ${personId}`.execute(db);
  return { territoryIds: rows.rows.map((r) => r.territory_id), exists: true, ...(person.user_id ? { ownerUserId: person.user_id } : {}) };
}

/** Organisations a user belongs to (through their person record). */
export async function organisationsOfUser(db: Db, userId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('person_organisations as po')
    .innerJoin('people as p', 'p.id', 'po.person_id')
    .select('po.organisation_id')
    .where('p.user_id', '=', userId)
    .execute();
  return new Set(rows.map((r) => r.organisation_id));
}
