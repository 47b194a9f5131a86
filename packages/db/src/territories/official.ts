import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { slugify } from '@maillage/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../schema';
import type { TerritoryKindColumn } from './tables';

// The JSON files are read at run time: importing them as TS modules costs tsc 12 s and 1 GB,
// and the package's main entry is broken (it reads ./data relative to the current folder).
const require = createRequire(import.meta.url);

interface RawRegion {
  code: string;
  nom: string;
}
interface RawDepartement {
  code: string;
  nom: string;
  region: string;
}
interface RawCommune {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  departement?: string;
  region?: string;
  commune?: string;
  population?: number;
}
interface RawEpci {
  code: string;
  nom: string;
  type: string;
  populationMunicipale?: number;
  populationTotale?: number;
  membres: { code: string }[];
}

/** Bump when the loader writes something new (a kind, a parent link), so instances reload. */
const LOADER_VERSION = 1;
const REFERENCE_NAME = 'decoupage-administratif';

/** The dataset version the loader would write: the package's version and the loader's. */
export function officialDatasetVersion(): string {
  const pkg = require('@etalab/decoupage-administratif/package.json') as { version: string };
  return `${pkg.version}+loader${LOADER_VERSION}`;
}

interface Row {
  kind: TerritoryKindColumn;
  code: string;
  name: string;
  slug: string;
  epciType: string | null;
  population: number | null;
  deptCode: string | null;
}

interface Link {
  childKind: TerritoryKindColumn;
  childCode: string;
  parentKind: TerritoryKindColumn;
  parentCode: string;
}

/** Reads the dataset into rows and parent links. Slugs are chosen later, against those in use. */
function readDataset(): { rows: Omit<Row, 'slug'>[]; links: Link[]; preferredSlug: (r: Omit<Row, 'slug'>) => string[] } {
  const data = (file: string) => require(`@etalab/decoupage-administratif/data/${file}.json`);
  const regions = data('regions') as RawRegion[];
  const departements = data('departements') as RawDepartement[];
  const communes = (data('communes') as RawCommune[]).filter((c) => c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal');
  const epcis = [...(data('epci') as RawEpci[]), ...(data('ept') as RawEpci[])];

  const rows: Omit<Row, 'slug'>[] = [];
  const links: Link[] = [];
  const deptPopulation = new Map<string, number>();
  const regionPopulation = new Map<string, number>();
  for (const c of communes) {
    if (c.type !== 'commune-actuelle' || c.population == null) continue;
    if (c.departement) deptPopulation.set(c.departement, (deptPopulation.get(c.departement) ?? 0) + c.population);
    if (c.region) regionPopulation.set(c.region, (regionPopulation.get(c.region) ?? 0) + c.population);
  }
  for (const r of regions) {
    rows.push({
      kind: 'region',
      code: r.code,
      name: r.nom,
      epciType: null,
      population: regionPopulation.get(r.code) ?? null,
      deptCode: null,
    });
  }
  for (const d of departements) {
    rows.push({
      kind: 'departement',
      code: d.code,
      name: d.nom,
      epciType: null,
      population: deptPopulation.get(d.code) ?? null,
      deptCode: null,
    });
    links.push({ childKind: 'departement', childCode: d.code, parentKind: 'region', parentCode: d.region });
  }
  for (const e of epcis) {
    rows.push({
      kind: 'epci',
      code: e.code,
      name: e.nom,
      epciType: e.type,
      population: e.populationMunicipale ?? e.populationTotale ?? null,
      deptCode: null,
    });
    for (const m of e.membres) links.push({ childKind: 'commune', childCode: m.code, parentKind: 'epci', parentCode: e.code });
  }
  for (const c of communes) {
    const kind: TerritoryKindColumn = c.type === 'commune-actuelle' ? 'commune' : 'arrondissement';
    rows.push({ kind, code: c.code, name: c.nom, epciType: null, population: c.population ?? null, deptCode: c.departement ?? null });
    if (kind === 'commune' && c.departement)
      links.push({ childKind: 'commune', childCode: c.code, parentKind: 'departement', parentCode: c.departement });
    if (kind === 'arrondissement' && c.commune)
      links.push({ childKind: 'arrondissement', childCode: c.code, parentKind: 'commune', parentCode: c.commune });
  }
  // Readable addresses first ("saint-etienne-42", "loire", "saint-etienne-metropole"), the
  // official code as the tie-breaker that is unique by construction.
  const preferredSlug = (r: Omit<Row, 'slug'>): string[] => {
    const base = slugify(r.name);
    switch (r.kind) {
      case 'commune':
      case 'arrondissement':
        return [`${base}-${r.deptCode ?? r.code}`, `${base}-${r.code}`];
      case 'departement':
        return [base, `${base}-${r.code}`];
      case 'region':
        return [base, `region-${base}`, `region-${r.code}`];
      default:
        return [base, `${base}-${r.code}`];
    }
  };
  return { rows, links, preferredSlug };
}

async function insertRows(trx: Transaction<DB>, rows: (Row & { id: string })[], fresh: boolean): Promise<void> {
  // Arrays through unnest, a few thousand rows per statement: not 36,000 round trips.
  const chunk = 10_000;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    await sql`
      insert into territories (id, kind, code, name, slug, epci_type, population, dept_code)
      select * from unnest(
        ${part.map((r) => r.id)}::uuid[], ${part.map((r) => r.kind)}::text[], ${part.map((r) => r.code)}::text[],
        ${part.map((r) => r.name)}::text[], ${part.map((r) => r.slug)}::text[], ${part.map((r) => r.epciType)}::text[],
        ${part.map((r) => r.population)}::integer[], ${part.map((r) => r.deptCode)}::text[])
      ${
        fresh
          ? sql``
          : sql`on conflict (kind, code) where code is not null do update set
        name = excluded.name, epci_type = excluded.epci_type, population = excluded.population,
        dept_code = excluded.dept_code, retired = false, updated_at = now()
      where (territories.name, territories.epci_type, territories.population, territories.dept_code, territories.retired)
        is distinct from (excluded.name, excluded.epci_type, excluded.population, excluded.dept_code, false)`
      }`.execute(trx);
  }
}

async function insertLinks(trx: Transaction<DB>, links: { child: string; parent: string }[], fresh: boolean): Promise<void> {
  const chunk = 20_000;
  for (let i = 0; i < links.length; i += chunk) {
    const part = links.slice(i, i + chunk);
    await sql`
      insert into territory_parents (territory_id, parent_id)
      select * from unnest(${part.map((l) => l.child)}::uuid[], ${part.map((l) => l.parent)}::uuid[])
      ${fresh ? sql`` : sql`on conflict do nothing`}`.execute(trx);
  }
}

const officialKindList: TerritoryKindColumn[] = ['region', 'departement', 'epci', 'commune', 'arrondissement'];

/**
 * Loads France's administrative divisions (régions, départements, EPCI and EPT, communes,
 * arrondissements municipaux, with their parents) when they are missing or the dataset changed.
 * Runs in one transaction under an advisory lock, so two processes starting together load once
 * and a failure leaves nothing half-written. Official divisions that left the dataset are kept
 * (roles and quartiers may hang on them) but marked retired.
 * @returns how many territories were written (0 when already up to date).
 */
export async function loadOfficialTerritories(db: Kysely<DB>): Promise<number> {
  const version = officialDatasetVersion();
  const current = await db.selectFrom('reference_data').select('version').where('name', '=', REFERENCE_NAME).executeTakeFirst();
  if (current?.version === version) return 0;
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(74210020)`.execute(trx);
    const again = await trx.selectFrom('reference_data').select('version').where('name', '=', REFERENCE_NAME).executeTakeFirst();
    if (again?.version === version) return 0;

    const { rows, links, preferredSlug } = readDataset();
    const existing = await trx.selectFrom('territories').select(['id', 'kind', 'code', 'slug']).execute();
    const known = new Map(existing.filter((e) => e.code !== null).map((e) => [`${e.kind}:${e.code}`, e]));
    const taken = new Set(existing.map((e) => e.slug));
    // Ids are chosen here, so that parent links are built without joining 70,000 rows back.
    const withIds = rows.map((r) => {
      const kept = known.get(`${r.kind}:${r.code}`);
      if (kept) return { ...r, id: kept.id, slug: kept.slug };
      const slug = preferredSlug(r).find((s) => !taken.has(s)) ?? `${r.kind}-${r.code}`;
      taken.add(slug);
      return { ...r, id: randomUUID(), slug };
    });
    const idOf = new Map(withIds.map((r) => [`${r.kind}:${r.code}`, r.id]));
    const seenLinks = new Set<string>();
    const linkIds = links.flatMap((l) => {
      const child = idOf.get(`${l.childKind}:${l.childCode}`);
      const parent = idOf.get(`${l.parentKind}:${l.parentCode}`);
      if (!child || !parent || seenLinks.has(`${child}|${parent}`)) return [];
      seenLinks.add(`${child}|${parent}`);
      return [{ child, parent }];
    });

    // Building the search indexes and checking foreign keys once after the bulk write is several
    // times faster than doing it row by row (each search entry runs unaccent(), slow in PGlite).
    // The locks this takes last only as long as this load, at the first start or a dataset upgrade.
    const fresh = known.size === 0;
    await sql`drop index if exists territories_search_trgm`.execute(trx);
    await sql`drop index if exists territories_search_prefix`.execute(trx);
    await sql`alter table territory_parents drop constraint if exists territory_parents_territory_id_fkey,
                drop constraint if exists territory_parents_parent_id_fkey`.execute(trx);
    if (fresh) {
      // Nothing to update on an empty instance: the unique indexes are built once, after.
      await sql`alter table territories drop constraint if exists territories_slug_key`.execute(trx);
      await sql`drop index if exists territories_kind_code`.execute(trx);
      await sql`drop index if exists territories_kind`.execute(trx);
      await sql`alter table territory_parents drop constraint if exists territory_parents_pkey`.execute(trx);
      await sql`drop index if exists territory_parents_parent`.execute(trx);
    }
    await insertRows(trx, withIds, fresh);
    // Parent links of official divisions are replaced wholesale; a custom territory's own links stay.
    if (!fresh) {
      await sql`delete from territory_parents tp using territories t
                where t.id = tp.territory_id and t.kind = any(${officialKindList}::text[]) and t.code is not null`.execute(trx);
    }
    await insertLinks(trx, linkIds, fresh);
    if (fresh) {
      await sql`alter table territories add constraint territories_slug_key unique (slug)`.execute(trx);
      await sql`create unique index territories_kind_code on territories (kind, code) where code is not null`.execute(trx);
      await sql`create index territories_kind on territories (kind)`.execute(trx);
      await sql`alter table territory_parents add primary key (territory_id, parent_id)`.execute(trx);
      await sql`create index territory_parents_parent on territory_parents (parent_id)`.execute(trx);
    }
    await sql`create index territories_search_trgm on territories using gin (search_name gin_trgm_ops)`.execute(trx);
    await sql`create index territories_search_prefix on territories (search_name text_pattern_ops)`.execute(trx);
    await sql`alter table territory_parents
                add constraint territory_parents_territory_id_fkey foreign key (territory_id) references territories (id) on delete cascade,
                add constraint territory_parents_parent_id_fkey foreign key (parent_id) references territories (id) on delete cascade`.execute(
      trx,
    );

    if (existing.length > 0) {
      for (const kind of officialKindList) {
        const codes = withIds.filter((r) => r.kind === kind).map((r) => r.code);
        await sql`update territories set retired = true, updated_at = now()
                  where kind = ${kind} and code is not null and not retired and not (code = any(${codes}::text[]))`.execute(trx);
      }
    }
    await trx
      .insertInto('reference_data')
      .values({ name: REFERENCE_NAME, version, row_count: withIds.length })
      .onConflict((oc) => oc.column('name').doUpdateSet({ version, row_count: withIds.length, loaded_at: sql`now()` }))
      .execute();
    return withIds.length;
  });
}
