import { fail, ok, type Result } from '../shared/result';
import { type Actor, hasRoleOn, isAdmin, isUser, type Role } from './actor';
import type { LoginDeps, NewSession } from './login';
import { openSession } from './login';
import type { AccountsRepo, InvitationRecord, TerritoryRef, Tokens } from './ports';

/** An invitation link is valid for 14 days, once. */
export const INVITATION_DAYS = 14;

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked';

export function invitationStatus(invitation: InvitationRecord, now: Date): InvitationStatus {
  if (invitation.acceptedAt) return 'accepted';
  if (invitation.revokedAt) return 'revoked';
  if (invitation.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'pending';
}

/**
 * Territories an actor may act on as a coordinator: null for administrators (every territory),
 * else the union of the scopes of their coordinator grants.
 */
export function coordinatedScope(actor: Actor): string[] | null {
  if (isAdmin(actor)) return null;
  if (!isUser(actor)) return [];
  const ids = new Set<string>();
  for (const g of actor.grants) if (g.role === 'coordinator') for (const id of g.scope) ids.add(id);
  return [...ids];
}

export interface InvitationDeps {
  readonly repo: AccountsRepo;
  readonly tokens: Tokens;
  readonly now: () => Date;
}

/** Creates an invitation; returns it with the secret token (only its digest is stored). */
export async function createInvitation(
  deps: InvitationDeps,
  actor: Actor,
  input: { email: string; role: Role; territoryId: string; title?: string | undefined },
): Promise<Result<{ invitation: InvitationRecord; token: string }, 'territory_not_found' | 'forbidden'>> {
  if (!isUser(actor)) return fail('forbidden');
  const territory = await deps.repo.findTerritory(input.territoryId);
  if (!territory) return fail('territory_not_found');
  if (!isAdmin(actor) && !hasRoleOn(actor, ['coordinator'], territory.id)) return fail('forbidden');
  const token = deps.tokens.random();
  const title = input.role === 'coordinator' && input.title ? input.title : null;
  const invitation = await deps.repo.transaction(async (tx) => {
    const created = await tx.createInvitation({
      tokenHash: deps.tokens.digest(token),
      email: input.email,
      role: input.role,
      territoryId: territory.id,
      title,
      invitedBy: actor.userId,
      expiresAt: new Date(deps.now().getTime() + INVITATION_DAYS * 86_400_000),
    });
    await tx.audit({
      actorUserId: actor.userId,
      action: 'invitation.create',
      entityType: 'invitation',
      entityId: created.id,
      territoryId: territory.id,
      details: { email: input.email, role: input.role, title },
    });
    return created;
  });
  return ok({ invitation, token });
}

/** Invitations on the territories the actor coordinates (administrators: all), or on one of them. */
export async function listInvitations(
  deps: InvitationDeps,
  actor: Actor,
  filter: { territoryId?: string | undefined },
): Promise<InvitationRecord[]> {
  const scope = coordinatedScope(actor);
  let within = scope;
  if (filter.territoryId) {
    const below = await deps.repo.territoryScope(filter.territoryId);
    within = scope === null ? below : below.filter((id) => scope.includes(id));
  }
  return deps.repo.listInvitations({ within, limit: 200 });
}

/** Territories the actor may invite someone on, matching `q`. */
export async function invitableTerritories(deps: InvitationDeps, actor: Actor, q: string | undefined): Promise<TerritoryRef[]> {
  const within = coordinatedScope(actor);
  if (within !== null && within.length === 0) return [];
  return deps.repo.searchTerritories({ q, within, limit: 50 });
}

/** The pending invitation behind a link, or `invitation_invalid` (unknown, used, revoked, expired). */
export async function findPendingInvitation(
  deps: InvitationDeps,
  token: string,
): Promise<Result<{ invitation: InvitationRecord; accountExists: boolean }, 'invitation_invalid'>> {
  const invitation = await deps.repo.findInvitationByTokenHash(deps.tokens.digest(token));
  if (!invitation || invitationStatus(invitation, deps.now()) !== 'pending') return fail('invitation_invalid');
  return ok({ invitation, accountExists: Boolean(await deps.repo.findUserByEmail(invitation.email)) });
}

class InvitationTaken extends Error {}

export type AcceptError =
  | 'invitation_invalid'
  | 'invitation_login_required'
  | 'invitation_other_account'
  | 'invitation_details_required'
  | 'account_disabled';

/**
 * Accepts an invitation. A logged-in user whose e-mail is the invited one gets the role; an
 * anonymous visitor creates the account (name + password) and is logged in. Single use: the
 * invitation is claimed in the same transaction that creates the account and the role.
 */
export async function acceptInvitation(
  deps: LoginDeps,
  actor: Actor,
  input: { token: string; displayName?: string | undefined; password?: string | undefined },
): Promise<Result<{ userId: string; session: NewSession | null; invitation: InvitationRecord }, AcceptError>> {
  const found = await findPendingInvitation(deps, input.token);
  if (!found.ok) return found;
  const { invitation } = found.value;
  const existing = await deps.repo.findUserByEmail(invitation.email);
  if (isUser(actor)) {
    if (!existing || existing.id !== actor.userId) return fail('invitation_other_account');
  } else if (existing) {
    return fail(existing.disabledAt ? 'account_disabled' : 'invitation_login_required');
  } else if (!input.displayName || !input.password) {
    return fail('invitation_details_required', {
      fields: [...(input.displayName ? [] : ['displayName']), ...(input.password ? [] : ['password'])],
    });
  }
  // Hash before the transaction: argon2 takes tens of milliseconds.
  const passwordHash = !existing && input.password ? await deps.hasher.hash(input.password) : null;
  let userId: string;
  try {
    userId = await deps.repo.transaction(async (tx) => {
      // Claim first: a concurrent acceptance waits on this row, then finds it used and rolls back.
      if (!(await tx.claimInvitation(invitation.id, deps.now()))) throw new InvitationTaken();
      let user = existing;
      if (!user) {
        user = await tx.createUser({
          email: invitation.email,
          displayName: input.displayName as string,
          passwordHash: passwordHash as string,
          isAdmin: false,
        });
        await tx.audit({
          actorUserId: user.id,
          action: 'user.create',
          entityType: 'user',
          entityId: user.id,
          territoryId: invitation.territoryId,
          details: { email: user.email, via: 'invitation' },
        });
      }
      await tx.setInvitationUser(invitation.id, user.id);
      const grant = await tx.grantRole({
        userId: user.id,
        role: invitation.role,
        territoryId: invitation.territoryId,
        title: invitation.title,
        createdBy: invitation.invitedBy,
      });
      await tx.audit({
        actorUserId: user.id,
        action: 'invitation.accept',
        entityType: 'invitation',
        entityId: invitation.id,
        territoryId: invitation.territoryId,
        details: { email: invitation.email, role: invitation.role, roleAssignmentId: grant.id },
      });
      return user.id;
    });
  } catch (error) {
    if (error instanceof InvitationTaken) return fail('invitation_invalid');
    throw error;
  }
  let session: NewSession | null = null;
  if (!isUser(actor)) {
    const user = await deps.repo.findUserById(userId);
    if (user) session = await openSession(deps, user);
  }
  return ok({ userId, session, invitation });
}

/** Revokes a pending invitation. */
export async function revokeInvitation(
  deps: InvitationDeps,
  actor: Actor,
  invitationId: string,
): Promise<Result<InvitationRecord, 'invitation_not_found' | 'invitation_not_pending' | 'forbidden'>> {
  if (!isUser(actor)) return fail('forbidden');
  const invitation = await deps.repo.findInvitationById(invitationId);
  if (!invitation) return fail('invitation_not_found');
  if (!isAdmin(actor) && !hasRoleOn(actor, ['coordinator'], invitation.territoryId)) return fail('forbidden');
  const revoked = await deps.repo.transaction(async (tx) => {
    if (!(await tx.revokeInvitation(invitation.id, actor.userId, deps.now()))) return false;
    await tx.audit({
      actorUserId: actor.userId,
      action: 'invitation.revoke',
      entityType: 'invitation',
      entityId: invitation.id,
      territoryId: invitation.territoryId,
      details: { email: invitation.email, role: invitation.role },
    });
    return true;
  });
  if (!revoked) return fail('invitation_not_pending');
  return ok({ ...invitation, revokedAt: deps.now() });
}
