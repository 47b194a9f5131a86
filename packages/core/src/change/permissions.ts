import { type Actor, hasRoleOn, isAdmin } from '../accounts/index';
import type { PolicyContext, Rule } from '../policy-types';

/** The territories a context names: a pathway's one, or every territory of an organisation named in it. */
const territoriesOf = (ctx: PolicyContext): readonly string[] => ctx.territoryIds ?? (ctx.territoryId ? [ctx.territoryId] : []);

/** Permissions of change pathways. */
export const changeRules = {
  /** Listing: any signed-in user; the handler keeps what they may read. */
  'pathway.list': (actor: Actor) => actor.kind === 'user',
  /**
   * A territory's pathway is read by everyone with a role on it; a collective's, by those of its
   * territory. An organisation named in a pathway (an actor, who carries an action) is judged on
   * its territories: one may name it when one works on one of them.
   */
  'pathway.read': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) || territoriesOf(ctx).some((t) => hasRoleOn(actor, ['coordinator', 'facilitator', 'member', 'reviewer'], t)),
  /** Writing a territory's pathway: its coordinators and facilitators (who run the workshops). */
  'pathway.write': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) || territoriesOf(ctx).some((t) => hasRoleOn(actor, ['coordinator', 'facilitator'], t)),
} satisfies Record<string, Rule>;
