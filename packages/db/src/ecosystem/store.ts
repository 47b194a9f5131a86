import {
  type AssessmentFact,
  type AssessmentRow,
  type DirectoryFilters,
  type DirectoryOrganisation,
  type DirectoryPerson,
  type DuplicateSide,
  type MapData,
  type OrganisationRecord,
  type OrganisationDraft,
  organisationNameKey,
  type PersonDraft,
  type PersonLookups,
  relationKey,
  searchKey,
} from '@maillage/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../schema';

export type {
  AssessmentRow,
  DirectoryFilters,
  DirectoryOrganisation,
  DirectoryPerson,
  DuplicateSide,
  MapData,
  OrganisationRecord,
} from '@maillage/core';
import { insertPersonRow } from './rows';

type Db = Kysely<DB> | Transaction<DB>;

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

// ---------------------------------------------------------------------------------------------
// Reads

/**
 * The directory: organisations and people matching `q` (accent- and case-insensitive, with
 * trigram similarity for small typos), best matches first.
 */
export async function searchDirectory(
  db: Kysely<DB>,
  f: DirectoryFilters,
): Promise<{ organisations: DirectoryOrganisation[]; people: DirectoryPerson[] }> {
  const key = searchKey(f.q);
  const likeOf = (k: string) => `%${k.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const territoryIds = f.territoryIds ? [...f.territoryIds] : null;
  /** What a pass looks for: the substring (and its prefix, ranked first), or each of its words. */
  type Pattern = { readonly like: string; readonly prefix: string; readonly words: readonly string[] };
  const patternOf = (k: string): Pattern => ({ like: likeOf(k), prefix: `${k}%`, words: k.split(' ').filter(Boolean).map(likeOf) });
  const typed = patternOf(key);
  type Mode = 'all' | 'like' | 'words' | 'fuzzy';
  // Passes, cheapest first, until one finds something: the substring (a trigram-indexed LIKE);
  // every word in any order; the same two with each unknown word corrected to the closest word of
  // the directory (a small table); only then, when some word is unknown to the directory, the
  // fuzzy pass over every name (word similarity), the expensive one.
  const passes = async <T extends { id: string }>(
    run: (mode: Mode, limit: number, pattern: Pattern) => Promise<T[]>,
    corrected: () => Promise<{ pattern: Pattern | null; allKnown: boolean }>,
  ): Promise<T[]> => {
    if (!key) return run('all', f.limit, typed);
    const found = await run('like', f.limit, typed);
    if (found.length > 0 || key.length < 3) return found;
    if (typed.words.length > 1) {
      const anyOrder = await run('words', f.limit, typed);
      if (anyOrder.length > 0) return anyOrder;
    }
    const { pattern: fixed, allKnown } = await corrected();
    if (fixed) {
      for (const mode of ['like', 'words'] as const) {
        if (mode === 'words' && fixed.words.length < 2) continue;
        const byCorrection = await run(mode, f.limit, fixed);
        if (byCorrection.length > 0) return byCorrection;
      }
    }
    return allKnown ? [] : run('fuzzy', f.limit, typed);
  };
  // The fuzzy test is written `column %> key`, the form the trigram index answers: the same
  // test as `key <% column`, but PostgreSQL then computes the similarity once per candidate
  // (index recheck) instead of again as a filter.
  const match = (column: string, mode: Mode, pattern: Pattern) => {
    if (mode === 'all') return sql``;
    if (mode === 'like') return sql`and ${sql.ref(column)} like ${pattern.like}`;
    if (mode === 'words')
      return sql.join(
        pattern.words.map((w) => sql`and ${sql.ref(column)} like ${w}`),
        sql` `,
      );
    return sql`and ${sql.ref(column)} %> ${key}`;
  };
  const order = (column: string, mode: Mode, pattern: Pattern) =>
    mode === 'like'
      ? sql`case when ${sql.ref(column)} like ${pattern.prefix} then 0 else 1 end,`
      : mode === 'fuzzy'
        ? sql`word_similarity(${key}, ${sql.ref(column)}) desc,`
        : sql``;
  return db.transaction().execute(async (trx) => {
    // Typo tolerance: a lower threshold than the default 0.6 lets "pasrelle" find "passerelle".
    await sql`set local pg_trgm.word_similarity_threshold = 0.45`.execute(trx);
    // Each word of 4 letters or more that no name holds, replaced by the closest word that one
    // does ("pasrelle" → "passerelle"); computed once, when a pass first needs it.
    let correction: Promise<{ pattern: Pattern | null; allKnown: boolean }> | undefined;
    const corrected = () => {
      correction ??= (async () => {
        const words = key.split(' ');
        const long = words.filter((w) => w.length >= 4);
        if (long.length === 0) return { pattern: null, allKnown: false };
        const known = new Set(
          (await sql<{ word: string }>`select word from search_words where word = any(${long}::text[])`.execute(trx)).rows.map(
            (r) => r.word,
          ),
        );
        if (long.every((w) => known.has(w))) return { pattern: null, allKnown: true };
        let changed = false;
        const out: string[] = [];
        for (const w of words) {
          if (w.length < 4 || known.has(w)) {
            out.push(w);
            continue;
          }
          const best = await sql<{ word: string }>`
            select word from search_words where word % ${w} order by similarity(word, ${w}) desc, word limit 1`.execute(trx);
          const word = best.rows[0]?.word ?? w;
          changed ||= word !== w;
          out.push(word);
        }
        return { pattern: changed ? patternOf(out.join(' ')) : null, allKnown: false };
      })();
      return correction;
    };
    const organisations = f.resource
      ? []
      : await passes(
          async (mode, limit, pattern) =>
            (
              await sql<{ id: string; name: string; kind: string; commune: string | null; themes: string[] | null }>`
            select o.id, o.name, o.kind, c.name as commune,
              (select array_agg(t.label order by t.label) from organisation_themes ot join eco_themes t on t.id = ot.theme_id where ot.organisation_id = o.id) as themes
            from organisations o left join territories c on c.id = o.commune_id
            where o.merged_into is null ${match('o.search_key', mode, pattern)}
              ${f.kind ? sql`and o.kind = ${f.kind}` : sql``}
              ${territoryIds ? sql`and exists (select 1 from organisation_territories x where x.organisation_id = o.id and x.territory_id = any(${territoryIds}::uuid[]))` : sql``}
              ${f.themeId ? sql`and exists (select 1 from organisation_themes y where y.organisation_id = o.id and y.theme_id = ${f.themeId})` : sql``}
            order by ${order('o.search_key', mode, pattern)} o.name
            limit ${limit}`.execute(trx)
            ).rows.map((r) => ({ ...r, themes: r.themes ?? [] })),
          corrected,
        );
    const people = f.kind
      ? []
      : await passes(
          async (mode, limit, pattern) =>
            (
              await sql<{
                id: string;
                name: string;
                function: string | null;
                is_resource: boolean;
                resource_for: string | null;
                organisations: string[] | null;
              }>`
            select p.id, p.name, p.function, p.is_resource, p.resource_for,
              (select array_agg(o.name order by o.name) from person_organisations po join organisations o on o.id = po.organisation_id where po.person_id = p.id) as organisations
            from people p
            where p.erased_at is null ${match('p.search_key', mode, pattern)}
              ${f.resource ? sql`and p.is_resource` : sql``}
              ${territoryIds ? sql`and (exists (select 1 from person_territories x where x.person_id = p.id and x.territory_id = any(${territoryIds}::uuid[])) or exists (select 1 from person_organisations po2 join organisation_territories ot2 on ot2.organisation_id = po2.organisation_id where po2.person_id = p.id and ot2.territory_id = any(${territoryIds}::uuid[])))` : sql``}
              ${f.themeId ? sql`and exists (select 1 from person_themes y where y.person_id = p.id and y.theme_id = ${f.themeId})` : sql``}
            order by ${order('p.search_key', mode, pattern)} p.name
            limit ${limit}`.execute(trx)
            ).rows.map((r) => ({
              id: r.id,
              name: r.name,
              function: r.function,
              isResource: r.is_resource,
              resourceFor: r.resource_for,
              organisations: r.organisations ?? [],
            })),
          corrected,
        );
    return { organisations, people };
  });
}

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
      .orderBy('t.name')
      .execute(),
    db
      .selectFrom('organisation_themes as ot')
      .innerJoin('eco_themes as t', 't.id', 'ot.theme_id')
      .select(['t.id', 't.label'])
      .where('ot.organisation_id', '=', id)
      .orderBy('t.label')
      .execute(),
    db
      .selectFrom('person_organisations as po')
      .innerJoin('people as p', 'p.id', 'po.person_id')
      .select(['p.id', 'p.name', 'p.function', 'p.is_resource', 'p.resource_for', 'p.user_id'])
      .where('po.organisation_id', '=', id)
      .where('p.erased_at', 'is', null)
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
    order by o.name`.execute(db);
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
export async function mobiliseCandidates(db: Kysely<DB>, territoryId: string, themeId: string, today: string) {
  const family = await territoryFamily(db, territoryId);
  const theme = await db.selectFrom('eco_themes').select(['label', 'label_key']).where('id', '=', themeId).executeTakeFirst();
  const orgs = await sql<{ id: string; name: string; kind: string; has_theme: boolean; on_territory: boolean; resource_people: number }>`
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
  const people = await sql<{
    id: string;
    name: string;
    function: string | null;
    has_theme: boolean;
    resource_matches: boolean;
    on_territory: boolean;
    organisations: string[] | null;
  }>`
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

// ---------------------------------------------------------------------------------------------
// Imports

/**
 * What an import checks a file against: the territory's places, the themes, existing
 * organisations. Without a territory (a dry run), every commune of France by code or name, and
 * every organisation.
 */
export async function importLookups(db: Kysely<DB>, territoryId: string | null): Promise<PersonLookups> {
  const below = territoryId ? await territoryBelow(db, territoryId) : null;
  const family = territoryId ? await territoryFamily(db, territoryId) : null;
  const [places, themes, orgs] = await Promise.all([
    below
      ? db.selectFrom('territories').select(['id', 'code', 'slug', 'name']).where('id', 'in', below).execute()
      : db.selectFrom('territories').select(['id', 'code', 'slug', 'name']).where('kind', 'in', ['commune', 'arrondissement']).execute(),
    db
      .selectFrom('eco_themes')
      .select(['id', 'label_key', 'territory_id'])
      .where((eb) => (family ? eb.or([eb('territory_id', 'is', null), eb('territory_id', 'in', family)]) : eb('territory_id', 'is', null)))
      .execute(),
    sql<{ id: string; name: string; siren: string | null; siret: string | null; commune_id: string | null }>`
      select o.id, o.name, o.siren, o.siret, o.commune_id from organisations o
      where o.merged_into is null
        ${family ? sql`and o.id in (select organisation_id from organisation_territories where territory_id = any(${family}::uuid[]))` : sql``}`.execute(
      db,
    ),
  ]);
  const placeIndex = new Map<string, string>();
  for (const p of places) {
    if (p.code) placeIndex.set(p.code.toLowerCase(), p.id);
    placeIndex.set(p.slug.toLowerCase(), p.id);
    if (!placeIndex.has(searchKey(p.name))) placeIndex.set(searchKey(p.name), p.id);
  }
  const themeIndex = new Map(themes.map((t) => [t.label_key, t.id]));
  const orgIndex = new Map<string, string>();
  for (const o of orgs.rows) {
    orgIndex.set(organisationNameKey(o.name), o.id);
    if (o.siren) orgIndex.set(o.siren, o.id);
    if (o.siret) orgIndex.set(o.siret, o.id);
  }
  const lookups: PersonLookups = {
    territoryId: territoryId ?? '',
    territory: (v) => placeIndex.get(v.trim().toLowerCase()) ?? placeIndex.get(searchKey(v)) ?? null,
    theme: (label) => themeIndex.get(searchKey(label)) ?? null,
    organisations: orgs.rows.map((o) => ({ id: o.id, name: o.name, siren: o.siren, communeId: o.commune_id })),
    organisation: (v) => orgIndex.get(v.replace(/[\s.]/g, '')) ?? orgIndex.get(organisationNameKey(v)) ?? null,
  };
  return lookups;
}

/**
 * Finds the people already in the store that an imported line probably is (same e-mail, or same
 * name in the same organisation), among the people of the territory (or everyone, for a dry
 * run without territory). Two indexes, so a 5,000-line file costs two lookups per line.
 */
export async function existingPeopleIndex(
  db: Kysely<DB>,
  territoryId: string | null,
): Promise<NonNullable<PersonLookups['existingPerson']>> {
  const family = territoryId ? await territoryFamily(db, territoryId) : null;
  const rows = await sql<{ id: string; name: string; search_key: string; email: string | null; organisation_ids: string[] | null }>`
    select p.id, p.name, p.search_key, lower(p.email) as email,
      (select array_agg(po.organisation_id) from person_organisations po where po.person_id = p.id) as organisation_ids
    from people p
    where p.erased_at is null
      ${
        family
          ? sql`and (exists (select 1 from person_territories x where x.person_id = p.id and x.territory_id = any(${family}::uuid[]))
             or exists (select 1 from person_organisations po2 join organisation_territories ot2 on ot2.organisation_id = po2.organisation_id
                        where po2.person_id = p.id and ot2.territory_id = any(${family}::uuid[])))`
          : sql``
      }`.execute(db);
  const byEmail = new Map<string, { id: string; name: string }>();
  const byNameInOrganisation = new Map<string, { id: string; name: string }>();
  for (const r of rows.rows) {
    if (r.email && !byEmail.has(r.email)) byEmail.set(r.email, r);
    for (const o of r.organisation_ids ?? []) byNameInOrganisation.set(`${r.search_key}|${o}`, r);
  }
  return ({ nameKey, email, organisationIds }) => {
    const sameEmail = email ? byEmail.get(email.toLowerCase()) : undefined;
    if (sameEmail) return { id: sameEmail.id, name: sameEmail.name, reason: 'same_email' };
    for (const o of organisationIds) {
      const sameName = byNameInOrganisation.get(`${nameKey}|${o}`);
      if (sameName) return { id: sameName.id, name: sameName.name, reason: 'same_name_and_organisation' };
    }
    return null;
  };
}

/** Writes the organisations of a confirmed import, all or none (one transaction). */
export async function writeOrganisationImport(
  db: Kysely<DB>,
  rows: readonly OrganisationDraft[],
  options: { importDuplicates: boolean; actorUserId: string | null; territoryId: string },
): Promise<{ created: number; skipped: number }> {
  return db.transaction().execute(async (trx) => {
    let created = 0;
    let skipped = 0;
    const batch: OrganisationDraft[] = [];
    for (const row of rows) {
      if (row.duplicateOf.length && !options.importDuplicates) skipped++;
      else batch.push(row);
    }
    // Batched inserts: 5,000 lines in a few statements, not 15,000 round trips.
    for (let i = 0; i < batch.length; i += 500) {
      const chunk = batch.slice(i, i + 500);
      const inserted = await trx
        .insertInto('organisations')
        .values(
          chunk.map((r) => ({
            name: r.name,
            search_key: searchKey(r.name),
            name_key: organisationNameKey(r.name),
            kind: r.kind,
            siren: r.siren,
            siret: r.siret,
            rna: r.rna,
            commune_id: r.communeId,
            description: r.description,
            address: r.address,
            website: r.website,
            public_email: r.publicEmail,
            public_phone: r.publicPhone,
            created_by: options.actorUserId,
          })),
        )
        .returning('id')
        .execute();
      const territories = chunk.flatMap((r, j) =>
        r.territoryIds.map((territory_id) => ({ organisation_id: inserted[j]?.id as string, territory_id })),
      );
      const themes = chunk.flatMap((r, j) => r.themeIds.map((theme_id) => ({ organisation_id: inserted[j]?.id as string, theme_id })));
      if (territories.length)
        await trx
          .insertInto('organisation_territories')
          .values(territories)
          .onConflict((oc) => oc.doNothing())
          .execute();
      if (themes.length)
        await trx
          .insertInto('organisation_themes')
          .values(themes)
          .onConflict((oc) => oc.doNothing())
          .execute();
      created += chunk.length;
    }
    await trx
      .insertInto('audit_log')
      .values({
        actor_user_id: options.actorUserId,
        action: 'ecosystem.import',
        entity_type: 'territory',
        entity_id: options.territoryId,
        details: JSON.stringify({ kind: 'organisations', created, skipped }),
      })
      .execute();
    return { created, skipped };
  });
}

/** Writes the people of a confirmed import, all or none. */
export async function writePeopleImport(
  db: Kysely<DB>,
  rows: readonly PersonDraft[],
  options: { importDuplicates: boolean; actorUserId: string | null; territoryId: string },
): Promise<{ created: number; skipped: number }> {
  return db.transaction().execute(async (trx) => {
    let created = 0;
    let skipped = 0;
    for (const row of rows) {
      if (row.duplicateOf.length && !options.importDuplicates) {
        skipped++;
        continue;
      }
      await insertPersonRow(trx, row, options.actorUserId);
      created++;
    }
    await trx
      .insertInto('audit_log')
      .values({
        actor_user_id: options.actorUserId,
        action: 'ecosystem.import',
        entity_type: 'territory',
        entity_id: options.territoryId,
        details: JSON.stringify({ kind: 'people', created, skipped }),
      })
      .execute();
    return { created, skipped };
  });
}

// ---------------------------------------------------------------------------------------------
// People: contact, own data, erasure, acquaintances

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

/** Themes usable on a territory: the shared list and those added on it or its ancestors. */
export async function listThemes(db: Kysely<DB>, territoryId?: string) {
  const family = territoryId ? await territoryFamily(db, territoryId) : [];
  return db
    .selectFrom('eco_themes')
    .select(['id', 'label', 'territory_id as territoryId'])
    .where((eb) =>
      family.length ? eb.or([eb('territory_id', 'is', null), eb('territory_id', 'in', family)]) : eb('territory_id', 'is', null),
    )
    .orderBy('label')
    .execute();
}

export async function addTheme(
  db: Kysely<DB>,
  territoryId: string,
  label: string,
  actorUserId: string | null,
): Promise<{ id: string } | 'exists'> {
  const key = searchKey(label);
  const family = await territoryFamily(db, territoryId);
  const existing = await db
    .selectFrom('eco_themes')
    .select('id')
    .where('label_key', '=', key)
    .where((eb) => eb.or([eb('territory_id', 'is', null), eb('territory_id', 'in', family)]))
    .executeTakeFirst();
  if (existing) return 'exists';
  return db
    .insertInto('eco_themes')
    .values({ label, label_key: key, territory_id: territoryId, created_by: actorUserId })
    .returning('id')
    .executeTakeFirstOrThrow();
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
  const sides = await sql<{
    id: string;
    name: string;
    kind: string;
    siren: string | null;
    commune: string | null;
    people: number;
    relations: number;
    themes: number;
  }>`
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
    .sort((x, y) => x.a.name.localeCompare(y.a.name, 'fr'));
}

/** The people a person knows (declared, or met at an event), named, most recent first. */
export async function acquaintancesOf(
  db: Kysely<DB>,
  personId: string,
): Promise<{ id: string; name: string; source: 'declared' | 'event'; metOn: string | null }[]> {
  const rows = await sql<{ id: string; name: string; source: 'declared' | 'event'; met_on: string | null }>`
    select * from (
      select distinct on (o.id) o.id, o.name, a.source, a.met_on::text from acquaintances a
      join people o on o.id = case when a.person_a = ${personId} then a.person_b else a.person_a end
      where (a.person_a = ${personId} or a.person_b = ${personId}) and o.erased_at is null
      order by o.id, a.met_on desc nulls last) k
    order by k.met_on desc nulls last, k.name`.execute(db);
  return rows.rows.map((r) => ({ id: r.id, name: r.name, source: r.source, metOn: r.met_on }));
}

/** Organisations and people of a territory, for exports (contact details filtered by the caller). */
export async function territoryExport(db: Kysely<DB>, territoryId: string) {
  const family = await territoryFamily(db, territoryId);
  const organisations = await sql<{
    id: string;
    name: string;
    kind: string;
    siren: string | null;
    siret: string | null;
    rna: string | null;
    commune: string | null;
    description: string | null;
    address: string | null;
    website: string | null;
    public_email: string | null;
    public_phone: string | null;
    territories: string[] | null;
    themes: string[] | null;
    territory_ids: string[] | null;
  }>`
    select o.id, o.name, o.kind, o.siren, o.siret, o.rna, c.name as commune, o.description, o.address, o.website, o.public_email, o.public_phone,
      (select array_agg(t.name order by t.name) from organisation_territories ot join territories t on t.id = ot.territory_id where ot.organisation_id = o.id) as territories,
      (select array_agg(ot.territory_id) from organisation_territories ot where ot.organisation_id = o.id) as territory_ids,
      (select array_agg(t.label order by t.label) from organisation_themes ot join eco_themes t on t.id = ot.theme_id where ot.organisation_id = o.id) as themes
    from organisations o left join territories c on c.id = o.commune_id
    where o.merged_into is null and o.id in (select organisation_id from organisation_territories where territory_id = any(${family}::uuid[]))
    order by o.name`.execute(db);
  const people = await sql<{
    id: string;
    name: string;
    function: string | null;
    is_resource: boolean;
    resource_for: string | null;
    email: string | null;
    phone: string | null;
    contact_consent_on: string | null;
    user_id: string | null;
    organisations: string[] | null;
    territory_ids: string[] | null;
  }>`
    select p.id, p.name, p.function, p.is_resource, p.resource_for, p.email, p.phone, p.contact_consent_on::text, p.user_id,
      (select array_agg(o.name order by o.name) from person_organisations po join organisations o on o.id = po.organisation_id where po.person_id = p.id) as organisations,
      (select array_agg(x) from (select territory_id as x from person_territories where person_id = p.id
        union select ot.territory_id from person_organisations po join organisation_territories ot on ot.organisation_id = po.organisation_id where po.person_id = p.id) s) as territory_ids
    from people p
    where p.erased_at is null and (
      exists (select 1 from person_territories x where x.person_id = p.id and x.territory_id = any(${family}::uuid[]))
      or exists (select 1 from person_organisations po2 join organisation_territories ot2 on ot2.organisation_id = po2.organisation_id
                 where po2.person_id = p.id and ot2.territory_id = any(${family}::uuid[])))
    order by p.name`.execute(db);
  return { organisations: organisations.rows, people: people.rows };
}
