import { type Actor, hasRoleOn, isAdmin } from '../accounts/index';
import type { PolicyContext, Rule } from '../policy-types';

function contextTerritories(ctx: PolicyContext): readonly string[] {
  return ctx.territoryIds ?? (ctx.territoryId ? [ctx.territoryId] : []);
}

/**
 * Administrators, or coordinators whose scope covers EVERY territory concerned: a coordinator
 * of an EPCI may draw a quartier across its communes, not into a neighbouring commune.
 */
function coordinatorOfAll(actor: Actor, ctx: PolicyContext): boolean {
  if (isAdmin(actor)) return true;
  const ids = contextTerritories(ctx);
  return ids.length > 0 && ids.every((t) => hasRoleOn(actor, ['coordinator'], t));
}

/** Permissions of the territories capability. */
export const territoriesRules = {
  /** France's divisions and custom territories are public knowledge. */
  'territory.read': () => true,
  /** A quartier, QPV or ruralité area: administrators, or coordinators of all its communes. */
  'territory.create': coordinatorOfAll,
  /** Context: the territory, its current communes and the new ones. */
  'territory.update': coordinatorOfAll,
  /** Context: the territory and its communes. */
  'territory.delete': coordinatorOfAll,
} satisfies Record<string, Rule>;
