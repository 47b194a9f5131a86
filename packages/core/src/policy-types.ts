import type { Actor } from './accounts/actor';

/** What a rule may look at besides the actor: the territory concerned, the owner of a record… */
export interface PolicyContext {
  readonly territoryId?: string;
  /** Every territory the record belongs to (an organisation acting on several communes). */
  readonly territoryIds?: readonly string[];
  readonly ownerUserId?: string;
  readonly organisationIds?: readonly string[];
  /** A collective's current members who have an account linked to their seat (they may edit it). */
  readonly collectiveMemberUserIds?: readonly string[];
}

export type Rule = (actor: Actor, ctx: PolicyContext) => boolean;
