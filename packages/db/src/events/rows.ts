import type {
  EventRecord,
  EventRoom,
  EventSession,
  ParticipantKind,
  RegistrationRecord,
  SessionKind,
  WorkshopChoice,
} from '@maillage/core';
import type { Selectable } from 'kysely';
import type { Db } from '../schema';
import type { EventRegistrationsTable, EventRoomsTable, EventSessionsTable, EventsTable } from './tables';

export function toEvent(row: Selectable<EventsTable>): EventRecord {
  return {
    id: row.id,
    slug: row.slug,
    territoryId: row.territory_id,
    title: row.title,
    description: row.description,
    audience: row.audience,
    startDate: row.start_date,
    endDate: row.end_date,
    opensAt: row.opens_at,
    closesAt: row.closes_at,
    venueName: row.venue_name,
    venueAddress: row.venue_address,
    organisers: row.organisers,
    partners: row.partners,
    themes: row.themes,
    capacity: row.capacity,
    registrationClosesOn: row.registration_closes_on,
    status: row.status,
    takeaways: row.takeaways,
    createdAt: row.created_at,
  };
}

export function toRoom(row: Selectable<EventRoomsTable>): EventRoom {
  return { id: row.id, name: row.name, capacity: row.capacity };
}

export function toSession(row: Selectable<EventSessionsTable>): EventSession {
  return {
    id: row.id,
    kind: row.kind as SessionKind,
    title: row.title,
    description: row.description,
    day: row.day,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    roomId: row.room_id,
    capacity: row.capacity,
    colour: row.colour,
    speakers: row.speakers,
    choosable: row.choosable,
  };
}

export function toRegistration(row: Selectable<EventRegistrationsTable>, choices: readonly WorkshopChoice[]): RegistrationRecord {
  return {
    id: row.id,
    eventId: row.event_id,
    name: row.name,
    email: row.email,
    organisationName: row.organisation_name,
    organisationKind: row.organisation_kind as ParticipantKind | null,
    organisationId: row.organisation_id,
    personId: row.person_id,
    directoryConsent: row.directory_consent_at !== null,
    territoryId: row.territory_id,
    themes: row.themes,
    lunch: row.lunch,
    accessibility: row.accessibility,
    status: row.status,
    walkIn: row.walk_in,
    badgeCode: row.badge_code,
    checkedInAt: row.checked_in_at,
    createdAt: row.created_at,
    choices,
  };
}

export async function choicesOf(db: Db, registrationIds: readonly string[]): Promise<Map<string, WorkshopChoice[]>> {
  const map = new Map<string, WorkshopChoice[]>();
  if (registrationIds.length === 0) return map;
  const rows = await db
    .selectFrom('event_choices')
    .select(['registration_id', 'session_id', 'preference', 'status'])
    .where('registration_id', 'in', registrationIds as string[])
    .orderBy('preference')
    .execute();
  for (const r of rows) {
    const list = map.get(r.registration_id) ?? [];
    list.push({ sessionId: r.session_id, preference: r.preference, status: r.status });
    map.set(r.registration_id, list);
  }
  return map;
}

export async function loadRegistrations(db: Db, rows: Selectable<EventRegistrationsTable>[]): Promise<RegistrationRecord[]> {
  const choices = await choicesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toRegistration(r, choices.get(r.id) ?? []));
}

export async function loadRegistration(db: Db, id: string): Promise<RegistrationRecord | undefined> {
  const row = await db.selectFrom('event_registrations').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await loadRegistrations(db, [row]))[0] : undefined;
}
