import { eventsEndpoints as api, compareFrench } from '@maillage/core';
import {
  type Actor,
  type EventView,
  type Programme,
  type RegistrationView,
  buildIcs,
  can,
  cancelRegistration,
  changeEventStatus,
  changeRegistration,
  checkInParticipant,
  checkProgramme,
  createEvent,
  type EventCounts,
  type EventRecord,
  type EventsDeps,
  createRegistrantsInEcosystem,
  linkRegistrationsToEcosystem,
  attendanceSheetRegistrations,
  findEventByIdOrSlug,
  findRegistrationByToken,
  listRegistrationsOf,
  readCounts,
  readProgramme,
  readProgrammeAndCounts,
  listEventsOf,
  registrationsForExport,
  searchOrganisationChoices,
  updateEvent,
  writeTakeaways,
  programmeTemplates,
  type RegistrationRecord,
  registerForEvent,
  registerWalkIn,
  parisDay,
  registrationWindow,
  saveProgramme,
  type WaitlistPromotion,
} from '@maillage/core';
import { eventsRepo } from '@maillage/db';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../deps';
import { outcome, Problem } from '../http/problem';
import type { RefDecl } from '../http/refs';
import { defineRoute } from '../http/route';
import { tokens } from '../http/session';
import { registrationsCsv } from './csv';
import { frenchDay } from './dates';

// pdfkit costs a third of a second to load: the PDF code is loaded on the first PDF asked for,
// not at every server start.
const pdf = () => import('./pdf');
import { attendanceHub } from './attendance-hub';
import { RateLimiter } from './rate-limit';

const TAGS = ['événements'];

export function eventsDeps(deps: AppDeps): EventsDeps {
  return { repo: eventsRepo(deps.store.db), tokens, now: deps.now };
}

/** One registration limiter per app: 10 registrations per client address and event per 10 minutes. */
const limiters = new WeakMap<AppDeps, RateLimiter>();
function limiter(deps: AppDeps): RateLimiter {
  let l = limiters.get(deps);
  if (!l) limiters.set(deps, (l = new RateLimiter(10, 10 * 60_000)));
  return l;
}

/** The public organisation search: 60 searches per client address per minute (a person types, pauses, types). */
const searchLimiters = new WeakMap<AppDeps, RateLimiter>();
function searchLimiter(deps: AppDeps): RateLimiter {
  let l = searchLimiters.get(deps);
  if (!l) searchLimiters.set(deps, (l = new RateLimiter(60, 60_000)));
  return l;
}

async function findEvent(deps: AppDeps, idOrSlug: string): Promise<EventRecord> {
  return outcome(await findEventByIdOrSlug(eventsDeps(deps), idOrSlug));
}

/** The day named in the path (id or slug), authorised on its territory. */
const eventRef = { at: 'params.id', kind: 'event' } as const satisfies RefDecl;
/** A public page or file of a day: drafts are kept to those who prepare them (handler). */
const publicEventRef = {
  at: 'params.id',
  unscoped: 'a published day is public; a draft is shown only to who prepares it',
} as const satisfies RefDecl;
const sessionFilterRef = {
  at: 'query.sessionId',
  unscoped: 'a filter inside the day: a session of another day selects nothing',
} as const satisfies RefDecl;
/** What a registration names, checked against the day's territory and programme by the store. */
const registrationRefs = [
  { at: 'body.organisationId', checkedBy: 'an organisation of the day’s territory (store)' },
  { at: 'body.territoryId', checkedBy: 'a territory within the day’s territory (store)' },
  { at: 'body.choices', checkedBy: 'workshops of the day’s programme (store)' },
] as const satisfies readonly RefDecl[];
const tokenRef = { at: 'params.token', unscoped: 'the personal link is the credential' } as const satisfies RefDecl;

/** Drafts are seen only by those who prepare the event. */
function visible(actor: Actor, event: EventRecord): boolean {
  return event.status !== 'draft' || can(actor, 'event.registrations.read', { territoryId: event.territoryId });
}

async function readableEvent(deps: AppDeps, actor: Actor, idOrSlug: string): Promise<EventRecord> {
  const event = await findEvent(deps, idOrSlug);
  if (!visible(actor, event)) throw new Problem('event_not_found');
  return event;
}

function baseUrl(deps: AppDeps, request: FastifyRequest): string {
  return (deps.config.PUBLIC_URL ?? `${request.protocol}://${request.headers.host}`).replace(/\/$/, '');
}

/** An event as the API sends it (dates as ISO strings), with whether one may register at `now`. */
export function presentEvent(e: EventRecord, now: Date): EventView {
  return {
    id: e.id,
    slug: e.slug,
    territoryId: e.territoryId,
    title: e.title,
    description: e.description,
    audience: e.audience,
    startDate: e.startDate,
    endDate: e.endDate,
    opensAt: e.opensAt,
    closesAt: e.closesAt,
    venueName: e.venueName,
    venueAddress: e.venueAddress,
    organisers: [...e.organisers],
    partners: [...e.partners],
    themes: [...e.themes],
    capacity: e.capacity,
    registrationClosesOn: e.registrationClosesOn,
    registration: registrationWindow(e, parisDay(now)),
    status: e.status,
    takeaways: [...e.takeaways],
    createdAt: e.createdAt.toISOString(),
  };
}

/** A registration as the API sends it: dates as ISO strings, without its badge code. */
export function presentRegistration(r: RegistrationRecord): RegistrationView {
  return {
    id: r.id,
    eventId: r.eventId,
    name: r.name,
    email: r.email,
    organisationName: r.organisationName,
    organisationKind: r.organisationKind,
    organisationId: r.organisationId,
    personId: r.personId,
    directoryConsent: r.directoryConsent,
    territoryId: r.territoryId,
    themes: [...r.themes],
    lunch: r.lunch,
    accessibility: r.accessibility,
    status: r.status,
    walkIn: r.walkIn,
    checkedInAt: r.checkedInAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    choices: r.choices.map((c) => ({ sessionId: c.sessionId, preference: c.preference, status: c.status })),
  };
}

/** Rooms and sessions as the API sends them. */
function presentProgramme(p: Programme) {
  return {
    rooms: p.rooms.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity })),
    sessions: p.sessions.map((s) => ({ ...s, speakers: s.speakers.map((x) => ({ ...x })) })),
  };
}

function places(event: EventRecord, sessions: readonly { id: string; capacity: number | null; choosable: boolean }[], counts: EventCounts) {
  return {
    event: event.capacity === null ? null : Math.max(0, event.capacity - counts.confirmed),
    sessions: Object.fromEntries(
      sessions
        .filter((s) => s.choosable)
        .map((s) => [s.id, s.capacity === null ? null : Math.max(0, s.capacity - (counts.sessions[s.id]?.confirmed ?? 0))]),
    ),
  };
}

async function sendSafely(deps: AppDeps, request: FastifyRequest, mail: { to: string; subject: string; text: string }) {
  if (!mail.to) return;
  try {
    await deps.mailer.send(mail);
  } catch (error) {
    request.log.error({ err: error }, 'e-mail not sent');
  }
}

async function tellPromoted(deps: AppDeps, request: FastifyRequest, event: EventRecord, promoted: readonly WaitlistPromotion[]) {
  const { sessions } = await readProgramme(eventsDeps(deps), event);
  const title = new Map(sessions.map((s) => [s.id, s.title]));
  for (const p of promoted) {
    const what = [
      ...(p.toEvent ? [`une place à « ${event.title} » (${frenchDay(event.startDate)})`] : []),
      ...p.sessionIds.map((id) => `une place dans l’atelier « ${title.get(id) ?? ''} »`),
    ];
    await sendSafely(deps, request, {
      to: p.registration.email,
      subject: `Une place s’est libérée : ${event.title}`,
      text: `Bonjour ${p.registration.name},\n\nUne place s’est libérée et vous passez de la liste d’attente à une inscription confirmée : ${what.join(' et ')}.\n\nPour modifier ou annuler, utilisez le lien personnel reçu lors de votre inscription.\n\nÀ bientôt,\nL’équipe d’organisation`,
    });
  }
}

async function registrationByToken(deps: AppDeps, token: string): Promise<RegistrationRecord> {
  return outcome(await findRegistrationByToken(eventsDeps(deps), token));
}

async function sendFile(reply: FastifyReply, type: string, filename: string, body: Buffer | string) {
  reply
    .code(200)
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

const fileName = (event: EventRecord, what: string, ext: string) => `${event.slug}-${what}.${ext}`;

const listTemplates = defineRoute({
  ...api.listTemplates,
  summary: 'Modèles de programme (déroulés types)',
  tags: TAGS,
  action: 'event.read',
  async handler() {
    return programmeTemplates.map((t) => ({ key: t.key, title: t.title, description: t.description, sessions: t.sessions.length }));
  },
});

const listEvents = defineRoute({
  ...api.listEvents,
  summary: 'Journées de coopération d’un territoire (et de ceux qu’il contient)',
  tags: TAGS,
  action: 'event.read',
  refs: [{ at: 'query.territoryId', unscoped: 'published days are public; drafts are kept to those who prepare them' }],
  async handler({ query }, { actor, deps }) {
    const events = (await listEventsOf(eventsDeps(deps), query.territoryId)).filter((e) => visible(actor, e));
    return events.map((e) => ({ ...presentEvent(e, deps.now()), canManage: can(actor, 'event.manage', { territoryId: e.territoryId }) }));
  },
});

const postEvent = defineRoute({
  ...api.postEvent,
  summary: 'Créer une journée (vide, depuis un modèle ou depuis une journée passée)',
  tags: TAGS,
  action: 'event.create',
  refs: [
    { at: 'body.territoryId', kind: 'territory' },
    { at: 'body.fromEventId', kind: 'event', action: 'event.manage' },
  ],
  async handler({ body }, { actor, deps }) {
    if (body.fromEventId) {
      const past = await findEvent(deps, body.fromEventId);
      if (!can(actor, 'event.manage', { territoryId: past.territoryId })) throw new Problem('event_not_found');
    }
    const result = await createEvent(eventsDeps(deps), body, actor.kind === 'user' ? actor.userId : null);
    if (!result.ok) throw new Problem(result.error);
    return presentEvent(result.value, deps.now());
  },
});

const getEvent = defineRoute({
  ...api.getEvent,
  summary: 'Une journée : informations, programme, places restantes (et conflits, comptes pour les organisateurs)',
  tags: TAGS,
  action: 'event.read',
  refs: [publicEventRef],
  async handler({ params }, { actor, deps }) {
    const event = await readableEvent(deps, actor, params.id);
    const { programme, counts } = await readProgrammeAndCounts(eventsDeps(deps), event);
    const ctx = { territoryId: event.territoryId };
    const manage = can(actor, 'event.manage', ctx);
    const organiser = can(actor, 'event.registrations.read', ctx);
    return {
      event: presentEvent(event, deps.now()),
      ...presentProgramme(programme),
      places: places(event, programme.sessions, counts),
      canManage: manage,
      canCheckIn: can(actor, 'event.checkin', ctx),
      ...(manage ? { conflicts: checkProgramme(event, toProgrammeInput(programme)) } : {}),
      ...(organiser ? { counts } : {}),
    };
  },
});

function toProgrammeInput(programme: Programme) {
  return {
    rooms: programme.rooms.map((r) => ({ key: r.id, name: r.name, capacity: r.capacity })),
    sessions: programme.sessions.map(({ roomId, ...s }) => ({ ...s, speakers: [...s.speakers], roomKey: roomId })),
  };
}

const patchEvent = defineRoute({
  ...api.patchEvent,
  summary: 'Modifier les informations d’une journée',
  tags: TAGS,
  action: 'event.manage',
  refs: [eventRef],
  async handler({ params, body }, { actor, deps }) {
    const result = await updateEvent(eventsDeps(deps), await findEvent(deps, params.id), body, actor.kind === 'user' ? actor.userId : null);
    // Answered as the body's own date checks answer them: a validation problem on the field at fault.
    if (!result.ok) {
      throw new Problem('validation', {
        errors: [
          result.error === 'end_before_start'
            ? { field: 'body.endDate', message: 'la date de fin précède la date de début' }
            : { field: 'body.registrationClosesOn', message: 'la clôture des inscriptions doit tomber avant la fin de la journée' },
        ],
      });
    }
    return presentEvent(result.value, deps.now());
  },
});

const putProgramme = defineRoute({
  ...api.putProgramme,
  summary: 'Enregistrer le programme (salles et séquences) ; renvoie les conflits à corriger',
  tags: TAGS,
  action: 'event.manage',
  refs: [
    eventRef,
    { at: 'body.sessions[].id', checkedBy: 'sessions are matched among the day’s own (store)' },
    { at: 'body.sessions[].speakers[].personId', unscoped: 'a speaker may come from any territory; only the directory’s name is shown' },
  ],
  async handler({ params, body }, { actor, deps }) {
    const event = await findEvent(deps, params.id);
    const result = await saveProgramme(eventsDeps(deps), event, body, actor.kind === 'user' ? actor.userId : null);
    if (!result.ok) throw new Problem(result.error);
    return { ...presentProgramme(result.value.programme), conflicts: result.value.conflicts };
  },
});

const checkProgrammeRoute = defineRoute({
  ...api.checkProgramme,
  summary: 'Vérifier un programme en cours d’édition (sans l’enregistrer)',
  tags: TAGS,
  action: 'event.manage',
  refs: [
    eventRef,
    { at: 'body.sessions[].id', unscoped: 'checked without being stored; nothing is read by id' },
    { at: 'body.sessions[].speakers[].personId', unscoped: 'checked without being stored; nothing is read by id' },
  ],
  async handler({ params, body }, { deps }) {
    return { conflicts: checkProgramme(await findEvent(deps, params.id), body) };
  },
});

const postStatus = defineRoute({
  ...api.postStatus,
  summary: 'Publier, clore, archiver une journée',
  tags: TAGS,
  action: 'event.manage',
  refs: [eventRef],
  async handler({ params, body }, { actor, deps }) {
    const result = await changeEventStatus(
      eventsDeps(deps),
      await findEvent(deps, params.id),
      body.status,
      actor.kind === 'user' ? actor.userId : null,
    );
    if (!result.ok) throw new Problem(result.error, result.details);
    return presentEvent(result.value, deps.now());
  },
});

const putTakeaways = defineRoute({
  ...api.putTakeaways,
  summary: 'Écrire les points « à retenir » de la journée',
  tags: TAGS,
  action: 'event.manage',
  refs: [eventRef],
  async handler({ params, body }, { actor, deps }) {
    const event = await findEvent(deps, params.id);
    return presentEvent(
      await writeTakeaways(eventsDeps(deps), event, body.takeaways, actor.kind === 'user' ? actor.userId : null),
      deps.now(),
    );
  },
});

const linkEcosystem = defineRoute({
  ...api.linkEcosystem,
  summary: 'Relier les inscriptions aux organisations (même nom) et aux personnes (même e-mail) de l’écosystème',
  tags: TAGS,
  action: 'event.manage',
  refs: [eventRef],
  async handler({ params }, { actor, deps }) {
    const event = await findEvent(deps, params.id);
    return linkRegistrationsToEcosystem(eventsDeps(deps), event, actor.kind === 'user' ? actor.userId : null);
  },
});

const listRegistrations = defineRoute({
  ...api.listRegistrations,
  summary: 'Inscriptions, avec filtres, comptes par atelier et listes d’attente',
  tags: TAGS,
  action: 'event.registrations.read',
  refs: [eventRef, sessionFilterRef],
  async handler({ params, query }, { deps }) {
    const event = await findEvent(deps, params.id);
    const [registrations, counts] = await Promise.all([
      listRegistrationsOf(eventsDeps(deps), event, query),
      readCounts(eventsDeps(deps), event),
    ]);
    return { registrations: registrations.map(presentRegistration), counts };
  },
});

const moveRegistration = defineRoute({
  ...api.moveRegistration,
  summary: 'Faire passer une personne de la liste d’attente d’un atelier à un autre atelier qui a de la place',
  tags: TAGS,
  action: 'event.manage',
  refs: [
    eventRef,
    { at: 'params.registrationId', checkedBy: 'a registration of this day (store: otherwise 404)' },
    { at: 'body.fromSessionId', checkedBy: 'a workshop where this registration waits (store)' },
    { at: 'body.toSessionId', checkedBy: 'a workshop to choose of this day (store)' },
  ],
  async handler({ params, body }, { actor, deps }) {
    const event = await findEvent(deps, params.id);
    const result = await eventsDeps(deps).repo.moveWaitlisted(event.id, params.registrationId, body, (moved) => ({
      actorUserId: actor.kind === 'user' ? actor.userId : null,
      action: 'registration.move',
      entityType: 'registration',
      entityId: moved.id,
      details: { eventId: event.id, fromSessionId: body.fromSessionId, toSessionId: body.toSessionId },
    }));
    if (!result.ok) throw new Problem(result.error);
    attendanceHub(deps).notify(event.id);
    return presentRegistration(result.value);
  },
});

const exportRegistrations = defineRoute({
  ...api.exportRegistrations,
  summary: 'Export CSV des inscriptions (UTF-8 avec BOM, séparateur « ; »)',
  tags: TAGS,
  action: 'event.registrations.read',
  refs: [eventRef, sessionFilterRef],
  raw: true,
  async handler({ params, query }, { deps, reply }) {
    const event = await findEvent(deps, params.id);
    const { registrations, sessions, territoryNames } = await registrationsForExport(eventsDeps(deps), event, query);
    const csv = registrationsCsv(registrations, sessions, territoryNames);
    await sendFile(reply, 'text/csv; charset=utf-8', fileName(event, 'inscriptions', 'csv'), csv);
  },
});

const postRegistration = defineRoute({
  ...api.postRegistration,
  summary: 'S’inscrire (public, sans compte) : place confirmée ou liste d’attente, lien personnel',
  tags: TAGS,
  action: 'registration.create',
  refs: [{ at: 'params.id', unscoped: 'anyone registers for a published day' }, ...registrationRefs],
  async handler({ params, body }, { actor, deps, request }) {
    const event = await readableEvent(deps, actor, params.id);
    if (!limiter(deps).take(`${request.ip}|${event.id}`, deps.now().getTime())) throw new Problem('registration_rate_limited');
    const result = await registerForEvent(eventsDeps(deps), event, body);
    if (!result.ok) throw new Problem(result.error);
    const { registration, token } = result.value;
    attendanceHub(deps).notify(event.id);
    const personalUrl = `${baseUrl(deps, request)}/inscription/${token}`;
    const waiting = registration.status === 'waitlisted' || registration.choices.some((c) => c.status === 'waitlisted');
    await sendSafely(deps, request, {
      to: registration.email,
      subject: `${registration.status === 'confirmed' ? 'Inscription confirmée' : 'Liste d’attente'} : ${event.title}`,
      text: `Bonjour ${registration.name},\n\n${
        registration.status === 'confirmed'
          ? `Votre inscription à « ${event.title} » (${frenchDay(event.startDate)}) est confirmée.`
          : `« ${event.title} » est complet : vous êtes sur la liste d’attente et serez prévenu·e si une place se libère.`
      }${waiting && registration.status === 'confirmed' ? '\nUn atelier choisi est complet : vous êtes sur sa liste d’attente.' : ''}\n\nVotre lien personnel pour modifier ou annuler, et ajouter la journée à votre agenda :\n${personalUrl}\n\nGardez ce lien pour vous : il donne accès à votre inscription.`,
    });
    return { registration: presentRegistration(registration), token, personalUrl };
  },
});

const getMyRegistration = defineRoute({
  ...api.getMyRegistration,
  summary: 'Mon inscription (lien personnel)',
  tags: TAGS,
  action: 'registration.self',
  refs: [tokenRef],
  async handler({ params }, { deps }) {
    const registration = await registrationByToken(deps, params.token);
    const event = await findEvent(deps, registration.eventId);
    const { programme, counts } = await readProgrammeAndCounts(eventsDeps(deps), event);
    return {
      registration: presentRegistration(registration),
      event: presentEvent(event, deps.now()),
      ...presentProgramme(programme),
      places: places(event, programme.sessions, counts),
      mailConfigured: deps.mailer.configured,
    };
  },
});

const patchMyRegistration = defineRoute({
  ...api.patchMyRegistration,
  summary: 'Modifier mon inscription (lien personnel)',
  tags: TAGS,
  action: 'registration.self',
  refs: [tokenRef, ...registrationRefs],
  async handler({ params, body }, { deps, request }) {
    const registration = await registrationByToken(deps, params.token);
    const result = await changeRegistration(eventsDeps(deps), registration, body);
    if (!result.ok) throw new Problem(result.error);
    await tellPromoted(deps, request, await findEvent(deps, registration.eventId), result.value.promoted);
    return { registration: presentRegistration(result.value.registration) };
  },
});

const deleteMyRegistration = defineRoute({
  ...api.deleteMyRegistration,
  summary: 'Annuler mon inscription : la première personne en attente prend la place et en est prévenue',
  tags: TAGS,
  action: 'registration.self',
  refs: [tokenRef],
  async handler({ params }, { deps, request }) {
    const registration = await registrationByToken(deps, params.token);
    const result = await cancelRegistration(eventsDeps(deps), registration);
    if (!result.ok) throw new Problem(result.error);
    attendanceHub(deps).notify(registration.eventId);
    await tellPromoted(deps, request, await findEvent(deps, registration.eventId), result.value.promoted);
    return { registration: presentRegistration(result.value.registration), promoted: result.value.promoted.length };
  },
});

const getMyCalendar = defineRoute({
  ...api.getMyCalendar,
  summary: 'La journée et mes ateliers dans mon agenda (.ics)',
  tags: TAGS,
  action: 'registration.self',
  refs: [tokenRef],
  raw: true,
  async handler({ params }, { deps, request, reply }) {
    const registration = await registrationByToken(deps, params.token);
    const event = await findEvent(deps, registration.eventId);
    const { rooms, sessions } = await readProgramme(eventsDeps(deps), event);
    const roomName = new Map(rooms.map((r) => [r.id, r.name]));
    const place = [event.venueName, event.venueAddress].filter(Boolean).join(', ');
    const url = `${baseUrl(deps, request)}/journees/${event.slug}`;
    const days = sessions.length ? [...new Set(sessions.map((s) => s.day))] : [event.startDate];
    const entries = days.map((day) => {
      const ofDay = sessions.filter((s) => s.day === day);
      return {
        uid: `${registration.id}-${day}@maillage`,
        day,
        startsAt: ofDay.map((s) => s.startsAt).sort()[0] ?? event.opensAt,
        endsAt:
          ofDay
            .map((s) => s.endsAt)
            .sort()
            .at(-1) ?? event.closesAt,
        summary: event.title,
        location: place,
        description: `${registration.status === 'confirmed' ? 'Inscription confirmée' : 'Liste d’attente'}. Programme : ${url}`,
        url,
      };
    });
    for (const c of registration.choices.filter((x) => x.status === 'confirmed')) {
      const s = sessions.find((x) => x.id === c.sessionId);
      if (!s) continue;
      entries.push({
        uid: `${registration.id}-${s.id}@maillage`,
        day: s.day,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        summary: `${s.title} — ${event.title}`,
        location: [roomName.get(s.roomId ?? ''), place].filter(Boolean).join(', '),
        description: s.description,
        url,
      });
    }
    await sendFile(reply, 'text/calendar; charset=utf-8', fileName(event, 'agenda', 'ics'), buildIcs(entries, deps.now()));
  },
});

const postCheckIn = defineRoute({
  ...api.postCheckIn,
  summary: 'Pointer une arrivée (par inscription ou code du badge), ou l’annuler',
  tags: TAGS,
  action: 'event.checkin',
  refs: [eventRef, { at: 'body.registrationId', checkedBy: 'looked up among the day’s registrations (store)' }],
  async handler({ params, body }, { deps }) {
    const event = await findEvent(deps, params.id);
    const result = await checkInParticipant(eventsDeps(deps), event, body);
    if (!result.ok) throw new Problem(result.error);
    attendanceHub(deps).notify(event.id);
    return { registration: presentRegistration(result.value), counts: await readCounts(eventsDeps(deps), event) };
  },
});

const postWalkIn = defineRoute({
  ...api.postWalkIn,
  summary: 'Inscrire une personne arrivée sans inscription (marquée présente)',
  tags: TAGS,
  action: 'event.checkin',
  refs: [eventRef],
  async handler({ params, body }, { actor, deps }) {
    const event = await findEvent(deps, params.id);
    const result = await registerWalkIn(eventsDeps(deps), event, body, actor.kind === 'user' ? actor.userId : null);
    if (!result.ok) throw new Problem(result.error);
    attendanceHub(deps).notify(event.id);
    return { registration: presentRegistration(result.value), counts: await readCounts(eventsDeps(deps), event) };
  },
});

const getAttendance = defineRoute({
  ...api.getAttendance,
  summary: 'Présents / attendus, en direct (interrogé régulièrement), et par séquence',
  tags: TAGS,
  action: 'event.checkin',
  refs: [eventRef],
  async handler({ params }, { deps }) {
    const event = await findEvent(deps, params.id);
    return presentAttendance(await readCounts(eventsDeps(deps), event));
  },
});

const searchOrganisations = defineRoute({
  ...api.searchOrganisations,
  summary: 'Chercher son organisation parmi celles du territoire de la journée (formulaire public : nom et commune seulement)',
  tags: TAGS,
  action: 'event.organisations.search',
  refs: [{ at: 'params.id', unscoped: 'the public form of a published day' }],
  async handler({ params, query }, { actor, deps, request }) {
    const event = await readableEvent(deps, actor, params.id);
    if (!searchLimiter(deps).take(request.ip, deps.now().getTime())) throw new Problem('search_rate_limited');
    return { items: await searchOrganisationChoices(eventsDeps(deps), event, query.q) };
  },
});

const createInEcosystem = defineRoute({
  ...api.createInEcosystem,
  summary:
    'Créer dans l’écosystème les personnes (et organisations) des inscriptions non reliées, une à une ou toutes : tout ou rien ; doublons probables signalés',
  tags: TAGS,
  action: 'event.registrations.ecosystem',
  refs: [eventRef, { at: 'body.registrationIds', checkedBy: 'looked up among the day’s registrations (store)' }],
  async handler({ params, body }, { actor, deps }) {
    const event = await findEvent(deps, params.id);
    return outcome(await createRegistrantsInEcosystem(eventsDeps(deps), event, body, actor.kind === 'user' ? actor.userId : null));
  },
});

function presentAttendance(counts: EventCounts) {
  return {
    expected: counts.confirmed,
    present: counts.present,
    walkIns: counts.walkIns,
    waitlisted: counts.waitlisted,
    sessions: counts.sessions,
  };
}

/**
 * Every this many ms an idle stream sends a comment, so that proxies keep it open. News from other
 * server processes comes by NOTIFY (see `attendance-hub.ts`), not by re-reading on a timer.
 */
const STREAM_KEEPALIVE_MS = 25_000;

const streamAttendance = defineRoute({
  ...api.streamAttendance,
  summary:
    'Présents / attendus en direct (server-sent events) : un message « attendance » à chaque arrivée pointée ; once=true : un seul message',
  tags: TAGS,
  action: 'event.checkin',
  refs: [eventRef],
  raw: true,
  async handler({ params, query }, { deps, request, reply }) {
    const event = await findEvent(deps, params.id);
    const message = async () =>
      `event: attendance\ndata: ${JSON.stringify(presentAttendance(await readCounts(eventsDeps(deps), event)))}\n\n`;
    if (query.once === 'true') {
      reply
        .code(200)
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(await message());
      return;
    }
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    let last = '';
    let scheduled = false;
    let closed = false;
    const send = async () => {
      scheduled = false;
      if (closed) return;
      try {
        const next = await message();
        if (next !== last && !closed) {
          last = next;
          res.write(next);
        }
      } catch (error) {
        request.log.error({ err: error }, 'attendance stream');
      }
    };
    // Check-ins arriving together are read once.
    const push = () => {
      if (scheduled) return;
      scheduled = true;
      setTimeout(() => void send(), 50);
    };
    const hub = attendanceHub(deps);
    const unsubscribe = hub.subscribe(event.id, push);
    const poll = setInterval(() => {
      if (!closed) res.write(':\n\n');
    }, STREAM_KEEPALIVE_MS);
    const untrack = hub.track(() => res.end());
    res.on('close', () => {
      closed = true;
      clearInterval(poll);
      unsubscribe();
      untrack();
    });
    await send();
  },
});

const pdfRoute = (
  what: string,
  endpoint: (typeof api)['programmePdf' | 'badgesPdf' | 'roomSignsPdf' | 'attendanceSheetPdf'],
  summary: string,
  action: 'event.read' | 'event.registrations.read',
  build: (deps: AppDeps, event: EventRecord, query: { sessionId?: string | undefined }) => Promise<Buffer>,
) =>
  defineRoute({
    ...endpoint,
    summary,
    tags: TAGS,
    action,
    refs: [action === 'event.read' ? publicEventRef : eventRef, sessionFilterRef],
    raw: true,
    async handler({ params, query }, { actor, deps, reply }) {
      const event = await readableEvent(deps, actor, params.id);
      await sendFile(reply, 'application/pdf', fileName(event, what, 'pdf'), await build(deps, event, query));
    },
  });

async function printable(deps: AppDeps, event: EventRecord) {
  const { rooms, sessions } = await readProgramme(eventsDeps(deps), event);
  return { event, rooms, sessions };
}

const programmePdfRoute = pdfRoute('programme', api.programmePdf, 'Programme de la journée (PDF A4)', 'event.read', async (deps, event) =>
  (await pdf()).programmePdf(await printable(deps, event)),
);
const badgesPdfRoute = pdfRoute(
  'badges',
  api.badgesPdf,
  'Badges des inscrits confirmés, 8 par feuille A4, avec QR code (PDF)',
  'event.registrations.read',
  async (deps, event) => {
    const registrations = await listRegistrationsOf(eventsDeps(deps), event, { status: 'confirmed' });
    return (await pdf()).badgesPdf(await printable(deps, event), registrations);
  },
);
const roomSignsPdfRoute = pdfRoute(
  'salles',
  api.roomSignsPdf,
  'Affichettes des salles (PDF A4 paysage)',
  'event.registrations.read',
  async (deps, event) => (await pdf()).roomSignsPdf(await printable(deps, event)),
);
const attendanceSheetRoute = pdfRoute(
  'emargement',
  api.attendanceSheetPdf,
  'Feuille d’émargement d’une séquence (ou de la journée) avec colonne de signature (PDF)',
  'event.registrations.read',
  async (deps, event, query) => {
    const p = await printable(deps, event);
    const session = query.sessionId ? p.sessions.find((s) => s.id === query.sessionId) : undefined;
    if (query.sessionId && !session) throw new Problem('unknown_session');
    const registrations = await attendanceSheetRegistrations(eventsDeps(deps), event, session);
    return (await pdf()).attendanceSheetPdf(
      p,
      session ?? null,
      [...registrations].sort((a, b) => compareFrench(a.name, b.name)),
    );
  },
);

/** Routes of the events capability (cooperation days). */
export const eventsRoutes = [
  listTemplates,
  listEvents,
  postEvent,
  getEvent,
  patchEvent,
  putProgramme,
  checkProgrammeRoute,
  postStatus,
  putTakeaways,
  listRegistrations,
  moveRegistration,
  linkEcosystem,
  createInEcosystem,
  searchOrganisations,
  exportRegistrations,
  postRegistration,
  getMyRegistration,
  patchMyRegistration,
  deleteMyRegistration,
  getMyCalendar,
  postCheckIn,
  postWalkIn,
  getAttendance,
  streamAttendance,
  programmePdfRoute,
  badgesPdfRoute,
  roomSignsPdfRoute,
  attendanceSheetRoute,
];
