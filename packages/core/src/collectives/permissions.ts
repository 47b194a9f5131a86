import { type Actor, hasRoleOn, isAdmin } from '../accounts/index';
import type { PolicyContext, Rule } from '../policy-types';

/** Permissions of collectives. */
export const collectivesRules = {
  /** "My collectives": any signed-in user; the handler keeps the territories they hold a role on (all for admins). */
  'collective.list': (actor: Actor) => actor.kind === 'user',
  /** The collectives of a territory: anyone with a role on it (members included). */
  'collective.read': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) || hasRoleOn(actor, ['coordinator', 'facilitator', 'member', 'reviewer'], ctx.territoryId),
  /** Answering the guiding questions: coordinators, facilitators and members of the territory. */
  'collective.write': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) || hasRoleOn(actor, ['coordinator', 'facilitator', 'member'], ctx.territoryId),
} satisfies Record<string, Rule>;
