import { randomBytes } from 'node:crypto';
import { accountsRepo, type Store } from '@maillage/db';
import { sql } from 'kysely';
import { argon2Hasher } from '../accounts/deps';
import type { AuthzWorld } from './authz-fixtures';

/** EPCI › commune › quartier, another EPCI › commune › quartier, and one user per role; built directly in SQL. */
export async function buildAuthzWorld(store: Store): Promise<AuthzWorld> {
  const tag = randomBytes(4).toString('hex');
  const territory = async (kind: string, name: string, parentId?: string) => {
    const row = await sql<{ id: string }>`
      insert into territories (kind, name, slug) values (${kind}, ${name}, ${`${name.toLowerCase().replace(/\W+/g, '-')}-${tag}`})
      returning id`.execute(store.db);
    const id = row.rows[0]!.id;
    if (parentId) await sql`insert into territory_parents (territory_id, parent_id) values (${id}, ${parentId})`.execute(store.db);
    return id;
  };
  const territoryId = await territory('epci', 'Agglo test matrice');
  const communeId = await territory('commune', 'Commune test matrice', territoryId);
  const quartierId = await territory('quartier', 'Quartier test matrice', communeId);
  const otherTerritoryId = await territory('epci', 'Autre agglo test matrice');
  const otherCommuneId = await territory('commune', 'Autre commune test matrice', otherTerritoryId);
  const otherQuartierId = await territory('quartier', 'Autre quartier test matrice', otherCommuneId);
  const password = 'mot de passe de la matrice';
  const passwordHash = await argon2Hasher.hash(password);
  const repo = accountsRepo(store.db);
  const user = async (key: string, isAdmin = false) => {
    const u = await repo.createUser({ email: `${key}-${tag}@exemple.fr`, displayName: `Test ${key}`, passwordHash, isAdmin });
    return { id: u.id, email: u.email };
  };
  const users = {
    admin: await user('admin', true),
    coordinator: await user('coordinator'),
    facilitator: await user('facilitator'),
    member: await user('member'),
    reviewer: await user('reviewer'),
    outsider: await user('outsider'),
  };
  for (const role of ['coordinator', 'facilitator', 'member', 'reviewer'] as const) {
    await repo.grantRole({ userId: users[role].id, role, territoryId, title: null, createdBy: null });
  }
  await repo.grantRole({ userId: users.outsider.id, role: 'coordinator', territoryId: otherTerritoryId, title: null, createdBy: null });
  return { store, territoryId, communeId, quartierId, otherTerritoryId, otherCommuneId, otherQuartierId, users, password };
}

/**
 * The same world seen from the other EPCI: fixtures run on it make objects of the other
 * territory, all belonging to the outsider (who coordinates it), none to the world's users.
 */
export function foreignWorld(world: AuthzWorld): AuthzWorld {
  const outsider = world.users.outsider;
  return {
    ...world,
    territoryId: world.otherTerritoryId,
    communeId: world.otherCommuneId,
    quartierId: world.otherQuartierId,
    otherTerritoryId: world.territoryId,
    otherCommuneId: world.communeId,
    otherQuartierId: world.quartierId,
    users: { admin: world.users.admin, coordinator: outsider, facilitator: outsider, member: outsider, reviewer: outsider, outsider },
  };
}
