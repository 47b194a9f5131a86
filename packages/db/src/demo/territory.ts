import { hash } from '@node-rs/argon2';
import { slugify, uniqueSlug } from '@maillage/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { RoleName } from '../accounts/tables';
import type { DB } from '../schema';
import type { TerritoryKindColumn } from '../territories/tables';

/** The fictional territory every demo capability builds on: ids of its places and people. */
export interface DemoContext {
  /** The agglomeration (kind epci, no official code). */
  readonly territoryId: string;
  /** Lysbourg, then Bellerive-sur-Lys. */
  readonly communeIds: readonly [string, string];
  /** The three QPV: Les Tilleuls, La Croix-Verte (Lysbourg), Les Coteaux (both communes). */
  readonly quartierIds: readonly [string, string, string];
  readonly userIds: {
    readonly admin: string;
    readonly coordinator: string;
    readonly facilitator: string;
    readonly members: readonly [string, string];
  };
  /** True when this run created the territory (first `npm run demo`). */
  readonly created: boolean;
}

export interface DemoAccount {
  readonly label: string;
  readonly email: string;
  readonly password: string;
}

export const demoTerritoryName = 'Communauté d’agglomération du Val-de-Lys';

/** Entirely fictional: no such agglomeration, commune or neighbourhood exists in France. */
const agglomeration = { name: demoTerritoryName, slug: 'val-de-lys', population: 68_400, epciType: 'CA' };
const communes = [
  { name: 'Lysbourg', population: 41_200 },
  { name: 'Bellerive-sur-Lys', population: 27_200 },
] as const;
const quartiers = [
  { name: 'Les Tilleuls', population: 4_800, communes: [0] },
  { name: 'La Croix-Verte', population: 3_100, communes: [0] },
  { name: 'Les Coteaux', population: 2_600, communes: [0, 1] },
] as const;

type AccountKey = 'admin' | 'coordinator' | 'facilitator' | 'member1' | 'member2';
const accounts: readonly {
  key: AccountKey;
  label: string;
  displayName: string;
  email: string;
  password: string;
  isAdmin: boolean;
  role?: { role: RoleName; on: 'agglomeration' | 0 | 1; title: string | null };
}[] = [
  {
    key: 'admin',
    label: 'Administratrice',
    displayName: 'Hélène Vasseur',
    email: 'admin@val-de-lys.exemple.fr',
    password: 'demo-admin-val-de-lys',
    isAdmin: true,
  },
  {
    key: 'coordinator',
    label: 'Chargée de coopération',
    displayName: 'Inès Morvan',
    email: 'cooperation@val-de-lys.exemple.fr',
    password: 'demo-cooperation-val-de-lys',
    isAdmin: false,
    role: { role: 'coordinator', on: 'agglomeration', title: 'Chargée de coopération' },
  },
  {
    key: 'facilitator',
    label: 'Animateur (facilitation)',
    displayName: 'Théo Garnier',
    email: 'animation@val-de-lys.exemple.fr',
    password: 'demo-animation-val-de-lys',
    isAdmin: false,
    role: { role: 'facilitator', on: 'agglomeration', title: 'Animateur de la journée de coopération' },
  },
  {
    key: 'member1',
    label: 'Membre d’association (Lysbourg)',
    displayName: 'Awa Diallo',
    email: 'awa.diallo@val-de-lys.exemple.fr',
    password: 'demo-association-lysbourg',
    isAdmin: false,
    role: { role: 'member', on: 0, title: 'Association Les Jardins partagés des Tilleuls' },
  },
  {
    key: 'member2',
    label: 'Membre d’association (Bellerive)',
    displayName: 'Julien Roche',
    email: 'julien.roche@val-de-lys.exemple.fr',
    password: 'demo-association-bellerive',
    isAdmin: false,
    role: { role: 'member', on: 1, title: 'Centre social des Coteaux' },
  },
];

export const demoAccounts: readonly DemoAccount[] = accounts.map(({ label, email, password }) => ({ label, email, password }));

/** argon2id with the server's parameters (apps/server/src/accounts/deps.ts), so demo logins work. */
const hashPassword = (password: string) => hash(password, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });

async function findOrCreateTerritory(
  trx: Transaction<DB>,
  spec: { kind: TerritoryKindColumn; name: string; slug?: string; population: number; epciType?: string; parentIds: string[] },
): Promise<{ id: string; created: boolean }> {
  // A demo territory is known by kind, name and its parents (it has no official code).
  let query = trx
    .selectFrom('territories as t')
    .select('t.id')
    .where('t.kind', '=', spec.kind)
    .where('t.name', '=', spec.name)
    .where('t.code', 'is', null);
  for (const parentId of spec.parentIds) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('territory_parents as p')
          .select('p.parent_id')
          .whereRef('p.territory_id', '=', 't.id')
          .where('p.parent_id', '=', parentId),
      ),
    );
  }
  const found = await query.executeTakeFirst();
  if (found) return { id: found.id, created: false };
  const base = spec.slug ?? slugify(spec.name);
  const taken = new Set(
    (await trx.selectFrom('territories').select('slug').where('slug', 'like', `${base}%`).execute()).map((r) => r.slug),
  );
  const row = await trx
    .insertInto('territories')
    .values({
      kind: spec.kind,
      name: spec.name,
      slug: uniqueSlug(base, taken),
      population: spec.population,
      epci_type: spec.epciType ?? null,
      code: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (spec.parentIds.length) {
    await trx
      .insertInto('territory_parents')
      .values(spec.parentIds.map((parent_id) => ({ territory_id: row.id, parent_id })))
      .execute();
  }
  return { id: row.id, created: true };
}

/**
 * Creates (or finds) the fictional agglomeration, its two communes and three QPV, and the five
 * demo accounts with their roles, in one transaction. Running it again changes nothing.
 */
export async function seedDemoTerritory(db: Kysely<DB>): Promise<DemoContext> {
  return db.transaction().execute(async (trx) => {
    // Two `maillage demo` started together on one PostgreSQL create the territory once.
    await sql`select pg_advisory_xact_lock(74210021)`.execute(trx);
    const agglo = await findOrCreateTerritory(trx, { kind: 'epci', ...agglomeration, parentIds: [] });
    const communeIds: string[] = [];
    for (const c of communes) communeIds.push((await findOrCreateTerritory(trx, { kind: 'commune', ...c, parentIds: [agglo.id] })).id);
    const quartierIds: string[] = [];
    for (const q of quartiers) {
      const parentIds = q.communes.map((i) => communeIds[i] as string);
      quartierIds.push((await findOrCreateTerritory(trx, { kind: 'qpv', name: q.name, population: q.population, parentIds })).id);
    }
    const userIds = {} as Record<AccountKey, string>;
    for (const a of accounts) {
      const existing = await trx.selectFrom('users').select('id').where(sql`lower(email)`, '=', a.email).executeTakeFirst();
      const id =
        existing?.id ??
        (
          await trx
            .insertInto('users')
            .values({ email: a.email, display_name: a.displayName, password_hash: await hashPassword(a.password), is_admin: a.isAdmin })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      userIds[a.key] = id;
      if (a.role) {
        const territoryId = a.role.on === 'agglomeration' ? agglo.id : (communeIds[a.role.on] as string);
        await trx
          .insertInto('role_assignments')
          .values({ user_id: id, role: a.role.role, territory_id: territoryId, title: a.role.title })
          .onConflict((oc) => oc.columns(['user_id', 'role', 'territory_id']).doNothing())
          .execute();
      }
    }
    return {
      territoryId: agglo.id,
      communeIds: communeIds as unknown as readonly [string, string],
      quartierIds: quartierIds as unknown as readonly [string, string, string],
      userIds: {
        admin: userIds.admin,
        coordinator: userIds.coordinator,
        facilitator: userIds.facilitator,
        members: [userIds.member1, userIds.member2],
      },
      created: agglo.created,
    };
  });
}
