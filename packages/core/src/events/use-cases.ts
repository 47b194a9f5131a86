import { parisDay } from '../shared/time';
import type { Tokens } from '../accounts/index';
import { organisationNameKey } from '../ecosystem/index';
import { fail, ok, type Result } from '../shared/result';
import { slugify } from '../shared/text';
import { type Conflict, detectConflicts } from './conflicts';
import { canTransition, type EventRecord, type EventStatus, type Programme, type RegistrationRecord, registrationWindow } from './model';
import type { EcosystemCreationReport, EventsRepo, OrganisationChoice, RegistrationChange } from './ports';
import type {
  CreateEventInput,
  EcosystemCreationInput,
  ProgrammeInput,
  RegistrationInput,
  RegistrationPatch,
  RegistrationsFilter,
  UpdateEventInput,
  WalkInInput,
} from './schemas';
import { programmeFromPast, programmeFromTemplate, programmeTemplates } from './templates';

export interface EventsDeps {
  readonly repo: EventsRepo;
  readonly tokens: Tokens;
  readonly now: () => Date;
}

/** Creates a draft event, empty or from a template or a past event's programme. */
export async function createEvent(
  deps: EventsDeps,
  input: CreateEventInput,
  actorUserId: string | null,
): Promise<Result<EventRecord, 'unknown_template' | 'event_not_found'>> {
  const { template, fromEventId, ...fields } = input;
  let programme = null;
  if (template) {
    const found = programmeTemplates.find((t) => t.key === template);
    if (!found) return fail('unknown_template');
    programme = programmeFromTemplate(found, fields.startDate);
  } else if (fromEventId) {
    const past = await deps.repo.findEvent(fromEventId);
    if (!past) return fail('event_not_found');
    programme = programmeFromPast(await deps.repo.programme(past.id), past.startDate, fields.startDate);
  }
  const slug = `${slugify(fields.title).slice(0, 60)}-${deps.tokens
    .random()
    .slice(0, 6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
  const event = await deps.repo.createEvent({ ...fields, slug, createdBy: actorUserId }, programme, (created) => ({
    actorUserId,
    action: 'event.create',
    entityType: 'event',
    entityId: created.id,
    details: { template, fromEventId },
  }));
  return ok(event);
}

/** Saves the programme; conflicts do not block saving, they are shown to fix. */
export async function saveProgramme(
  deps: EventsDeps,
  event: EventRecord,
  input: ProgrammeInput,
  actorUserId: string | null,
): Promise<Result<{ programme: Programme; conflicts: Conflict[] }, 'session_has_registrations' | 'unknown_session' | 'unknown_room'>> {
  const keys = new Set(input.rooms.map((r) => r.key));
  if (input.sessions.some((s) => s.roomKey !== null && !keys.has(s.roomKey))) return fail('unknown_room');
  const saved = await deps.repo.saveProgramme(event.id, input, {
    actorUserId,
    action: 'event.programme',
    entityType: 'event',
    entityId: event.id,
  });
  if (!saved.ok) return saved;
  return ok({ programme: saved.value, conflicts: detectConflicts(event, saved.value.rooms, saved.value.sessions) });
}

/** Checks a programme being edited, without saving it. */
export function checkProgramme(
  event: Pick<EventRecord, 'startDate' | 'endDate' | 'opensAt' | 'closesAt'>,
  input: ProgrammeInput,
): Conflict[] {
  return detectConflicts(
    event,
    input.rooms.map((r) => ({ id: r.key, capacity: r.capacity })),
    input.sessions.map((s, i) => ({ ...s, id: s.id ?? `new-${i}`, roomId: s.roomKey })),
  );
}

export async function changeEventStatus(
  deps: EventsDeps,
  event: EventRecord,
  status: EventStatus,
  actorUserId: string | null,
): Promise<Result<EventRecord, 'invalid_transition'>> {
  if (event.status === status) return ok(event);
  if (!canTransition(event.status, status)) return fail('invalid_transition', { from: event.status, to: status });
  const updated = await deps.repo.setStatus(event.id, status, {
    actorUserId,
    action: 'event.status',
    entityType: 'event',
    entityId: event.id,
    details: { from: event.status, to: status },
  });
  return ok(updated);
}

async function validChoices(deps: EventsDeps, eventId: string, choices: readonly string[]): Promise<boolean> {
  if (choices.length === 0) return true;
  const { sessions } = await deps.repo.programme(eventId);
  const choosable = new Set(sessions.filter((s) => s.choosable).map((s) => s.id));
  return new Set(choices).size === choices.length && choices.every((c) => choosable.has(c));
}

/** Why one may not register (or change a registration) now. */
export type RegistrationRefusal = 'registration_closed' | 'registration_deadline_passed' | 'event_over';

/** The refusal of a registration at `now` (Paris day), or null when registration is open. */
export function refusalOf(event: Pick<EventRecord, 'status' | 'endDate' | 'registrationClosesOn'>, now: Date): RegistrationRefusal | null {
  const window = registrationWindow(event, parisDay(now));
  if (window === 'over') return 'event_over';
  if (window === 'deadline_passed') return 'registration_deadline_passed';
  if (window === 'closed') return 'registration_closed';
  return null;
}

/** A new personal token (returned once, stored hashed) and a badge code for the QR code. */
function secrets(tokens: Tokens): { token: string; tokenHash: string; badgeCode: string } {
  const token = tokens.random();
  return { token, tokenHash: tokens.digest(token), badgeCode: tokens.random().slice(0, 16) };
}

/**
 * Public registration to a published event. The store enforces capacities and checks the
 * workshops chosen, inside the event's lock; this checks the event is open.
 */
export async function registerForEvent(
  deps: EventsDeps,
  event: EventRecord,
  input: RegistrationInput,
): Promise<
  Result<
    { registration: RegistrationRecord; token: string },
    'event_not_found' | RegistrationRefusal | 'invalid_choice' | 'already_registered'
  >
> {
  if (event.status === 'draft' || event.status === 'archived') return fail('event_not_found');
  const refusal = refusalOf(event, deps.now());
  if (refusal) return fail(refusal);
  const s = secrets(deps.tokens);
  // The store checks the workshops chosen and the capacities inside the event's lock.
  const result = await deps.repo.register(event.id, input, s);
  if (!result.ok) return result;
  return ok({ registration: result.value, token: s.token });
}

/** Someone arriving unregistered on the day: registered and marked present at once. */
export async function registerWalkIn(
  deps: EventsDeps,
  event: EventRecord,
  input: WalkInInput,
  actorUserId: string | null,
): Promise<Result<RegistrationRecord, 'already_registered' | 'invalid_choice'>> {
  const s = secrets(deps.tokens);
  const result = await deps.repo.register(
    event.id,
    {
      ...input,
      organisationId: null,
      territoryId: null,
      themes: [],
      choices: [],
      lunch: false,
      accessibility: '',
      consent: true,
      directoryConsent: false,
      walkIn: true,
      checkedInAt: deps.now(),
    },
    s,
    (registration) => ({ actorUserId, action: 'event.walk_in', entityType: 'registration', entityId: registration.id }),
  );
  return result;
}

/** Changes one's registration through the personal link (not after the event is closed). */
export async function changeRegistration(
  deps: EventsDeps,
  registration: RegistrationRecord,
  patch: RegistrationPatch,
): Promise<Result<RegistrationChange, RegistrationRefusal | 'invalid_choice' | 'registration_cancelled'>> {
  if (registration.status === 'cancelled') return fail('registration_cancelled');
  const event = await deps.repo.findEvent(registration.eventId);
  if (!event) return fail('registration_closed');
  const refusal = refusalOf(event, deps.now());
  if (refusal) return fail(refusal);
  if (patch.choices && !(await validChoices(deps, event.id, patch.choices))) return fail('invalid_choice');
  return ok(await deps.repo.updateRegistration(registration.id, patch));
}

/** Cancels one's registration; the store promotes the next people waiting. */
export async function cancelRegistration(
  deps: EventsDeps,
  registration: RegistrationRecord,
): Promise<Result<RegistrationChange, 'registration_cancelled'>> {
  if (registration.status === 'cancelled') return fail('registration_cancelled');
  const change = await deps.repo.cancelRegistration(registration.id, (done) => ({
    actorUserId: null,
    action: 'registration.cancel',
    entityType: 'registration',
    entityId: registration.id,
    details: { promoted: done.promoted.map((p) => p.registration.id) },
  }));
  return ok(change);
}

/** Marks a participant present (or undoes it), by registration id or the code on their badge. */
export async function checkInParticipant(
  deps: EventsDeps,
  event: EventRecord,
  who: { registrationId?: string; badgeCode?: string; present: boolean },
): Promise<Result<RegistrationRecord, 'registration_not_found' | 'registration_cancelled'>> {
  const found = await deps.repo.checkIn(event.id, who, who.present ? deps.now() : null);
  if (!found) return fail('registration_not_found');
  if (found.status === 'cancelled') return fail('registration_cancelled');
  return ok(found);
}

/** Changes a day's information; the dates, merged with those kept, must not end before they start. */
export async function updateEvent(
  deps: EventsDeps,
  event: EventRecord,
  patch: UpdateEventInput,
  actorUserId: string | null,
): Promise<Result<EventRecord, 'end_before_start' | 'deadline_after_day'>> {
  const startDate = patch.startDate ?? event.startDate;
  const endDate = patch.endDate ?? event.endDate;
  if (endDate < startDate) return fail('end_before_start');
  const closesOn = (patch.registrationClosesOn === undefined ? event.registrationClosesOn : patch.registrationClosesOn) ?? null;
  if (closesOn !== null && closesOn > endDate) return fail('deadline_after_day');
  const updated = await deps.repo.updateEvent(event.id, patch, {
    actorUserId,
    action: 'event.update',
    entityType: 'event',
    entityId: event.id,
  });
  return ok(updated);
}

/** Writes the day's points « à retenir ». */
export async function writeTakeaways(
  deps: EventsDeps,
  event: EventRecord,
  takeaways: readonly string[],
  actorUserId: string | null,
): Promise<EventRecord> {
  return deps.repo.setTakeaways(event.id, takeaways, {
    actorUserId,
    action: 'event.takeaways',
    entityType: 'event',
    entityId: event.id,
  });
}

/**
 * Links the day's registrations to the ecosystem: the organisation with the same name key as
 * the one typed, the person with the same e-mail.
 */
export async function linkRegistrationsToEcosystem(
  deps: EventsDeps,
  event: EventRecord,
  actorUserId: string | null,
): Promise<{ organisations: number; people: number }> {
  return deps.repo.linkToEcosystem(event.id, organisationNameKey, (counts) => ({
    actorUserId,
    action: 'event.link_ecosystem',
    entityType: 'event',
    entityId: event.id,
    details: counts,
  }));
}

/** Creates in the ecosystem the people (and organisations) of unlinked registrations, all or nothing. */
export async function createRegistrantsInEcosystem(
  deps: EventsDeps,
  event: EventRecord,
  input: EcosystemCreationInput,
  actorUserId: string | null,
): Promise<Result<EcosystemCreationReport, 'registration_not_found'>> {
  return deps.repo.createInEcosystem(event.id, {
    ...(input.registrationIds ? { registrationIds: input.registrationIds } : {}),
    duplicates: input.duplicates,
    actorUserId,
  });
}

/** The public form's organisation search: organisations of the day's territory, name and commune only. */
export async function searchOrganisationChoices(deps: EventsDeps, event: EventRecord, q: string): Promise<OrganisationChoice[]> {
  const items = await deps.repo.searchOrganisations(event.territoryId, q, 10);
  return items.map((o) => ({ id: o.id, name: o.name, communeName: o.communeName }));
}

/** The days of a territory and of those it contains, or every day (the caller keeps those it may see). */
export async function listEventsOf(deps: EventsDeps, territoryId: string | undefined): Promise<EventRecord[]> {
  const territoryIds = territoryId ? await deps.repo.territoryAndBelow(territoryId) : undefined;
  return deps.repo.listEvents(territoryIds ? { territoryIds } : {});
}

/** A day's registrations as its export writes them: with its sessions and the names of the territories named. */
export async function registrationsForExport(
  deps: EventsDeps,
  event: EventRecord,
  filter: RegistrationsFilter,
): Promise<{ registrations: RegistrationRecord[]; sessions: Programme['sessions']; territoryNames: Map<string, string> }> {
  const [registrations, programme] = await Promise.all([deps.repo.listRegistrations(event.id, filter), deps.repo.programme(event.id)]);
  const territoryIds = [...new Set(registrations.flatMap((r) => (r.territoryId ? [r.territoryId] : [])))];
  return { registrations, sessions: programme.sessions, territoryNames: await deps.repo.territoryNames(territoryIds) };
}
