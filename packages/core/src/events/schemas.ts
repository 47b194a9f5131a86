import { z } from 'zod';
import { emailSchema } from '../accounts/index';
import { eventStatuses, timeToMinutes, participantKinds, sessionKinds } from './model';

const text = (max: number) => z.string().trim().max(max, `${max} caractères au maximum`);
const required = (max: number) => text(max).min(1, 'obligatoire');
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'date invalide');
const time = z.string().refine((v) => !Number.isNaN(timeToMinutes(v)), 'heure attendue au format HH:MM');
const capacity = z.number().int('nombre entier attendu').min(1, 'au moins 1').max(100_000).nullable();
const colour = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'couleur attendue au format #RRGGBB')
  .nullable();
const names = z.array(required(200)).max(30, '30 au maximum');

export const eventFields = z.object({
  title: required(200),
  description: text(5000).default(''),
  audience: text(500).default(''),
  startDate: day,
  endDate: day,
  opensAt: time.default('08:30'),
  closesAt: time.default('17:30'),
  venueName: text(200).default(''),
  venueAddress: text(500).default(''),
  organisers: names.default([]),
  partners: names.default([]),
  themes: z.array(required(120)).max(20, '20 thématiques au maximum').default([]),
  capacity: capacity.default(null),
  /** The last day one may register (inclusive); null: until the day itself. */
  registrationClosesOn: day.nullable().default(null),
});

type Undefaulted<S extends z.ZodRawShape> = {
  [K in keyof S]: z.ZodOptional<S[K] extends z.ZodDefault<infer Inner> ? Inner : S[K]>;
};

/**
 * A PATCH body: every field optional, and a field left out stays out. (`.partial()` over fields
 * with defaults fills the defaults in, so a PATCH of the lunch alone would empty the workshops.)
 */
function patchOf<S extends z.ZodRawShape>(object: z.ZodObject<S>): z.ZodObject<Undefaulted<S>> {
  const shape = Object.fromEntries(
    Object.entries(object.shape).map(([key, field]) => [
      key,
      z.optional((field instanceof z.ZodDefault ? field.unwrap() : field) as z.ZodType),
    ]),
  );
  return z.object(shape) as unknown as z.ZodObject<Undefaulted<S>>;
}

const checkDates = <T extends { startDate?: string; endDate?: string; registrationClosesOn?: string | null }>(
  v: T,
  ctx: z.RefinementCtx,
) => {
  if (v.startDate && v.endDate && v.endDate < v.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'la date de fin précède la date de début' });
  }
  if (v.registrationClosesOn && v.endDate && v.registrationClosesOn > v.endDate) {
    ctx.addIssue({
      code: 'custom',
      path: ['registrationClosesOn'],
      message: 'la clôture des inscriptions doit tomber avant la fin de la journée',
    });
  }
};

export const createEventBody = eventFields
  .extend({
    territoryId: z.uuid('territoire invalide'),
    /** Start from a template shaped like the seeds' programmes… */
    template: z.string().max(60).optional(),
    /** …or from a past event's programme. */
    fromEventId: z.uuid('événement invalide').optional(),
  })
  .superRefine(checkDates);
export type CreateEventInput = z.output<typeof createEventBody>;

export const updateEventBody = patchOf(eventFields).superRefine(checkDates);
export type UpdateEventInput = z.output<typeof updateEventBody>;

export const speakerSchema = z.object({
  name: required(200),
  personId: z.uuid().nullable().optional(),
  role: text(200).nullable().optional(),
});

export const programmeBody = z.object({
  rooms: z
    .array(z.object({ key: required(60), name: required(120), capacity }))
    .max(50, '50 salles au maximum')
    .refine((rooms) => new Set(rooms.map((r) => r.key)).size === rooms.length, 'deux salles ont la même clé'),
  sessions: z
    .array(
      z.object({
        id: z.uuid().optional(),
        kind: z.enum(sessionKinds, 'type de séquence inconnu'),
        title: required(200),
        description: text(3000).default(''),
        day,
        startsAt: time,
        endsAt: time,
        roomKey: z.string().max(60).nullable(),
        capacity,
        colour,
        speakers: z.array(speakerSchema).max(20).default([]),
        choosable: z.boolean().default(false),
      }),
    )
    .max(200, '200 séquences au maximum'),
});
export type ProgrammeInput = z.output<typeof programmeBody>;

export const eventStatusBody = z.object({ status: z.enum(eventStatuses, 'statut inconnu') });
export const takeawaysBody = z.object({ takeaways: z.array(required(1000)).max(10, '10 points « à retenir » au maximum') });

export const registrationBody = z.object({
  name: required(120),
  email: emailSchema,
  organisationName: text(200).default(''),
  organisationKind: z.enum(participantKinds, 'type de structure inconnu').nullable().default(null),
  organisationId: z.uuid().nullable().default(null),
  territoryId: z.uuid('territoire invalide').nullable().default(null),
  themes: z.array(required(120)).max(20).default([]),
  /** Workshops, in preference order. */
  choices: z.array(z.uuid('atelier invalide')).max(30).default([]),
  lunch: z.boolean().default(false),
  accessibility: text(1000).default(''),
  consent: z.literal(true, 'le consentement RGPD est nécessaire pour s’inscrire'),
  /** Optional: appear in the territory's directory with one's e-mail. */
  directoryConsent: z.boolean().default(false),
});
export type RegistrationInput = z.output<typeof registrationBody>;

export const registrationPatch = patchOf(registrationBody.omit({ consent: true, email: true }));
export type RegistrationPatch = z.output<typeof registrationPatch>;

export const checkInBody = z
  .object({ registrationId: z.uuid().optional(), badgeCode: z.string().trim().max(80).optional(), present: z.boolean().default(true) })
  .refine((v) => Boolean(v.registrationId || v.badgeCode), 'indiquez une inscription ou un code de badge');

export const walkInBody = z.object({
  name: required(120),
  email: emailSchema.or(z.literal('')).default(''),
  organisationName: text(200).default(''),
  organisationKind: z.enum(participantKinds, 'type de structure inconnu').nullable().default(null),
});
export type WalkInInput = z.output<typeof walkInBody>;

export const registrationsQuery = z.object({
  status: z.enum(['confirmed', 'waitlisted', 'cancelled']).optional(),
  sessionId: z.uuid().optional(),
  q: z.string().trim().max(120).optional(),
  lunch: z.enum(['true', 'false']).optional(),
  present: z.enum(['true', 'false']).optional(),
  /** `true`: those who wrote an accessibility need; `false`: those who did not. */
  accessibility: z.enum(['true', 'false']).optional(),
  /** `event`: the day's waiting list; `workshop`: waiting for a workshop (with or without a place at the day). */
  waitlist: z.enum(['event', 'workshop']).optional(),
});
export type RegistrationsFilter = z.output<typeof registrationsQuery>;

/** Searching the organisations of an event's territory from the public form. */
export const organisationSearchQuery = z.object({
  q: z.string().trim().min(2, 'tapez au moins deux lettres').max(100, '100 caractères au maximum'),
});

/**
 * "Create in the ecosystem": for the registrations given (or every unlinked one), create or link
 * the person and their organisation. Probable duplicates are reported (nothing written) unless
 * the organiser chose to link them to the existing records or to create anyway.
 */
export const ecosystemCreationBody = z.object({
  registrationIds: z.array(z.uuid('inscription invalide')).min(1, 'choisissez au moins une inscription').max(2000).optional(),
  duplicates: z.enum(['report', 'link', 'create'], 'choix inconnu pour les doublons').default('report'),
});
export type EcosystemCreationInput = z.output<typeof ecosystemCreationBody>;
