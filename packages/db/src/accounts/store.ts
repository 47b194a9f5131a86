import type { AccountsRepo, GrantRecord, UserRecord } from '@maillage/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB } from '../schema';
import type { UsersTable } from './tables';

function toUser(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    passwordHash: row.password_hash,
    isAdmin: row.is_admin,
    locale: row.locale,
    disabledAt: row.disabled_at,
  };
}

/** Every territory below `territoryIds` (and themselves): an EPCI's communes and their quartiers. */
export async function territoryScope(db: Kysely<DB>, territoryIds: readonly string[]): Promise<Map<string, string[]>> {
  const scope = new Map<string, string[]>();
  if (territoryIds.length === 0) return scope;
  const rows = await sql<{ root: string; id: string }>`
    with recursive below(root, id) as (
      select t.id, t.id from territories t where t.id = any(${territoryIds as string[]}::uuid[])
      union
      select below.root, tp.territory_id from territory_parents tp join below on tp.parent_id = below.id
    )
    select root, id from below`.execute(db);
  for (const row of rows.rows) {
    const list = scope.get(row.root) ?? [];
    list.push(row.id);
    scope.set(row.root, list);
  }
  return scope;
}

/** Grants of a user with their expanded territory scope. */
export async function loadGrants(db: Kysely<DB>, userId: string): Promise<GrantRecord[]> {
  const rows = await db.selectFrom('role_assignments').select(['role', 'territory_id', 'title']).where('user_id', '=', userId).execute();
  const scope = await territoryScope(db, [...new Set(rows.map((r) => r.territory_id))]);
  return rows.map((r) => ({
    role: r.role,
    territoryId: r.territory_id,
    title: r.title,
    scope: scope.get(r.territory_id) ?? [r.territory_id],
  }));
}

/** Records who changed what, and when. */
export async function writeAudit(
  db: Kysely<DB>,
  entry: { actorUserId: string | null; action: string; entityType: string; entityId: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_user_id: entry.actorUserId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

/** The accounts repository on PostgreSQL or PGlite. */
export function accountsRepo(db: Kysely<DB>): AccountsRepo {
  return {
    async countAdmins() {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('is_admin', '=', true)
        .where('disabled_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async findUserByEmail(email) {
      const row = await db.selectFrom('users').selectAll().where(sql`lower(email)`, '=', email.toLowerCase()).executeTakeFirst();
      return row ? toUser(row) : undefined;
    },
    async findUserById(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toUser(row) : undefined;
    },
    async createUser(user) {
      const row = await db
        .insertInto('users')
        .values({ email: user.email, display_name: user.displayName, password_hash: user.passwordHash, is_admin: user.isAdmin })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUser(row);
    },
    async createSession(session) {
      await db
        .insertInto('sessions')
        .values({ id: session.idHash, user_id: session.userId, csrf_token: session.csrfToken, expires_at: session.expiresAt })
        .execute();
    },
    async findSession(idHash, now) {
      const row = await db
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .selectAll('users')
        .select(['sessions.csrf_token', 'sessions.expires_at'])
        .where('sessions.id', '=', idHash)
        .where('sessions.expires_at', '>', now)
        .where('users.disabled_at', 'is', null)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        user: toUser(row),
        grants: await loadGrants(db, row.id),
        csrfToken: row.csrf_token,
        expiresAt: row.expires_at,
      };
    },
    async deleteSession(idHash) {
      await db.deleteFrom('sessions').where('id', '=', idHash).execute();
    },
    audit: (entry) => writeAudit(db, entry),
  };
}
