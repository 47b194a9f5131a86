import { type Actor, hasRoleOn, isAdmin, isUser } from '../accounts/index';
import type { PolicyContext, Rule } from '../policy-types';

/** What the rules of calls look at besides territories: who applies and who reviews. */
export interface CallsContext extends PolicyContext {
  /** Users with an account linked to a person of one of the application's structures (its applicants). */
  readonly memberUserIds?: readonly string[];
  /** The reviewers of the co-funders concerned (of the call, or of the one funder a review is for). */
  readonly reviewerUserIds?: readonly string[];
}

const territoriesOf = (ctx: PolicyContext): readonly string[] => ctx.territoryIds ?? (ctx.territoryId ? [ctx.territoryId] : []);
const hasOn = (actor: Actor, ctx: PolicyContext, roles: Parameters<typeof hasRoleOn>[1]) =>
  territoriesOf(ctx).some((t) => hasRoleOn(actor, roles, t));
/** The call's own territory: its team (coordinators) acts there only, not on a commune below it. */
const isTeam = (actor: Actor, ctx: PolicyContext) => isAdmin(actor) || hasRoleOn(actor, ['coordinator'], ctx.territoryId);
const listed = (actor: Actor, ids: readonly string[] | undefined) => actor.kind === 'user' && (ids ?? []).includes(actor.userId);

/**
 * Permissions of calls for projects. The call's team is the territory's coordinators (the local
 * politique de la ville team); applicants are the people of the applying structures; reviewers are
 * named per co-funder and see only their funder's notes until the committee.
 */
export const callsRules = {
  /** Listing calls: any signed-in user (the handler keeps the calls they may read). */
  'call.list': (actor: Actor) => isUser(actor),
  /** A call, its note de cadrage and calendar: anyone with a role on a territory it reaches (an EPCI's communes too), or a reviewer of one of its funders. */
  'call.read': (actor: Actor, ctx: CallsContext) =>
    isAdmin(actor) || hasOn(actor, ctx, ['coordinator', 'facilitator', 'member', 'reviewer']) || listed(actor, ctx.reviewerUserIds),
  /** Launching and editing a call, its funders and reviewers, the committee's table: the territory's coordinators. */
  'call.manage': (actor: Actor, ctx: PolicyContext) => isTeam(actor, ctx),
  /** Drafting an application: people who work on the territory (the handler checks they belong to the lead structure). */
  'application.create': (actor: Actor, ctx: PolicyContext) => isAdmin(actor) || hasOn(actor, ctx, ['coordinator', 'facilitator', 'member']),
  /** Reading a file: its applicants, the call's team, the reviewers of the call's funders. */
  'application.read': (actor: Actor, ctx: CallsContext) =>
    isTeam(actor, ctx) || listed(actor, ctx.memberUserIds) || listed(actor, ctx.reviewerUserIds),
  /** Writing a file (action, budget, documents, compte rendu) and moving it as applicant: its applicants (and the call's team, who may help). */
  'application.edit': (actor: Actor, ctx: CallsContext) => isTeam(actor, ctx) || listed(actor, ctx.memberUserIds),
  /** Reviewing a file for one funder: that funder's reviewers only. */
  'application.review': (actor: Actor, ctx: CallsContext) => listed(actor, ctx.reviewerUserIds),
  /** Moving a file as the call's team, and recording the committee's votes: the territory's coordinators. */
  'application.decide': (actor: Actor, ctx: PolicyContext) => isTeam(actor, ctx),
} satisfies Record<string, Rule>;
