import type { TerritoriesRepo, TerritoryDetail, TerritoryKind, TerritorySummary } from '@maillage/core';
import { compareFrench, searchKey, territoryKinds } from '@maillage/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import { withAudit } from '../accounts/store';
import type { DB } from '../schema';
import type { TerritoriesTable } from './tables';

type SummaryRow = Pick<
  Selectable<TerritoriesTable>,
  'id' | 'kind' | 'code' | 'name' | 'slug' | 'population' | 'dept_code' | 'epci_type'
> & {
  within?: string[] | null;
};

const summaryColumns = ['id', 'kind', 'code', 'name', 'slug', 'population', 'dept_code', 'epci_type'] as const;

export function toSummary(row: SummaryRow): TerritorySummary {
  return {
    id: row.id,
    kind: row.kind,
    code: row.code,
    name: row.name,
    slug: row.slug,
    population: row.population,
    deptCode: row.dept_code,
    epciType: row.epci_type,
    ...(row.within ? { within: row.within } : {}),
  };
}

/** The communes of a custom territory, for its label in lists (`t` is the territory's alias). */
const withinColumn = sql`case when t.kind in ('quartier', 'qpv', 'ruralite') then
  (select array_agg(p.name order by p.search_name, p.name) from territory_parents tp join territories p on p.id = tp.parent_id where tp.territory_id = t.id)
  end as within`;

const kindOrder = (kind: TerritoryKind) => territoryKinds.indexOf(kind);

/** LIKE wildcards typed by a person are searched literally. */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function pgCode(error: unknown): { code?: string; constraint?: string } {
  return typeof error === 'object' && error !== null ? (error as { code?: string; constraint?: string }) : {};
}

/** The territories repository on PostgreSQL or PGlite. */
export function territoriesRepo(db: Kysely<DB>): TerritoriesRepo {
  async function detail(row: Selectable<TerritoriesTable> | undefined): Promise<TerritoryDetail | undefined> {
    if (!row) return undefined;
    const [parents, counts] = await Promise.all([
      db
        .selectFrom('territory_parents as tp')
        .innerJoin('territories as t', 't.id', 'tp.parent_id')
        .select(summaryColumns.map((c) => `t.${c}` as const))
        .where('tp.territory_id', '=', row.id)
        .execute(),
      db
        .selectFrom('territory_parents as tp')
        .innerJoin('territories as t', 't.id', 'tp.territory_id')
        .select(['t.kind', (eb) => eb.fn.countAll<number>().as('n')])
        .where('tp.parent_id', '=', row.id)
        .where('t.retired', '=', false)
        .groupBy('t.kind')
        .execute(),
    ]);
    return {
      ...toSummary(row),
      parents: parents.map(toSummary).sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind) || compareFrench(a.name, b.name)),
      childCounts: Object.fromEntries(counts.map((c) => [c.kind, Number(c.n)])),
      createdBy: row.created_by,
      custom: row.kind === 'quartier' || row.kind === 'qpv' || row.kind === 'ruralite',
    };
  }

  return {
    async search({ text, kinds, limit }) {
      const pattern = escapeLike(text);
      const kindList = kinds && kinds.length > 0 ? [...kinds] : null;
      const kindFilter = sql`(${kindList}::text[] is null or kind = any(${kindList}::text[]))`;
      // First the names that contain the query (exact, then starting with it, then a word
      // starting with it; the most populous first). One or two characters: prefixes only.
      const contains =
        searchKey(text).length < 3
          ? sql`search_name like f_search(${pattern}) || '%'`
          : sql`search_name like '%' || f_search(${pattern}) || '%'`;
      const found = await sql<SummaryRow>`
        select id, kind, code, name, slug, population, dept_code, epci_type, ${withinColumn}
        from territories t
        where not retired and ${kindFilter} and ${contains}
        order by search_name = f_search(${text}) desc,
                 search_name like f_search(${pattern}) || '%' desc,
                 search_name like '% ' || f_search(${pattern}) || '%' desc,
                 population desc nulls last, search_name, name
        limit ${limit}`.execute(db);
      const items = found.rows.map(toSummary);
      if (items.length >= limit || searchKey(text).length < 3) return items;
      // Then typo tolerance: the closest names by trigram similarity.
      const close = await sql<SummaryRow>`
        select id, kind, code, name, slug, population, dept_code, epci_type, ${withinColumn}
        from territories t
        where not retired and ${kindFilter} and search_name % f_search(${text})
          and not (id = any(${items.map((i) => i.id)}::uuid[]))
        order by similarity(search_name, f_search(${text})) desc, population desc nulls last, name
        limit ${limit - items.length}`.execute(db);
      return [...items, ...close.rows.map(toSummary)];
    },

    async findById(id) {
      return detail(await db.selectFrom('territories').selectAll().where('id', '=', id).executeTakeFirst());
    },

    async findBySlug(slug) {
      return detail(await db.selectFrom('territories').selectAll().where('slug', '=', slug).executeTakeFirst());
    },

    async children(id, { kinds, descendants, limit, offset }) {
      const kindList = kinds && kinds.length > 0 ? [...kinds] : null;
      const rows = await sql<SummaryRow & { total: number }>`
        with recursive below(id, depth) as (
          select tp.territory_id, 1 from territory_parents tp where tp.parent_id = ${id}::uuid
          union
          select tp.territory_id, below.depth + 1 from territory_parents tp join below on tp.parent_id = below.id
          where ${descendants} and below.depth < 4
        )
        select t.id, t.kind, t.code, t.name, t.slug, t.population, t.dept_code, t.epci_type, ${withinColumn}, count(*) over () as total
        from territories t
        where t.id in (select id from below) and not t.retired
          and (${kindList}::text[] is null or t.kind = any(${kindList}::text[]))
        order by t.search_name, t.name
        limit ${limit} offset ${offset}`.execute(db);
      let total = Number(rows.rows[0]?.total ?? 0);
      if (rows.rows.length === 0 && offset > 0) {
        const count = await this.children(id, { kinds, descendants, limit: 1, offset: 0 });
        total = count.total;
      }
      return { items: rows.rows.map(toSummary), total };
    },

    async findSummaries(ids) {
      if (ids.length === 0) return [];
      const rows = await db
        .selectFrom('territories')
        .select([...summaryColumns])
        .where('id', '=', sql<string>`any(${[...ids]}::uuid[])`)
        .execute();
      return rows.map(toSummary);
    },

    async slugsStartingWith(base) {
      const rows = await db
        .selectFrom('territories')
        .select('slug')
        .where('slug', 'like', `${escapeLike(base)}%`)
        .execute();
      return new Set(rows.map((r) => r.slug));
    },

    async codeTaken(kind, code, exceptId) {
      let query = db.selectFrom('territories').select('id').where('kind', '=', kind).where('code', '=', code);
      if (exceptId) query = query.where('id', '<>', exceptId);
      return Boolean(await query.executeTakeFirst());
    },

    async insertCustom(t, audit) {
      try {
        const id = await withAudit(db, audit, async (trx) => {
          const row = await trx
            .insertInto('territories')
            .values({ kind: t.kind, name: t.name, code: t.code, slug: t.slug, population: t.population, created_by: t.createdBy })
            .returning('id')
            .executeTakeFirstOrThrow();
          await trx
            .insertInto('territory_parents')
            .values(t.parentIds.map((parent) => ({ territory_id: row.id, parent_id: parent })))
            .execute();
          return row.id;
        });
        return { ok: true as const, id };
      } catch (error) {
        const e = pgCode(error);
        if (e.code === '23505' && e.constraint === 'territories_slug_key') return { ok: false as const, reason: 'slug_taken' as const };
        if (e.code === '23505' && e.constraint === 'territories_kind_code') return { ok: false as const, reason: 'code_taken' as const };
        throw error;
      }
    },

    async updateCustom(id, patch, audit) {
      try {
        await withAudit(db, audit, async (trx) => {
          await trx
            .updateTable('territories')
            .set({
              ...(patch.name !== undefined ? { name: patch.name } : {}),
              ...(patch.code !== undefined ? { code: patch.code } : {}),
              ...(patch.population !== undefined ? { population: patch.population } : {}),
              updated_at: sql`now()`,
            })
            .where('id', '=', id)
            .execute();
          if (patch.parentIds) {
            await trx.deleteFrom('territory_parents').where('territory_id', '=', id).execute();
            await trx
              .insertInto('territory_parents')
              .values(patch.parentIds.map((parent) => ({ territory_id: id, parent_id: parent })))
              .execute();
          }
        });
        return 'ok';
      } catch (error) {
        const e = pgCode(error);
        if (e.code === '23505' && e.constraint === 'territories_kind_code') return 'code_taken';
        throw error;
      }
    },

    async deleteCustom(id, audit) {
      // Roles held on the territory would silently disappear with it (ON DELETE CASCADE): refuse.
      const role = await db.selectFrom('role_assignments').select('id').where('territory_id', '=', id).executeTakeFirst();
      if (role) return 'in_use';
      try {
        await withAudit(db, audit, async (trx) => {
          await trx.deleteFrom('territories').where('id', '=', id).execute();
        });
        return 'ok';
      } catch (error) {
        if (pgCode(error).code === '23503') return 'in_use';
        throw error;
      }
    },
  };
}
