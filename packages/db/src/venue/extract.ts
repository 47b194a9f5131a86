import { VENUE_FORMAT_VERSION, type VenuePayload, type VenueTables } from '@maillage/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema';
import { closeOverReferences, foreignKeys, jsonRows, venueTableOrder } from './catalogue';

/**
 * The rows of one day, table by table: the event, its programme and rooms, its registrations,
 * the people and organisations they link to and the acquaintances among those people, the live
 * rooms of its sessions (with their participants, logs, collectives and co-development records),
 * the accounts of the territory's coordinators and facilitators who may run it (password hashes
 * included, sessions never), and the territories all these name. Nothing else of the territory:
 * references to anything outside are cleared (`closeOverReferences`).
 *
 * `everyRoom` (on the laptop, which holds only the day) takes every live room and collective of
 * the store, those made during the day without a session too.
 */
export async function extractDay(db: Kysely<DB>, eventId: string, options: { everyRoom?: boolean } = {}): Promise<VenueTables> {
  const t: VenueTables = {};
  const rooms = options.everyRoom
    ? sql`select id from live_rooms`
    : sql`select id from live_rooms where event_session_id in (select id from event_sessions where event_id = ${eventId})`;
  const collectives = options.everyRoom
    ? sql`select id from collectives`
    : sql`select id from collectives where origin_room_id in (${rooms})`;
  const regs = sql`select id from event_registrations where event_id = ${eventId}`;
  const people = sql`
    select person_id from event_registrations where event_id = ${eventId} and person_id is not null
    union select person_id from live_participants where room_id in (${rooms}) and person_id is not null
    union select person_id from collective_members where collective_id in (${collectives}) and person_id is not null`;
  const organisations = sql`
    select organisation_id from event_registrations where event_id = ${eventId} and organisation_id is not null
    union select organisation_id from person_organisations where person_id in (${people})
    union select organisation_id from collective_members where collective_id in (${collectives}) and organisation_id is not null`;
  // The event's territory and those above it: whoever has a role there may run the day.
  const above = sql`
    with recursive up(id) as (
      select territory_id from events where id = ${eventId}
      union select p.parent_id from territory_parents p join up on up.id = p.territory_id)
    select id from up`;
  const users = sql`
    select user_id from role_assignments where role in ('coordinator', 'facilitator') and territory_id in (${above})`;
  const territories = sql`
    ${above}
    union select territory_id from event_registrations where event_id = ${eventId} and territory_id is not null
    union select commune_id from organisations where id in (${organisations}) and commune_id is not null
    union select territory_id from live_rooms where id in (${rooms})
    union select territory_id from collectives where id in (${collectives})
    union select territory_id from codev_records where room_id in (${rooms})
    union select territory_id from person_territories where person_id in (${people})
    union select territory_id from organisation_territories where organisation_id in (${organisations})`;

  const q = (table: string, where: ReturnType<typeof sql>) => sql`select to_jsonb(t) as row from ${sql.table(table)} t where ${where}`;
  t.events = await jsonRows(db, q('events', sql`t.id = ${eventId}`));
  if (t.events.length === 0) return t;
  t.users = await jsonRows(db, q('users', sql`t.id in (${users}) and t.disabled_at is null`));
  t.territories = await jsonRows(db, q('territories', sql`t.id in (${territories})`));
  t.territory_parents = await jsonRows(
    db,
    q('territory_parents', sql`t.territory_id in (${territories}) and t.parent_id in (${territories})`),
  );
  t.role_assignments = await jsonRows(db, q('role_assignments', sql`t.user_id in (${users}) and t.territory_id in (${territories})`));
  t.organisations = await jsonRows(db, q('organisations', sql`t.id in (${organisations})`));
  t.people = await jsonRows(db, q('people', sql`t.id in (${people})`));
  t.person_organisations = await jsonRows(
    db,
    q('person_organisations', sql`t.person_id in (${people}) and t.organisation_id in (${organisations})`),
  );
  t.organisation_territories = await jsonRows(db, q('organisation_territories', sql`t.organisation_id in (${organisations})`));
  t.person_territories = await jsonRows(db, q('person_territories', sql`t.person_id in (${people})`));
  t.acquaintances = await jsonRows(db, q('acquaintances', sql`t.person_a in (${people}) and t.person_b in (${people})`));
  t.event_rooms = await jsonRows(db, q('event_rooms', sql`t.event_id = ${eventId}`));
  t.event_sessions = await jsonRows(db, q('event_sessions', sql`t.event_id = ${eventId}`));
  t.event_registrations = await jsonRows(db, q('event_registrations', sql`t.event_id = ${eventId}`));
  t.event_choices = await jsonRows(db, q('event_choices', sql`t.registration_id in (${regs})`));
  t.live_rooms = await jsonRows(db, q('live_rooms', sql`t.id in (${rooms})`));
  t.live_participants = await jsonRows(db, q('live_participants', sql`t.room_id in (${rooms})`));
  t.live_events = await jsonRows(db, q('live_events', sql`t.room_id in (${rooms})`));
  t.collectives = await jsonRows(db, q('collectives', sql`t.id in (${collectives})`));
  for (const table of [
    'collective_members',
    'collective_answers',
    'collective_sections',
    'collective_section_revisions',
    'collective_comments',
    'collective_steps',
    'collective_support_requests',
    'collective_history',
  ]) {
    t[table] = await jsonRows(db, q(table, sql`t.collective_id in (${collectives})`));
  }
  t.codev_records = await jsonRows(db, q('codev_records', sql`t.room_id in (${rooms})`));
  const ordered = Object.fromEntries(venueTableOrder.map((name) => [name, t[name] ?? []]));
  return closeOverReferences(ordered, await foreignKeys(db));
}

/** The last migration applied: written in the manifest. */
export async function schemaVersion(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ version: number; name: string }>`
    select version, name from schema_migrations order by version desc limit 1`.execute(db);
  return rows[0] ? `${String(rows[0].version).padStart(4, '0')} ${rows[0].name}` : '';
}

/** The venue file's contents for one day (undefined when the day is not on this instance). */
export async function exportDay(db: Kysely<DB>, eventId: string, now: Date = new Date()): Promise<VenuePayload | undefined> {
  const tables = await extractDay(db, eventId);
  const event = tables.events?.[0];
  if (!event) return undefined;
  return {
    format: VENUE_FORMAT_VERSION,
    kind: 'export',
    eventId,
    eventTitle: String(event.title),
    territoryId: String(event.territory_id),
    createdAt: now.toISOString(),
    schema: await schemaVersion(db),
    tables,
  };
}
