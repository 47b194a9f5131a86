import { type Actor, hasRoleOn, isAdmin } from '../accounts/index';
import type { PolicyContext, Rule } from '../policy-types';

const on = (actor: Actor, ctx: PolicyContext, roles: readonly ('coordinator' | 'facilitator')[]) =>
  isAdmin(actor) || hasRoleOn(actor, roles, ctx.territoryId);

/** Permissions of the events capability (cooperation days). */
export const eventsRules = {
  /** Published events, their programme and the public registration form are public; drafts are hidden by the handler. */
  'event.read': () => true,
  /** Creating a cooperation day on a territory: its coordinators. */
  'event.create': (actor: Actor, ctx: PolicyContext) => on(actor, ctx, ['coordinator']),
  /** Editing, publishing, programme, "à retenir": coordinators of the event's territory. */
  'event.manage': (actor: Actor, ctx: PolicyContext) => on(actor, ctx, ['coordinator']),
  /** The list of registrations, exports and printed material with names: coordinators and facilitators. */
  'event.registrations.read': (actor: Actor, ctx: PolicyContext) => on(actor, ctx, ['coordinator', 'facilitator']),
  /** Creating people and organisations of the ecosystem from registrations: coordinators of the event's territory. */
  'event.registrations.ecosystem': (actor: Actor, ctx: PolicyContext) => on(actor, ctx, ['coordinator']),
  /** The public form's organisation search (id, name, commune only): anyone, rate-limited by the handler. */
  'event.organisations.search': () => true,
  /**
   * The day on a laptop: downloading the venue file (personal data of everyone registered, the
   * facilitators' password hashes) and importing the return: coordinators of the event's territory.
   */
  'event.venue': (actor: Actor, ctx: PolicyContext) => on(actor, ctx, ['coordinator']),
  /** Check-in and walk-ins on the day: coordinators and facilitators. */
  'event.checkin': (actor: Actor, ctx: PolicyContext) => on(actor, ctx, ['coordinator', 'facilitator']),
  /** Registering, and managing one's registration through the personal link: anyone holding the link. */
  'registration.create': () => true,
  'registration.self': () => true,
} satisfies Record<string, Rule>;
