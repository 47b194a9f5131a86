import { type Actor, hasRoleOn, isAdmin } from '../accounts/actor';
import type { PolicyContext, Rule } from '../policy-types';

/** Permissions of collectives. */
export const collectivesRules = {
  /** The collectives of a territory: anyone with a role on it (members included). */
  'collective.read': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) || hasRoleOn(actor, ['coordinator', 'facilitator', 'member', 'reviewer'], ctx.territoryId),
  /** Answering the guiding questions: coordinators, facilitators and members of the territory. */
  'collective.write': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) || hasRoleOn(actor, ['coordinator', 'facilitator', 'member'], ctx.territoryId),
} satisfies Record<string, Rule>;
