import { type Actor, hasRoleOn, isAdmin } from '../accounts/index';
import type { PolicyContext, Rule } from '../policy-types';

const facilitates = (actor: Actor, ctx: PolicyContext) =>
  isAdmin(actor) || hasRoleOn(actor, ['coordinator', 'facilitator'], ctx.territoryId);

/** Permissions of live facilitation. Participants act through their room token, not a role. */
export const liveRules = {
  /** Opening a room on a territory: its facilitators and coordinators. */
  'live.room.create': facilitates,
  /** Running a room (activities, timer, moderation, exports): facilitators and coordinators of its territory. */
  'live.room.facilitate': facilitates,
  /** Joining a room with its code, showing its projector view and QR code: anyone who has the code. */
  'live.room.join': () => true,
} satisfies Record<string, Rule>;
