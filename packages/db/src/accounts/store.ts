import type { AccountsRepo, AuditEntryInput, AuditOf, GrantRecord, InvitationRecord, RoleAssignment, UserRecord } from '@maillage/core';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { linkInvitedSeats } from '../collectives/history';
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

/**
 * Every territory below `territoryIds` (and themselves): an EPCI's communes and their quartiers.
 * Walks down level by level, each step an index lookup: a recursive CTE made PostgreSQL hash the
 * whole `territory_parents` table (70 000 links once France is loaded) at every level, and this
 * runs on every request of a user holding a role.
 */
export async function territoryScope(db: Kysely<DB>, territoryIds: readonly string[]): Promise<Map<string, string[]>> {
  const scope = new Map<string, string[]>();
  if (territoryIds.length === 0) return scope;
  const existing = await db
    .selectFrom('territories')
    .select('id')
    .where('id', '=', sql<string>`any(${territoryIds as string[]}::uuid[])`)
    .execute();
  for (const { id: root } of existing) {
    const seen = new Set<string>([root]);
    let frontier = [root];
    // Territories form a DAG a few levels deep; the `seen` set also stops any accidental cycle.
    while (frontier.length > 0) {
      const rows = await db
        .selectFrom('territory_parents')
        .select('territory_id')
        .where('parent_id', '=', sql<string>`any(${frontier}::uuid[])`)
        .execute();
      frontier = [];
      for (const r of rows) {
        if (!seen.has(r.territory_id)) {
          seen.add(r.territory_id);
          frontier.push(r.territory_id);
        }
      }
    }
    scope.set(root, [...seen]);
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
/**
 * Records who changed what, and when. Pass `territoryId` when the change is about a territory
 * (or a record on one): its coordinators then read the entry in their audit log.
 */
export async function writeAudit(db: Kysely<DB>, entry: AuditEntryInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_user_id: entry.actorUserId,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      territory_id: entry.territoryId ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}

/**
 * Runs a change and writes its audit entry in one transaction (the caller's, when `db` is one):
 * an error between the two, or in writing the entry, leaves neither.
 */
export async function withAudit<T>(db: Kysely<DB>, audit: AuditOf<T>, change: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  const run = async (trx: Transaction<DB>) => {
    const result = await change(trx);
    if (audit) await writeAudit(trx, typeof audit === 'function' ? audit(result) : audit);
    return result;
  };
  return db.isTransaction ? run(db as Transaction<DB>) : db.transaction().execute(run);
}

function invitationsQuery(db: Kysely<DB>) {
  return db
    .selectFrom('invitations as i')
    .innerJoin('territories as t', 't.id', 'i.territory_id')
    .leftJoin('users as u', 'u.id', 'i.invited_by')
    .select([
      'i.id',
      'i.email',
      'i.role',
      'i.territory_id',
      't.name as territory_name',
      'i.title',
      'i.invited_by',
      'u.display_name as invited_by_name',
      'i.created_at',
      'i.expires_at',
      'i.accepted_at',
      'i.revoked_at',
    ]);
}

type InvitationRow = Awaited<ReturnType<ReturnType<typeof invitationsQuery>['executeTakeFirstOrThrow']>>;

function toInvitation(row: InvitationRow): InvitationRecord {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    territoryId: row.territory_id,
    territoryName: row.territory_name,
    title: row.title,
    invitedBy: row.invited_by,
    invitedByName: row.invited_by_name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    revokedAt: row.revoked_at,
  };
}

function assignmentsQuery(db: Kysely<DB>) {
  return db
    .selectFrom('role_assignments as r')
    .innerJoin('territories as t', 't.id', 'r.territory_id')
    .select(['r.id', 'r.user_id', 'r.role', 'r.territory_id', 't.name as territory_name', 'r.title']);
}

type AssignmentRow = Awaited<ReturnType<ReturnType<typeof assignmentsQuery>['executeTakeFirstOrThrow']>>;

function toAssignment(row: AssignmentRow): RoleAssignment {
  return {
    id: row.id,
    userId: row.user_id,
    role: row.role,
    territoryId: row.territory_id,
    territoryName: row.territory_name,
    title: row.title,
  };
}

/** `%…%` pattern for an accent-insensitive search through f_search(). */
function searchPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The accounts repository on PostgreSQL or PGlite. */
export function accountsRepo(db: Kysely<DB>): AccountsRepo {
  return {
    async countUsers() {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
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

    async transaction(fn) {
      if (db.isTransaction) return fn(accountsRepo(db));
      return db.transaction().execute((trx) => fn(accountsRepo(trx)));
    },

    async updatePassword(userId, passwordHash) {
      await db.updateTable('users').set({ password_hash: passwordHash, updated_at: sql`now()` }).where('id', '=', userId).execute();
    },
    async deleteSessionsOfUser(userId, keepIdHash) {
      let q = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (keepIdHash) q = q.where('id', '<>', keepIdHash);
      const result = await q.executeTakeFirst();
      return Number(result.numDeletedRows);
    },
    async setDisabled(userId, disabledAt) {
      await db.updateTable('users').set({ disabled_at: disabledAt, updated_at: sql`now()` }).where('id', '=', userId).execute();
    },
    async listUsers({ q, limit }) {
      let query = db.selectFrom('users').selectAll().orderBy('display_name').orderBy('id').limit(limit);
      if (q) {
        const pattern = searchPattern(q);
        query = query.where((eb) =>
          eb.or([eb(sql`f_search(display_name)`, 'like', sql`f_search(${pattern})`), eb(sql`lower(email)`, 'like', pattern.toLowerCase())]),
        );
      }
      const users = await query.execute();
      const ids = users.map((u) => u.id);
      const roles = ids.length
        ? await assignmentsQuery(db).where('r.user_id', 'in', ids).orderBy('t.name').orderBy('r.role').execute()
        : [];
      return users.map((u) => ({
        id: u.id,
        email: u.email,
        displayName: u.display_name,
        isAdmin: u.is_admin,
        disabledAt: u.disabled_at,
        createdAt: u.created_at,
        roles: roles.filter((r) => r.user_id === u.id).map(toAssignment),
      }));
    },

    async findTerritory(id) {
      return db.selectFrom('territories').select(['id', 'name', 'kind']).where('id', '=', id).executeTakeFirst();
    },
    async searchTerritories({ q, within, limit }) {
      if (within !== null && within.length === 0) return [];
      let query = db.selectFrom('territories').select(['id', 'name', 'kind']);
      if (within !== null) query = query.where('id', '=', sql<string>`any(${within as string[]}::uuid[])`);
      // search_name is f_search(name), stored and trigram-indexed (territories migration 0020).
      if (q) query = query.where('search_name', 'like', sql<string>`f_search(${searchPattern(q)})`);
      query = query.where('retired', '=', false);
      // Custom territories (quartiers, QPV…) first, then the official ones, by name.
      return query
        .orderBy(
          sql`case kind when 'quartier' then 0 when 'qpv' then 0 when 'ruralite' then 0 when 'epci' then 1 when 'commune' then 2 else 3 end`,
        )
        .orderBy('name')
        .limit(limit)
        .execute();
    },
    async territoryScope(territoryId) {
      return (await territoryScope(db, [territoryId])).get(territoryId) ?? [];
    },
    async grantRole({ userId, role, territoryId, title, createdBy }) {
      const row = await db
        .insertInto('role_assignments')
        .values({ user_id: userId, role, territory_id: territoryId, title, created_by: createdBy })
        .onConflict((oc) =>
          oc.columns(['user_id', 'role', 'territory_id']).doUpdateSet({ title: sql`coalesce(excluded.title, role_assignments.title)` }),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      return toAssignment(await assignmentsQuery(db).where('r.id', '=', row.id).executeTakeFirstOrThrow());
    },
    async rolesOfUser(userId) {
      return (await assignmentsQuery(db).where('r.user_id', '=', userId).orderBy('t.name').orderBy('r.role').execute()).map(toAssignment);
    },
    async findRoleAssignment(id) {
      const row = await assignmentsQuery(db).where('r.id', '=', id).executeTakeFirst();
      return row ? toAssignment(row) : undefined;
    },
    async deleteRoleAssignment(id) {
      await db.deleteFrom('role_assignments').where('id', '=', id).execute();
    },

    async createInvitation(invitation) {
      const row = await db
        .insertInto('invitations')
        .values({
          token_hash: invitation.tokenHash,
          email: invitation.email,
          role: invitation.role,
          territory_id: invitation.territoryId,
          title: invitation.title,
          invited_by: invitation.invitedBy,
          expires_at: invitation.expiresAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return toInvitation(await invitationsQuery(db).where('i.id', '=', row.id).executeTakeFirstOrThrow());
    },
    async findInvitationById(id) {
      const row = await invitationsQuery(db).where('i.id', '=', id).executeTakeFirst();
      return row ? toInvitation(row) : undefined;
    },
    async findInvitationByTokenHash(tokenHash) {
      const row = await invitationsQuery(db).where('i.token_hash', '=', tokenHash).executeTakeFirst();
      return row ? toInvitation(row) : undefined;
    },
    async listInvitations({ within, limit }) {
      if (within !== null && within.length === 0) return [];
      let query = invitationsQuery(db).orderBy('i.created_at', 'desc').orderBy('i.id').limit(limit);
      if (within !== null) query = query.where('i.territory_id', '=', sql<string>`any(${within as string[]}::uuid[])`);
      return (await query.execute()).map(toInvitation);
    },
    async claimInvitation(id, now) {
      const result = await db
        .updateTable('invitations')
        .set({ accepted_at: now })
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async setInvitationUser(id, userId) {
      await db.updateTable('invitations').set({ accepted_user_id: userId }).where('id', '=', id).execute();
      // An invitation made for a collective's seat links the account to it.
      await linkInvitedSeats(db, id, userId);
    },
    async revokeInvitation(id, byUserId, now) {
      const result = await db
        .updateTable('invitations')
        .set({ revoked_at: now, revoked_by: byUserId })
        .where('id', '=', id)
        .where('accepted_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async listAudit({ within, before, limit }) {
      if (within !== null && within.length === 0) return [];
      let query = db
        .selectFrom('audit_log as a')
        .leftJoin('users as u', 'u.id', 'a.actor_user_id')
        .leftJoin('territories as t', 't.id', 'a.territory_id')
        .select([
          'a.id',
          'a.at',
          'a.actor_user_id',
          'u.display_name as actor_name',
          'a.action',
          'a.entity_type',
          'a.entity_id',
          'a.territory_id',
          't.name as territory_name',
          'a.details',
        ])
        .orderBy('a.id', 'desc')
        .limit(limit);
      if (within !== null) query = query.where('a.territory_id', '=', sql<string>`any(${within as string[]}::uuid[])`);
      if (before) query = query.where('a.id', '<', before);
      return (await query.execute()).map((r) => ({
        id: Number(r.id),
        at: r.at,
        actorUserId: r.actor_user_id,
        actorName: r.actor_name,
        action: r.action,
        entityType: r.entity_type,
        entityId: r.entity_id,
        territoryId: r.territory_id,
        territoryName: r.territory_name,
        details: r.details ?? {},
      }));
    },
  };
}
