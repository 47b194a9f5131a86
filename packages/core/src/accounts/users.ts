import { fail, ok, type Result } from '../shared/result';
import { type Actor, isUser, type Role } from './actor';
import { coordinatedScope } from './invitations';
import type { AccountsRepo, AuditEntry, RoleAssignment, UserSummary } from './ports';

export interface UsersDeps {
  readonly repo: AccountsRepo;
  readonly now: () => Date;
}

/** Every user with their roles (administrators only: the route's policy says so). */
export function listUsers(deps: UsersDeps, filter: { q?: string | undefined }): Promise<UserSummary[]> {
  return deps.repo.listUsers({ q: filter.q, limit: 500 });
}

/** Disables (every session ends at once) or enables a user. Nobody disables themselves. */
export async function setUserDisabled(
  deps: UsersDeps,
  actor: Actor,
  input: { userId: string; disabled: boolean },
): Promise<Result<{ sessionsEnded: number }, 'user_not_found' | 'cannot_disable_self' | 'forbidden'>> {
  if (!isUser(actor)) return fail('forbidden');
  if (input.disabled && input.userId === actor.userId) return fail('cannot_disable_self');
  const user = await deps.repo.findUserById(input.userId);
  if (!user) return fail('user_not_found');
  const sessionsEnded = await deps.repo.transaction(async (tx) => {
    await tx.setDisabled(user.id, input.disabled ? deps.now() : null);
    const n = input.disabled ? await tx.deleteSessionsOfUser(user.id) : 0;
    await tx.audit({
      actorUserId: actor.userId,
      action: input.disabled ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: user.id,
      details: { email: user.email, sessionsEnded: n },
    });
    return n;
  });
  return ok({ sessionsEnded });
}

/** Grants a role on a territory (kept once: granting it again updates the title). */
export async function grantRole(
  deps: UsersDeps,
  actor: Actor,
  input: { userId: string; role: Role; territoryId: string; title?: string | undefined },
): Promise<Result<RoleAssignment, 'user_not_found' | 'territory_not_found' | 'forbidden'>> {
  if (!isUser(actor)) return fail('forbidden');
  const [user, territory] = await Promise.all([deps.repo.findUserById(input.userId), deps.repo.findTerritory(input.territoryId)]);
  if (!user) return fail('user_not_found');
  if (!territory) return fail('territory_not_found');
  const title = input.role === 'coordinator' && input.title ? input.title : null;
  const assignment = await deps.repo.transaction(async (tx) => {
    const a = await tx.grantRole({ userId: user.id, role: input.role, territoryId: territory.id, title, createdBy: actor.userId });
    await tx.audit({
      actorUserId: actor.userId,
      action: 'role.grant',
      entityType: 'user',
      entityId: user.id,
      territoryId: territory.id,
      details: { email: user.email, role: input.role, title, roleAssignmentId: a.id },
    });
    return a;
  });
  return ok(assignment);
}

/** Withdraws a role a user holds on a territory. */
export async function revokeRole(
  deps: UsersDeps,
  actor: Actor,
  input: { userId: string; assignmentId: string },
): Promise<Result<RoleAssignment, 'role_not_found' | 'forbidden'>> {
  if (!isUser(actor)) return fail('forbidden');
  const assignment = await deps.repo.findRoleAssignment(input.assignmentId);
  if (!assignment || assignment.userId !== input.userId) return fail('role_not_found');
  await deps.repo.transaction(async (tx) => {
    await tx.deleteRoleAssignment(assignment.id);
    await tx.audit({
      actorUserId: actor.userId,
      action: 'role.revoke',
      entityType: 'user',
      entityId: assignment.userId,
      territoryId: assignment.territoryId,
      details: { role: assignment.role, title: assignment.title, roleAssignmentId: assignment.id },
    });
  });
  return ok(assignment);
}

/**
 * The audit log as the actor may read it: administrators read every entry; coordinators the
 * entries about the territories they coordinate. Newest first, by pages of `limit`.
 */
export async function readAuditLog(
  deps: UsersDeps,
  actor: Actor,
  filter: { territoryId?: string | undefined; before?: number | undefined; limit: number },
): Promise<AuditEntry[]> {
  const scope = coordinatedScope(actor);
  let within = scope;
  if (filter.territoryId) {
    const below = await deps.repo.territoryScope(filter.territoryId);
    within = scope === null ? below : below.filter((id) => scope.includes(id));
  }
  if (within !== null && within.length === 0) return [];
  return deps.repo.listAudit({ within, before: filter.before, limit: filter.limit });
}
