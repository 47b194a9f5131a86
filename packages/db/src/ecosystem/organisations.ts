import { compareFrench } from '@maillage/core';
import type { DuplicateSide, OrganisationRecord } from '@maillage/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema';

import { territoryFamily } from './territory-context';

/** One organisation with its territories, themes and people (no contact details). */
export async function getOrganisation(db: Kysely<DB>, id: string): Promise<OrganisationRecord | undefined> {
  const o = await db
    .selectFrom('organisations as o')
    .leftJoin('territories as c', 'c.id', 'o.commune_id')
    .selectAll('o')
    .select(['c.name as commune_name'])
    .where('o.id', '=', id)
    .executeTakeFirst();
  if (!o) return undefined;
  const [territories, themes, people] = await Promise.all([
    db
      .selectFrom('organisation_territories as ot')
      .innerJoin('territories as t', 't.id', 'ot.territory_id')
      .select(['t.id', 't.name', 't.kind'])
      .where('ot.organisation_id', '=', id)
      .orderBy('t.search_name')
      .orderBy('t.name')
      .execute(),
    db
      .selectFrom('organisation_themes as ot')
      .innerJoin('eco_themes as t', 't.id', 'ot.theme_id')
      .select(['t.id', 't.label'])
      .where('ot.organisation_id', '=', id)
      .orderBy('t.label_key')
      .orderBy('t.label')
      .execute(),
    db
      .selectFrom('person_organisations as po')
      .innerJoin('people as p', 'p.id', 'po.person_id')
      .select(['p.id', 'p.name', 'p.function', 'p.is_resource', 'p.resource_for', 'p.user_id'])
      .where('po.organisation_id', '=', id)
      .where('p.erased_at', 'is', null)
      .orderBy('p.search_key')
      .orderBy('p.name')
      .execute(),
  ]);
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    siren: o.siren,
    siret: o.siret,
    rna: o.rna,
    commune: o.commune_id && o.commune_name ? { id: o.commune_id, name: o.commune_name } : null,
    description: o.description,
    address: o.address,
    website: o.website,
    publicEmail: o.public_email,
    publicPhone: o.public_phone,
    mergedInto: o.merged_into,
    version: o.version,
    territories,
    themes,
    people: people.map((p) => ({
      id: p.id,
      name: p.name,
      function: p.function,
      isResource: p.is_resource,
      resourceFor: p.resource_for,
      userId: p.user_id,
    })),
  };
}

/**
 * Probable duplicates among a territory's organisations (same SIREN, or same normalised name in
 * the same commune), each pair once, with what each side holds (what a merge would move).
 */
export async function probableDuplicates(
  db: Kysely<DB>,
  territoryId: string,
): Promise<{ a: DuplicateSide; b: DuplicateSide; reason: 'same_siren' | 'same_name_and_commune' }[]> {
  const family = await territoryFamily(db, territoryId);
  const pairs = await sql<{ a: string; b: string; same_siren: boolean }>`
    with o as materialized (
      select o.id, o.name_key, o.siren, o.commune_id from organisations o
      where o.merged_into is null and o.id in (select organisation_id from organisation_territories where territory_id = any(${family}::uuid[])))
    select x.id as a, y.id as b, coalesce(x.siren = y.siren, false) as same_siren
    from o x join o y on x.id < y.id
      and ((x.siren is not null and x.siren = y.siren) or (x.name_key = y.name_key and x.commune_id = y.commune_id))
    limit 200`.execute(db);
  const ids = [...new Set(pairs.rows.flatMap((p) => [p.a, p.b]))];
  if (!ids.length) return [];
  const sides = await sql<DuplicateSide>`
    select o.id, o.name, o.kind, o.siren, c.name as commune,
      (select count(*)::int from person_organisations po where po.organisation_id = o.id) as people,
      (select count(distinct (rs.org_a, rs.org_b))::int from relation_sides rs where rs.org_a = o.id or rs.org_b = o.id) as relations,
      (select count(*)::int from organisation_themes ot where ot.organisation_id = o.id) as themes
    from organisations o left join territories c on c.id = o.commune_id where o.id = any(${ids}::uuid[])`.execute(db);
  const byId = new Map(sides.rows.map((r) => [r.id, r]));
  return pairs.rows
    .map((p) => ({
      a: byId.get(p.a) as DuplicateSide,
      b: byId.get(p.b) as DuplicateSide,
      reason: p.same_siren ? ('same_siren' as const) : ('same_name_and_commune' as const),
    }))
    .sort((x, y) => compareFrench(x.a.name, y.a.name));
}
