import { type AssessmentFact, type AssessmentRow, type MapData, relationKey, type MobiliseData } from '@maillage/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema';

import { territoryFamily } from './territory-context';

/** Every assessment involving `organisationId`, with the partner's name and territories. */
export async function assessmentsOf(
  db: Kysely<DB>,
  organisationId: string,
): Promise<{ assessments: AssessmentRow[]; partners: Map<string, { name: string; territoryIds: string[] }> }> {
  const rows = await sql<{
    id: string;
    org_a: string;
    org_b: string;
    on_behalf_of: string;
    level: number;
    assessed_on: string;
    note: string | null;
    assessed_by: string | null;
    seq: number;
  }>`
    select ca.id, ca.org_a, ca.org_b, ca.on_behalf_of, ca.level, ca.assessed_on::text, ca.note, u.display_name as assessed_by, ca.seq
    from cooperation_assessments ca left join users u on u.id = ca.assessed_by
    where ca.org_a = ${organisationId} or ca.org_b = ${organisationId}
    order by ca.assessed_on, ca.seq`.execute(db);
  const partnerIds = [...new Set(rows.rows.map((r) => (r.org_a === organisationId ? r.org_b : r.org_a)))];
  const partners = new Map<string, { name: string; territoryIds: string[] }>();
  if (partnerIds.length) {
    const ps = await sql<{ id: string; name: string; territory_ids: string[] | null }>`
      select o.id, o.name, (select array_agg(territory_id) from organisation_territories ot where ot.organisation_id = o.id) as territory_ids
      from organisations o where o.id = any(${partnerIds}::uuid[])`.execute(db);
    for (const p of ps.rows) partners.set(p.id, { name: p.name, territoryIds: p.territory_ids ?? [] });
  }
  return {
    assessments: rows.rows.map((r) => ({
      id: r.id,
      orgA: r.org_a,
      orgB: r.org_b,
      side: r.on_behalf_of,
      level: r.level,
      assessedOn: r.assessed_on,
      note: r.note,
      assessedBy: r.assessed_by,
      seq: Number(r.seq),
    })),
    partners,
  };
}

/** The full history of one relation, oldest first. */
export async function relationHistory(db: Kysely<DB>, x: string, y: string): Promise<AssessmentRow[]> {
  const [a, b] = relationKey(x, y);
  const rows = await sql<{
    id: string;
    on_behalf_of: string;
    level: number;
    assessed_on: string;
    note: string | null;
    assessed_by: string | null;
    seq: number;
  }>`
    select ca.id, ca.on_behalf_of, ca.level, ca.assessed_on::text, ca.note, u.display_name as assessed_by, ca.seq
    from cooperation_assessments ca left join users u on u.id = ca.assessed_by
    where ca.org_a = ${a} and ca.org_b = ${b} order by ca.assessed_on, ca.seq`.execute(db);
  return rows.rows.map((r) => ({
    id: r.id,
    orgA: a,
    orgB: b,
    side: r.on_behalf_of,
    level: r.level,
    assessedOn: r.assessed_on,
    note: r.note,
    assessedBy: r.assessed_by,
    seq: Number(r.seq),
  }));
}

export interface MapNode {
  id: string;
  name: string;
  kind: string;
  territoryIds: string[];
}

/**
 * The organisations of a territory (and of the territories around and below it), filtered,
 * and the latest assessment of each side of every relation between them as of `at`.
 */
export async function ecosystemGraph(
  db: Kysely<DB>,
  f: { territoryId: string; themeId?: string | undefined; kind?: string | undefined; at: string; current?: boolean },
): Promise<{ nodes: MapNode[]; facts: AssessmentFact[] }> {
  const family = await territoryFamily(db, f.territoryId);
  const nodes = await sql<{ id: string; name: string; kind: string; territory_ids: string[] }>`
    select o.id, o.name, o.kind, array_agg(ot.territory_id) as territory_ids
    from organisations o join organisation_territories ot on ot.organisation_id = o.id
    where o.merged_into is null
      and o.id in (select organisation_id from organisation_territories where territory_id = any(${family}::uuid[]))
      ${f.kind ? sql`and o.kind = ${f.kind}` : sql``}
      ${f.themeId ? sql`and exists (select 1 from organisation_themes y where y.organisation_id = o.id and y.theme_id = ${f.themeId})` : sql``}
    group by o.id`.execute(db);
  // The latest assessment of each side, between two of the nodes: a semi-join on the node set
  // (materialised once) rather than a 2,000-element array, so PostgreSQL hashes it.
  const ids = nodes.rows.map((r) => r.id);
  const facts = !ids.length
    ? { rows: [] }
    : f.current
      ? // Today's state: each side's latest level, kept by a trigger (migration 0031).
        await sql<{ org_a: string; org_b: string; on_behalf_of: string; level: number; assessed_on: string }>`
        with n as materialized (select unnest(${ids}::uuid[]) as id)
        select rs.org_a, rs.org_b, rs.on_behalf_of, rs.level, rs.assessed_on
        from n join relation_sides rs on rs.org_a = n.id
        where rs.org_b in (select id from n)`.execute(db)
      : await sql<{ org_a: string; org_b: string; on_behalf_of: string; level: number; assessed_on: string }>`
        with n as materialized (select unnest(${ids}::uuid[]) as id)
        select distinct on (ca.org_a, ca.org_b, ca.on_behalf_of) ca.org_a, ca.org_b, ca.on_behalf_of, ca.level, ca.assessed_on
        from n join cooperation_assessments ca on ca.org_a = n.id
        where ca.org_b in (select id from n) and ca.assessed_on <= ${f.at}
        order by ca.org_a, ca.org_b, ca.on_behalf_of, ca.assessed_on desc, ca.seq desc`.execute(db);
  return {
    nodes: nodes.rows.map((n) => ({ id: n.id, name: n.name, kind: n.kind, territoryIds: n.territory_ids })),
    facts: facts.rows.map((r) => ({ orgA: r.org_a, orgB: r.org_b, side: r.on_behalf_of, level: r.level, assessedOn: r.assessed_on })),
  };
}

/**
 * The ecosystem map in one round trip: the organisations of a territory (and of the territories
 * around and below it), filtered, and every relation between two of them with each side's latest
 * level as of `at`, by node index. Both lists leave the database as one JSON value each, so
 * 2,000 nodes and 10,000 relations cost one row to transfer and one JSON.parse, not 20,000 rows
 * of uuids to convert.
 */
export async function ecosystemMap(
  db: Kysely<DB>,
  f: { territoryId: string; themeId?: string | undefined; kind?: string | undefined; at: string; current: boolean },
): Promise<MapData> {
  const sides = f.current
    ? // Today's state: each side's latest level, kept by a trigger (migration 0031).
      sql`select rs.org_a, rs.org_b, rs.on_behalf_of, rs.level from relation_sides rs
          where rs.org_a in (select id from n) and rs.org_b in (select id from n)`
    : // An earlier date: each side's latest assessment up to it (index cooperation_assessments_pair).
      sql`select distinct on (ca.org_a, ca.org_b, ca.on_behalf_of) ca.org_a, ca.org_b, ca.on_behalf_of, ca.level
          from cooperation_assessments ca
          where ca.org_a in (select id from n) and ca.org_b in (select id from n) and ca.assessed_on <= ${f.at}
          order by ca.org_a, ca.org_b, ca.on_behalf_of, ca.assessed_on desc, ca.seq desc`;
  const query = sql<MapData>`
    with recursive below(id) as (
      select ${f.territoryId}::uuid
      union select tp.territory_id from territory_parents tp join below on tp.parent_id = below.id
    ), above(id) as (
      select ${f.territoryId}::uuid
      union select tp.parent_id from territory_parents tp join above on tp.territory_id = above.id
    ), family as (select id from below union select id from above),
    n as materialized (
      select o.id, o.name, o.kind, (row_number() over (order by o.id) - 1)::int as i,
        (select array_agg(ot.territory_id) from organisation_territories ot where ot.organisation_id = o.id) as territory_ids
      from organisations o
      where o.merged_into is null
        and o.id in (select organisation_id from organisation_territories where territory_id in (select id from family))
        ${f.kind ? sql`and o.kind = ${f.kind}` : sql``}
        ${f.themeId ? sql`and exists (select 1 from organisation_themes y where y.organisation_id = o.id and y.theme_id = ${f.themeId})` : sql``}
    ), s as (${sides}),
    pairs as (
      select org_a, org_b,
        max(level) filter (where on_behalf_of = org_a)::int as la,
        max(level) filter (where on_behalf_of = org_b)::int as lb
      from s group by org_a, org_b
    )
    select
      coalesce((select json_agg(json_build_array(n.id, n.name, n.kind, n.territory_ids) order by n.i) from n), '[]') as nodes,
      coalesce((select json_agg(json_build_array(na.i, nb.i, p.la, p.lb))
        from pairs p join n na on na.id = p.org_a join n nb on nb.id = p.org_b), '[]') as edges`;
  // The planner cannot know how small the node set is (it guesses 10,000 organisations and
  // 25 million pairs), so PostgreSQL would JIT-compile this query: 640 ms of compilation for
  // 75 ms of work. Without JIT for this one transaction.
  const row = await db.transaction().execute(async (trx) => {
    await sql`set local jit = off`.execute(trx);
    return query.execute(trx);
  });
  const data = row.rows[0] as MapData | undefined;
  return { nodes: data?.nodes ?? [], edges: data?.edges ?? [] };
}

/** Every assessment between organisations of a territory up to `until` (for the dashboard's history). */
export async function territoryAssessments(
  db: Kysely<DB>,
  territoryId: string,
): Promise<{ organisations: { id: string; name: string; kind: string }[]; facts: AssessmentFact[] }> {
  const family = await territoryFamily(db, territoryId);
  const orgs = await sql<{ id: string; name: string; kind: string }>`
    select o.id, o.name, o.kind from organisations o
    where o.merged_into is null and o.id in (select organisation_id from organisation_territories where territory_id = any(${family}::uuid[]))
    order by o.search_key, o.name`.execute(db);
  const ids = orgs.rows.map((o) => o.id);
  const facts = ids.length
    ? await sql<{ org_a: string; org_b: string; on_behalf_of: string; level: number; assessed_on: string; seq: number }>`
        with n as materialized (select unnest(${ids}::uuid[]) as id)
        select ca.org_a, ca.org_b, ca.on_behalf_of, ca.level, ca.assessed_on, ca.seq
        from n join cooperation_assessments ca on ca.org_a = n.id where ca.org_b in (select id from n)`.execute(db)
    : { rows: [] };
  return {
    organisations: orgs.rows,
    facts: facts.rows.map((r) => ({
      orgA: r.org_a,
      orgB: r.org_b,
      side: r.on_behalf_of,
      level: r.level,
      assessedOn: r.assessed_on,
      seq: Number(r.seq),
    })),
  };
}

/** Candidates for "who should we mobilise": organisations and resource people of a territory. */
export async function mobiliseCandidates(db: Kysely<DB>, territoryId: string, themeId: string, today: string): Promise<MobiliseData> {
  const family = await territoryFamily(db, territoryId);
  const theme = await db.selectFrom('eco_themes').select(['label', 'label_key']).where('id', '=', themeId).executeTakeFirst();
  const orgs = await sql<MobiliseData['organisations'][number]>`
    select o.id, o.name, o.kind,
      exists (select 1 from organisation_themes y where y.organisation_id = o.id and y.theme_id = ${themeId}) as has_theme,
      exists (select 1 from organisation_territories z where z.organisation_id = o.id and z.territory_id = ${territoryId}) as on_territory,
      (select count(*) from person_organisations po join people p on p.id = po.person_id
        where po.organisation_id = o.id and p.is_resource and p.erased_at is null
          and (exists (select 1 from person_themes pt where pt.person_id = p.id and pt.theme_id = ${themeId})
               or f_search(coalesce(p.resource_for, '')) like ${`%${theme?.label_key ?? '¤'}%`})) as resource_people
    from organisations o
    where o.merged_into is null and o.id in (select organisation_id from organisation_territories where territory_id = any(${family}::uuid[]))`.execute(
    db,
  );
  const people = await sql<MobiliseData['people'][number]>`
    select p.id, p.name, p.function,
      exists (select 1 from person_themes pt where pt.person_id = p.id and pt.theme_id = ${themeId}) as has_theme,
      f_search(coalesce(p.resource_for, '')) like ${`%${theme?.label_key ?? '¤'}%`} as resource_matches,
      exists (select 1 from person_territories z where z.person_id = p.id and z.territory_id = ${territoryId}) as on_territory,
      (select array_agg(o.name) from person_organisations po join organisations o on o.id = po.organisation_id where po.person_id = p.id) as organisations
    from people p
    where p.is_resource and p.erased_at is null and (
      exists (select 1 from person_territories x where x.person_id = p.id and x.territory_id = any(${family}::uuid[]))
      or exists (select 1 from person_organisations po2 join organisation_territories ot2 on ot2.organisation_id = po2.organisation_id
                 where po2.person_id = p.id and ot2.territory_id = any(${family}::uuid[])))`.execute(db);
  const { facts } = await ecosystemGraph(db, { territoryId, at: today, current: true });
  return { theme: theme?.label ?? null, organisations: orgs.rows, people: people.rows, facts };
}
