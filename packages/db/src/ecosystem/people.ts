import { relationKey } from '@maillage/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema';

export async function getPerson(db: Kysely<DB>, id: string) {
  const p = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) return undefined;
  const [organisations, territories, themes] = await Promise.all([
    db
      .selectFrom('person_organisations as po')
      .innerJoin('organisations as o', 'o.id', 'po.organisation_id')
      .select(['o.id', 'o.name'])
      .where('po.person_id', '=', id)
      .execute(),
    db
      .selectFrom('person_territories as pt')
      .innerJoin('territories as t', 't.id', 'pt.territory_id')
      .select(['t.id', 't.name', 't.kind'])
      .where('pt.person_id', '=', id)
      .execute(),
    db
      .selectFrom('person_themes as pt')
      .innerJoin('eco_themes as t', 't.id', 'pt.theme_id')
      .select(['t.id', 't.label'])
      .where('pt.person_id', '=', id)
      .execute(),
  ]);
  return {
    id: p.id,
    name: p.name,
    function: p.function,
    isResource: p.is_resource,
    resourceFor: p.resource_for,
    userId: p.user_id,
    erased: p.erased_at !== null,
    contact: { email: p.email, phone: p.phone, consent: p.contact_consent, consentOn: p.contact_consent_on },
    organisations,
    territories,
    themes,
  };
}

/** Records that two people know each other (declared, or met at an event's table). */
export async function addAcquaintance(
  db: Kysely<DB>,
  x: string,
  y: string,
  source: 'declared' | 'event',
  options: { sourceRef?: string; declaredBy?: string | null; metOn?: string | null } = {},
): Promise<void> {
  const [a, b] = relationKey(x, y);
  await db
    .insertInto('acquaintances')
    .values({
      person_a: a,
      person_b: b,
      source,
      source_ref: options.sourceRef ?? '',
      declared_by: options.declaredBy ?? null,
      met_on: options.metOn ?? null,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/**
 * Pairs among `personIds` who already know each other (declared, same organisation, same table
 * at an event): what the mixing solver reads as known pairs.
 */
export async function knownPairs(db: Kysely<DB>, personIds: readonly string[]): Promise<[string, string][]> {
  if (personIds.length < 2) return [];
  const rows = await sql<{ person_a: string; person_b: string }>`
    select distinct person_a, person_b from known_pairs
    where person_a = any(${[...personIds]}::uuid[]) and person_b = any(${[...personIds]}::uuid[])`.execute(db);
  return rows.rows.map((r) => [r.person_a, r.person_b]);
}

/** The people a person knows (declared, or met at an event), named, most recent first. */
export async function acquaintancesOf(
  db: Kysely<DB>,
  personId: string,
): Promise<{ id: string; name: string; source: 'declared' | 'event'; metOn: string | null }[]> {
  const rows = await sql<{ id: string; name: string; source: 'declared' | 'event'; met_on: string | null }>`
    select * from (
      select distinct on (o.id) o.id, o.name, o.search_key, a.source, a.met_on::text from acquaintances a
      join people o on o.id = case when a.person_a = ${personId} then a.person_b else a.person_a end
      where (a.person_a = ${personId} or a.person_b = ${personId}) and o.erased_at is null
      order by o.id, a.met_on desc nulls last) k
    order by k.met_on desc nulls last, k.search_key, k.name`.execute(db);
  return rows.rows.map((r) => ({ id: r.id, name: r.name, source: r.source, metOn: r.met_on }));
}
