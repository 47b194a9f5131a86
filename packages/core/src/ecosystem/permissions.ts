import { type Actor, hasRoleOn, isAdmin, isUser } from '../accounts/index';
import type { PolicyContext, Rule } from '../policy-types';

/**
 * What the ecosystem's rules look at besides the territories: the user ids of the people who
 * belong to the organisation(s) concerned (the members of a relation's two organisations), or
 * the user account of the person a record is about (`ownerUserId`).
 */
export interface EcosystemContext extends PolicyContext {
  readonly memberUserIds?: readonly string[];
}

const territoriesOf = (ctx: PolicyContext): readonly string[] => ctx.territoryIds ?? (ctx.territoryId ? [ctx.territoryId] : []);

const coordinatesOneOf = (actor: Actor, ctx: PolicyContext) => territoriesOf(ctx).some((t) => hasRoleOn(actor, ['coordinator'], t));

const worksOn = (actor: Actor, ctx: PolicyContext) =>
  territoriesOf(ctx).some((t) => hasRoleOn(actor, ['coordinator', 'facilitator', 'member'], t));

const isMember = (actor: Actor, ctx: EcosystemContext) => actor.kind === 'user' && (ctx.memberUserIds ?? []).includes(actor.userId);

const isOwner = (actor: Actor, ctx: PolicyContext) =>
  actor.kind === 'user' && ctx.ownerUserId !== undefined && ctx.ownerUserId === actor.userId;

/** Permissions of the ecosystem capability (actors, people, cooperation relations). */
export const ecosystemRules = {
  /** Directory, organisation pages, map (levels filtered per relation), dashboards: any signed-in user. */
  'ecosystem.read': (actor: Actor) => isUser(actor),
  /** Creating or editing an organisation or a person: who works on one of its territories. */
  'ecosystem.write': (actor: Actor, ctx: PolicyContext) => isAdmin(actor) || worksOn(actor, ctx),
  /**
   * Editing an organisation's record: its own members (the people linked to the organisation
   * whose user account is the caller), and coordinators of one of its territories. Everyone else
   * who works on its territories proposes a change (`organisation.propose`).
   */
  'organisation.edit': (actor: Actor, ctx: EcosystemContext) => isAdmin(actor) || coordinatesOneOf(actor, ctx) || isMember(actor, ctx),
  /** Proposing a change to an organisation: who works on one of its territories, or belongs to it. */
  'organisation.propose': (actor: Actor, ctx: EcosystemContext) => isAdmin(actor) || worksOn(actor, ctx) || isMember(actor, ctx),
  /** Accepting or refusing a proposed change: who may edit the organisation (its members, its coordinators). */
  'organisation.decide': (actor: Actor, ctx: EcosystemContext) => isAdmin(actor) || coordinatesOneOf(actor, ctx) || isMember(actor, ctx),
  /** Themes of a territory, merges, CSV imports: coordinators of the territory. */
  'ecosystem.curate': (actor: Actor, ctx: PolicyContext) => isAdmin(actor) || coordinatesOneOf(actor, ctx),
  /** Exports of a territory's ecosystem: those who work on it (the export holds only what they may see). */
  'ecosystem.export': (actor: Actor, ctx: PolicyContext) => isAdmin(actor) || worksOn(actor, ctx),
  /**
   * A relation's levels, notes and history: coordinators of a territory of either organisation,
   * and members of the two organisations. Everyone else sees only aggregates.
   */
  'relation.read': (actor: Actor, ctx: EcosystemContext) => isAdmin(actor) || coordinatesOneOf(actor, ctx) || isMember(actor, ctx),
  /** Assessing a relation on behalf of an organisation: its members, or a coordinator of its territory. */
  'relation.assess': (actor: Actor, ctx: EcosystemContext) => isAdmin(actor) || coordinatesOneOf(actor, ctx) || isMember(actor, ctx),
  /** A person's contact details: coordinators of their territory, and the person. */
  'person.contact.read': (actor: Actor, ctx: PolicyContext) => isAdmin(actor) || coordinatesOneOf(actor, ctx) || isOwner(actor, ctx),
  /** Exporting one's own data (RGPD); administrators act on request. */
  'person.self': (actor: Actor, ctx: PolicyContext) => isAdmin(actor) || isOwner(actor, ctx),
  /**
   * Erasing a person (RGPD): the person herself, or an administrator on request; a person without
   * a user account (nobody to ask herself) may also be erased by a coordinator of her territory.
   */
  'person.erase': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) || isOwner(actor, ctx) || (ctx.ownerUserId === undefined && coordinatesOneOf(actor, ctx)),
  /** Declaring that one knows someone: the person, or a coordinator of their territory. */
  'acquaintance.declare': (actor: Actor, ctx: PolicyContext) => isAdmin(actor) || isOwner(actor, ctx) || coordinatesOneOf(actor, ctx),
  /** A territory's dashboard and "who should we mobilise": anyone holding a role on the territory. */
  'ecosystem.territory': (actor: Actor, ctx: PolicyContext) =>
    isAdmin(actor) || territoriesOf(ctx).some((t) => hasRoleOn(actor, ['coordinator', 'facilitator', 'member', 'reviewer'], t)),
} satisfies Record<string, Rule>;
