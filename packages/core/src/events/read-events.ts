import { fail, ok, type Result } from '../shared/result';
import type { EventRecord, EventSession, Programme, RegistrationRecord } from './model';
import type { EventCounts } from './ports';
import type { RegistrationsFilter } from './schemas';
import type { EventsDeps } from './use-cases';

/** A day by its id or its slug (the address of its public page). */
export async function findEventByIdOrSlug(deps: EventsDeps, idOrSlug: string): Promise<Result<EventRecord, 'event_not_found'>> {
  const event = (await deps.repo.findEvent(idOrSlug)) ?? (await deps.repo.findEventBySlug(idOrSlug));
  return event ? ok(event) : fail('event_not_found');
}

/** A registration by its personal link's token (stored only as its digest). */
export async function findRegistrationByToken(
  deps: EventsDeps,
  token: string,
): Promise<Result<RegistrationRecord, 'registration_not_found'>> {
  const found = await deps.repo.findRegistrationByToken(deps.tokens.digest(token));
  return found ? ok(found) : fail('registration_not_found');
}

/** A day's rooms and sessions. */
export function readProgramme(deps: EventsDeps, event: EventRecord): Promise<Programme> {
  return deps.repo.programme(event.id);
}

/** How many are registered, waiting, present, per day and per session. */
export function readCounts(deps: EventsDeps, event: EventRecord): Promise<EventCounts> {
  return deps.repo.counts(event.id);
}

/** A day's programme with its counts (what its page shows). */
export async function readProgrammeAndCounts(deps: EventsDeps, event: EventRecord): Promise<{ programme: Programme; counts: EventCounts }> {
  const [programme, counts] = await Promise.all([deps.repo.programme(event.id), deps.repo.counts(event.id)]);
  return { programme, counts };
}

/** A day's registrations, filtered. */
export function listRegistrationsOf(deps: EventsDeps, event: EventRecord, filter: RegistrationsFilter): Promise<RegistrationRecord[]> {
  return deps.repo.listRegistrations(event.id, filter);
}

/**
 * Who signs an attendance sheet: for a workshop one chooses, those confirmed in it; for any
 * other session (or the whole day), everyone confirmed at the day.
 */
export async function attendanceSheetRegistrations(
  deps: EventsDeps,
  event: EventRecord,
  session: EventSession | undefined,
): Promise<RegistrationRecord[]> {
  if (!session?.choosable) return deps.repo.listRegistrations(event.id, { status: 'confirmed' });
  const registrations = await deps.repo.listRegistrations(event.id, { sessionId: session.id, status: 'confirmed' });
  return registrations.filter((r) => r.choices.some((c) => c.sessionId === session.id && c.status === 'confirmed'));
}
