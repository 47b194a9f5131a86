import { z } from 'zod';
import { eventStatuses, participantKinds, registrationWindows, sessionKinds } from './model';

/**
 * What the events API answers, as the client reads it (JSON: dates are ISO strings). These
 * schemas are the routes' response contract (OpenAPI, and the check made in tests); the server's
 * presenters produce exactly these shapes.
 */

export const eventView = z.object({
  id: z.string(),
  slug: z.string(),
  territoryId: z.string(),
  title: z.string(),
  description: z.string(),
  audience: z.string(),
  /** `YYYY-MM-DD`. */
  startDate: z.string(),
  endDate: z.string(),
  /** `HH:MM`, Europe/Paris. */
  opensAt: z.string(),
  closesAt: z.string(),
  venueName: z.string(),
  venueAddress: z.string(),
  organisers: z.array(z.string()),
  partners: z.array(z.string()),
  themes: z.array(z.string()),
  capacity: z.number().nullable(),
  /** The last day one may register (`YYYY-MM-DD`), or null. */
  registrationClosesOn: z.string().nullable(),
  /** Whether one may register today, and why not (the day is over, the closing date has passed…). */
  registration: z.enum(registrationWindows),
  status: z.enum(eventStatuses),
  takeaways: z.array(z.string()),
  /** ISO date-time. */
  createdAt: z.string(),
});
export type EventView = z.output<typeof eventView>;

/** An event in a list, with whether the caller may manage it. */
export const eventListItemView = eventView.extend({ canManage: z.boolean() });
export type EventListItemView = z.output<typeof eventListItemView>;

export const eventRoomView = z.object({ id: z.string(), name: z.string(), capacity: z.number().nullable() });
export type EventRoomView = z.output<typeof eventRoomView>;

export const sessionSpeakerView = z.object({
  name: z.string(),
  personId: z.string().nullable().optional(),
  role: z.string().nullable().optional(),
});

export const eventSessionView = z.object({
  id: z.string(),
  kind: z.enum(sessionKinds),
  title: z.string(),
  description: z.string(),
  day: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  roomId: z.string().nullable(),
  capacity: z.number().nullable(),
  colour: z.string().nullable(),
  speakers: z.array(sessionSpeakerView),
  choosable: z.boolean(),
});
export type EventSessionView = z.output<typeof eventSessionView>;

export const conflictView = z.discriminatedUnion('code', [
  z.object({ code: z.literal('room_double_booked'), sessionIds: z.tuple([z.string(), z.string()]), roomId: z.string() }),
  z.object({ code: z.literal('speaker_double_booked'), sessionIds: z.tuple([z.string(), z.string()]), speaker: z.string() }),
  z.object({ code: z.literal('outside_day'), sessionIds: z.tuple([z.string()]) }),
  z.object({ code: z.literal('ends_before_start'), sessionIds: z.tuple([z.string()]) }),
  z.object({
    code: z.literal('capacity_above_room'),
    sessionIds: z.tuple([z.string()]),
    capacity: z.number(),
    roomCapacity: z.number(),
  }),
]);
export type ConflictView = z.output<typeof conflictView>;

export const sessionCountView = z.object({ confirmed: z.number(), waitlisted: z.number(), present: z.number() });

export const eventCountsView = z.object({
  confirmed: z.number(),
  waitlisted: z.number(),
  cancelled: z.number(),
  present: z.number(),
  walkIns: z.number(),
  lunch: z.number(),
  /** By session id. */
  sessions: z.record(z.string(), sessionCountView),
});
export type EventCountsView = z.output<typeof eventCountsView>;

/** Places left (null: unlimited), at the event and in each choosable session (by id). */
export const placesView = z.object({
  event: z.number().nullable(),
  sessions: z.record(z.string(), z.number().nullable()),
});
export type PlacesView = z.output<typeof placesView>;

export const programmeView = z.object({ rooms: z.array(eventRoomView), sessions: z.array(eventSessionView) });

/** An event as its page shows it; conflicts for those who manage it, counts for its organisers. */
export const eventDetailView = programmeView.extend({
  event: eventView,
  places: placesView,
  canManage: z.boolean(),
  canCheckIn: z.boolean(),
  conflicts: z.array(conflictView).optional(),
  counts: eventCountsView.optional(),
});
export type EventDetailView = z.output<typeof eventDetailView>;

export const savedProgrammeView = programmeView.extend({ conflicts: z.array(conflictView) });
export const programmeCheckView = z.object({ conflicts: z.array(conflictView) });

export const programmeTemplateView = z.object({
  key: z.string(),
  title: z.string(),
  description: z.string(),
  /** How many sessions the template holds. */
  sessions: z.number(),
});

export const workshopChoiceView = z.object({
  sessionId: z.string(),
  preference: z.number(),
  status: z.enum(['confirmed', 'waitlisted', 'pending', 'dropped']),
});

/** A registration without its badge code. */
export const registrationView = z.object({
  id: z.string(),
  eventId: z.string(),
  name: z.string(),
  email: z.string(),
  organisationName: z.string(),
  organisationKind: z.enum(participantKinds).nullable(),
  organisationId: z.string().nullable(),
  personId: z.string().nullable(),
  directoryConsent: z.boolean(),
  territoryId: z.string().nullable(),
  themes: z.array(z.string()),
  lunch: z.boolean(),
  accessibility: z.string(),
  status: z.enum(['confirmed', 'waitlisted', 'cancelled']),
  walkIn: z.boolean(),
  /** ISO date-time, or null when not checked in. */
  checkedInAt: z.string().nullable(),
  createdAt: z.string(),
  choices: z.array(workshopChoiceView),
});
export type RegistrationView = z.output<typeof registrationView>;

export const registrationListView = z.object({ registrations: z.array(registrationView), counts: eventCountsView });

/** A new registration, with its personal link (shown once). */
export const registrationCreatedView = z.object({ registration: registrationView, token: z.string(), personalUrl: z.string() });

/** A registration read through its personal link, with its event. */
export const myRegistrationView = programmeView.extend({
  registration: registrationView,
  event: eventView,
  places: placesView,
  /**
   * Whether this server sends e-mail (SMTP configured): without it, no message with the personal
   * link was sent, and the page says so and offers to copy or download the link.
   */
  mailConfigured: z.boolean(),
});

export const registrationChangedView = z.object({ registration: registrationView });
export const registrationCancelledView = z.object({
  registration: registrationView,
  /** How many people on a waiting list got a place. */
  promoted: z.number(),
});

/** A check-in or walk-in, with the event's counts after it. */
export const checkInView = z.object({ registration: registrationView, counts: eventCountsView });

export const attendanceView = z.object({
  expected: z.number(),
  present: z.number(),
  walkIns: z.number(),
  waitlisted: z.number(),
  sessions: z.record(z.string(), sessionCountView),
});

export const ecosystemLinkView = z.object({ organisations: z.number(), people: z.number() });

export const organisationChoicesView = z.object({
  items: z.array(z.object({ id: z.string(), name: z.string(), communeName: z.string().nullable() })),
});

export const probableDuplicateView = z.object({
  registrationId: z.string(),
  registrationName: z.string(),
  kind: z.enum(['person', 'organisation']),
  typed: z.string(),
  candidates: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type ProbableDuplicateView = z.output<typeof probableDuplicateView>;

export const ecosystemCreationView = z.object({
  applied: z.boolean(),
  registrations: z.number(),
  people: z.object({ created: z.number(), linked: z.number() }),
  organisations: z.object({ created: z.number(), linked: z.number() }),
  duplicates: z.array(probableDuplicateView),
});
export type EcosystemCreationView = z.output<typeof ecosystemCreationView>;
