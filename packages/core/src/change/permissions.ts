import { type Actor, hasRoleOn, isAdmin } from '../accounts/index';
import type { PolicyContext, Rule } from '../policy-types';

/** Permissions of change pathways. */
export const changeRules = {
  /** Listing: any signed-in user; the handler keeps what they may read. */
  'pathway.list': (actor: Actor) => actor.kind === 'user',
  /** A territory's pathway is read by everyone with a role on it; a collective's, by its territory and its members. */
  'pathway.read': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) || hasRoleOn(actor, ['coordinator', 'facilitator', 'member', 'reviewer'], ctx.territoryId),
  /** Writing a territory's pathway: its coordinators and facilitators (who run the workshops). */
  'pathway.write': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) || hasRoleOn(actor, ['coordinator', 'facilitator'], ctx.territoryId),
} satisfies Record<string, Rule>;
