import { type Actor, hasRoleOn, isAdmin } from '../accounts/index';
import type { PolicyContext, Rule } from '../policy-types';

/** The caller holds a seat of the collective, with an account linked to it, and has not left. */
export const isCollectiveMember = (actor: Actor, ctx: PolicyContext): boolean =>
  actor.kind === 'user' && (ctx.collectiveMemberUserIds ?? []).includes(actor.userId);

const territoriesOf = (ctx: PolicyContext): readonly string[] => ctx.territoryIds ?? (ctx.territoryId ? [ctx.territoryId] : []);

/** Permissions of collectives. */
export const collectivesRules = {
  /** "My collectives": any signed-in user; the handler keeps the territories they hold a role on (all for admins). */
  'collective.list': (actor: Actor) => actor.kind === 'user',
  /** A collective and its sheet: anyone with a role on its territory, and its members with an account. */
  'collective.read': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) ||
    hasRoleOn(actor, ['coordinator', 'facilitator', 'member', 'reviewer'], ctx.territoryId) ||
    isCollectiveMember(actor, ctx),
  /** Answering the guiding questions: coordinators, facilitators and members of the territory. */
  'collective.write': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) || hasRoleOn(actor, ['coordinator', 'facilitator', 'member'], ctx.territoryId),
  /**
   * The workspace (sheet, steps, members and roles, comments, asking for support) and the members'
   * contact details: the collective's members with an account, the territory's coordinators, admins.
   */
  'collective.edit': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) || hasRoleOn(actor, ['coordinator'], ctx.territoryId) || isCollectiveMember(actor, ctx),
  /** Answering requests for support, and the territory's list of them: its coordinators, admins. */
  'collective.support': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) || territoriesOf(ctx).some((t) => hasRoleOn(actor, ['coordinator'], t)),
  /** Creating a collective by hand: the territory's coordinators and facilitators, admins. */
  'collective.create': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) || hasRoleOn(actor, ['coordinator', 'facilitator'], ctx.territoryId),
  /**
   * Naming a person or an organisation of the ecosystem in a collective (a member, a key actor, a
   * resource person): who works on one of its territories, admins.
   */
  'collective.name': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) || territoriesOf(ctx).some((t) => hasRoleOn(actor, ['coordinator', 'facilitator', 'member'], t)),
} satisfies Record<string, Rule>;
