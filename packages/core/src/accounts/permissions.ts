import { type Actor, hasRole, hasRoleOn, isAdmin, isUser } from './actor';
import type { PolicyContext, Rule } from '../policy-types';

/** Administrators, or coordinators of `ctx.territoryId` when given, else of some territory. */
function coordinates(actor: Actor, ctx: PolicyContext): boolean {
  if (isAdmin(actor)) return true;
  return ctx.territoryId ? hasRoleOn(actor, ['coordinator'], ctx.territoryId) : hasRole(actor, ['coordinator']);
}

/** Permissions of the accounts capability. */
export const accountsRules = {
  /** Reading one's own session (answers "anonymous" too). */
  'session.read': () => true,
  /** Logging in, the first-run setup: open to anyone, guarded by the use case. */
  'session.create': () => true,
  'account.self': (actor: Actor) => isUser(actor),
  'users.manage': (actor: Actor) => isAdmin(actor),
  /** Administrators read the whole log; coordinators the entries about their territories. */
  'audit.read': coordinates,
  /** Inviting someone with a role on a territory: administrators, or coordinators of that territory. */
  'invitation.create': (actor: Actor, ctx: PolicyContext) => isAdmin(actor) || hasRoleOn(actor, ['coordinator'], ctx.territoryId),
  /** Listing invitations (of one territory when given): administrators, coordinators. */
  'invitation.list': coordinates,
  /** Revoking a pending invitation: whoever may invite on its territory. */
  'invitation.revoke': (actor: Actor, ctx: PolicyContext) => isAdmin(actor) || hasRoleOn(actor, ['coordinator'], ctx.territoryId),
  /** Seeing and accepting an invitation: whoever holds the link (the token is the credential). */
  'invitation.accept': () => true,
} satisfies Record<string, Rule>;
