import { type Actor, hasRoleOn, isAdmin, isUser } from '../accounts/index';
import { isCollectiveMember } from '../collectives/index';
import type { PolicyContext, Rule } from '../policy-types';

/** What the evaluation rules look at besides territories: the users who belong to an organisation. */
export interface EvaluationContext extends PolicyContext {
  readonly memberUserIds?: readonly string[];
}

const territoriesOf = (ctx: PolicyContext): readonly string[] => ctx.territoryIds ?? (ctx.territoryId ? [ctx.territoryId] : []);
const hasOn = (actor: Actor, ctx: PolicyContext, roles: Parameters<typeof hasRoleOn>[1]) =>
  territoriesOf(ctx).some((t) => hasRoleOn(actor, roles, t));
const isMember = (actor: Actor, ctx: EvaluationContext) => actor.kind === 'user' && (ctx.memberUserIds ?? []).includes(actor.userId);

/** Permissions of evaluation: shared indicators and their measurements, observed changes, barometer, quiz. */
export const evaluationRules = {
  /** Listing indicators, what one owes, the quiz: any signed-in user (the handler keeps what they may read). */
  'indicator.list': (actor: Actor) => isUser(actor),
  /** An indicator, its measurements and charts: anyone with a role on its territory. */
  'indicator.read': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) || hasOn(actor, ctx, ['coordinator', 'facilitator', 'member', 'reviewer']),
  /** Defining indicators, naming their reporters, importing measurements, seeing who is late: coordinators and facilitators. */
  'indicator.write': (actor: Actor, ctx: PolicyContext) => isAdmin(actor) || hasOn(actor, ctx, ['coordinator', 'facilitator']),
  /**
   * Reporting a value for an organisation: the people of that organisation who have an account
   * (the ecosystem's person ↔ user link), or a coordinator of one of its territories (the
   * backbone, who may enter a partner's figure sent by mail). Nobody reports for another partner.
   */
  'measurement.report': (actor: Actor, ctx: EvaluationContext) =>
    isAdmin(actor) || hasOn(actor, ctx, ['coordinator']) || isMember(actor, ctx),
  /** A territory's observed changes and their timeline: anyone with a role on it. */
  'observation.read': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) || hasOn(actor, ctx, ['coordinator', 'facilitator', 'member', 'reviewer']),
  /** Recording what changed, and tying it to a pathway's change: those who work on the territory. */
  'observation.write': (actor: Actor, ctx: PolicyContext) => isAdmin(actor) || hasOn(actor, ctx, ['coordinator', 'facilitator', 'member']),
  /** The continuum over time and the barometer's results: anyone with a role on the territory. */
  'barometer.read': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) || hasOn(actor, ctx, ['coordinator', 'facilitator', 'member', 'reviewer']),
  /** Opening and closing a run (and seeing its link): coordinators and facilitators. */
  'barometer.manage': (actor: Actor, ctx: PolicyContext) => isAdmin(actor) || hasOn(actor, ctx, ['coordinator', 'facilitator']),
  /**
   * Sharing one's quiz result with a collective: who works on its territory, and the collective's
   * own members (a resident or a partner from elsewhere holds a seat without a role there). The
   * link says whose result it is.
   */
  'quiz.share': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) || hasOn(actor, ctx, ['coordinator', 'facilitator', 'member']) || isCollectiveMember(actor, ctx),
  /** A collective's mix of profiles and motivations (never a person's result): who may read the collective. */
  'quiz.mix': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) || hasOn(actor, ctx, ['coordinator', 'facilitator', 'member', 'reviewer']) || isCollectiveMember(actor, ctx),
} satisfies Record<string, Rule>;
