import { type Actor, hasRoleOn, isAdmin } from '../accounts/actor';
import type { PolicyContext, Rule } from '../policy-types';

/** Permissions of the territories capability. */
export const territoriesRules = {
  /** France's divisions and custom territories are public knowledge. */
  'territory.read': () => true,
  /** A quartier, QPV or ruralité area: administrators, or coordinators of one of its communes. */
  'territory.create': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) || (ctx.territoryIds ?? (ctx.territoryId ? [ctx.territoryId] : [])).some((t) => hasRoleOn(actor, ['coordinator'], t)),
} satisfies Record<string, Rule>;
