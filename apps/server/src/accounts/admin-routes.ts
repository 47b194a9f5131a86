import { accountsEndpoints as api } from '@maillage/core';
import { grantRole, listUsers, readAuditLog, revokeRole, setUserDisabled, type UserSummary } from '@maillage/core';
import { accountsRepo, type OutboxFailure, outboxRepo } from '@maillage/db';
import type { AppDeps } from '../deps';
import { Problem } from '../http/problem';
import { defineRoute } from '../http/route';

function usersDeps(deps: AppDeps) {
  return { repo: accountsRepo(deps.store.db), now: deps.now };
}

function presentUser(u: UserSummary) {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    isAdmin: u.isAdmin,
    disabled: u.disabledAt !== null,
    createdAt: u.createdAt.toISOString(),
    roles: u.roles.map((r) => ({ id: r.id, role: r.role, territoryId: r.territoryId, territoryName: r.territoryName, title: r.title })),
  };
}

const getUsers = defineRoute({
  ...api.getUsers,
  summary: 'Utilisateurs et leurs rôles (administrateurs)',
  tags: ['comptes'],
  action: 'users.manage',
  handler: async ({ query }, { deps }) => (await listUsers(usersDeps(deps), query)).map(presentUser),
});

const patchUser = defineRoute({
  ...api.patchUser,
  summary: 'Désactiver (ses sessions prennent fin) ou réactiver un utilisateur',
  tags: ['comptes'],
  action: 'users.manage',
  refs: [{ at: 'params.id', kind: 'user' }],
  async handler({ params, body }, { deps, actor }) {
    const result = await setUserDisabled(usersDeps(deps), actor, { userId: params.id, disabled: body.disabled });
    if (!result.ok) throw new Problem(result.error);
    return result.value;
  },
});

const postRole = defineRoute({
  ...api.postRole,
  summary: 'Donner un rôle sur un territoire',
  tags: ['comptes'],
  action: 'users.manage',
  refs: [
    { at: 'params.id', kind: 'user' },
    { at: 'body.territoryId', kind: 'territory' },
  ],
  async handler({ params, body }, { deps, actor }) {
    const result = await grantRole(usersDeps(deps), actor, { userId: params.id, ...body });
    if (!result.ok) throw new Problem(result.error);
    const r = result.value;
    return { id: r.id, role: r.role, territoryId: r.territoryId, territoryName: r.territoryName, title: r.title };
  },
});

const deleteRole = defineRoute({
  ...api.deleteRole,
  summary: 'Retirer un rôle',
  tags: ['comptes'],
  action: 'users.manage',
  refs: [
    { at: 'params.id', kind: 'user' },
    { at: 'params.assignmentId', checkedBy: 'looked up among the user’s own roles (use case)' },
  ],
  async handler({ params }, { deps, actor }) {
    const result = await revokeRole(usersDeps(deps), actor, { userId: params.id, assignmentId: params.assignmentId });
    if (!result.ok) throw new Problem(result.error);
    const r = result.value;
    return { id: r.id, role: r.role, territoryId: r.territoryId, territoryName: r.territoryName, title: r.title };
  },
});

const getAudit = defineRoute({
  ...api.getAudit,
  summary: 'Journal des modifications (administrateurs : tout ; coordinateurs : leurs territoires)',
  tags: ['comptes'],
  action: 'audit.read',
  refs: [{ at: 'query.territoryId', kind: 'territory' }],
  async handler({ query }, { deps, actor }) {
    const entries = await readAuditLog(usersDeps(deps), actor, query);
    return entries.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorName: e.actorName,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      territoryId: e.territoryId,
      territoryName: e.territoryName,
      details: e.details,
    }));
  },
});

const presentFailure = (m: OutboxFailure) => ({
  ...m,
  createdAt: m.createdAt.toISOString(),
  nextAttemptAt: m.nextAttemptAt.toISOString(),
});

const getOutboxFailures = defineRoute({
  ...api.getOutboxFailures,
  summary: 'E-mails non remis qui ont échoué au moins une fois (administrateurs) : encore réessayés, ou abandonnés après 10 essais',
  tags: ['comptes'],
  action: 'users.manage',
  async handler(_input, { deps }) {
    return { messages: (await outboxRepo(deps.store.db).failures()).map(presentFailure) };
  },
});

const retryOutboxMessage = defineRoute({
  ...api.retryOutboxMessage,
  summary: 'Réessayer un e-mail non remis tout de suite, ses essais comptés de nouveau depuis zéro',
  tags: ['comptes'],
  action: 'users.manage',
  refs: [{ at: 'params.id', checkedBy: 'an outbox message: administrators only, it belongs to no territory' }],
  async handler({ params }, { deps }) {
    const message = await outboxRepo(deps.store.db).retryNow(params.id, deps.now());
    if (!message) throw new Problem('outbox_message_not_found');
    return presentFailure(message);
  },
});

export const adminRoutes = [getUsers, patchUser, postRole, deleteRole, getAudit, getOutboxFailures, retryOutboxMessage];
