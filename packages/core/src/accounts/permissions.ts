import { type Actor, hasRole, hasRoleOn, isAdmin, isUser } from './actor';
import type { PolicyContext, Rule } from '../policy-types';

/** Permissions of the accounts capability. */
export const accountsRules = {
  /** Reading one's own session (answers "anonymous" too). */
  'session.read': () => true,
  /** Logging in, accepting an invitation, the first-run setup: open to anyone, guarded by the use case. */
  'session.create': () => true,
  'account.self': (actor: Actor) => isUser(actor),
  'users.manage': (actor: Actor) => isAdmin(actor),
  'audit.read': (actor: Actor) => isAdmin(actor) || hasRole(actor, ['coordinator']),
  /** Inviting someone with a role on a territory: administrators, or coordinators of that territory. */
  'invitation.create': (actor: Actor, ctx: PolicyContext) => isAdmin(actor) || hasRoleOn(actor, ['coordinator'], ctx.territoryId),
  'invitation.list': (actor: Actor) => isAdmin(actor) || hasRole(actor, ['coordinator']),
} satisfies Record<string, Rule>;
