import {
  assignChoices,
  admitToEvent,
  type AuditOf,
  type EventCounts,
  type EventRecord,
  type EventRoom,
  type EventSession,
  type EventsRepo,
  fail,
  ok,
  type ParticipantKind,
  type Programme,
  promoteFromWaitlists,
  type RegistrationChange,
  type RegistrationRecord,
  type SessionKind,
  type WaitlistPromotion,
  type WorkshopChoice,
} from '@maillage/core';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { withAudit, writeAudit } from '../accounts/store';
import type { DB } from '../schema';
import { createRegistrationsInEcosystem, searchTerritoryOrganisations } from './ecosystem';
import type { EventRegistrationsTable, EventRoomsTable, EventSessionsTable, EventsTable } from './tables';

type Db = Kysely<DB> | Transaction<DB>;

function toEvent(row: Selectable<EventsTable>): EventRecord {
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
    status: row.status,
    takeaways: row.takeaways,
    createdAt: row.created_at,
  };
}

function toRoom(row: Selectable<EventRoomsTable>): EventRoom {
  return { id: row.id, name: row.name, capacity: row.capacity };
}

function toSession(row: Selectable<EventSessionsTable>): EventSession {
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

function toRegistration(row: Selectable<EventRegistrationsTable>, choices: readonly WorkshopChoice[]): RegistrationRecord {
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

async function choicesOf(db: Db, registrationIds: readonly string[]): Promise<Map<string, WorkshopChoice[]>> {
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

async function loadRegistrations(db: Db, rows: Selectable<EventRegistrationsTable>[]): Promise<RegistrationRecord[]> {
  const choices = await choicesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toRegistration(r, choices.get(r.id) ?? []));
}

async function loadRegistration(db: Db, id: string): Promise<RegistrationRecord | undefined> {
  const row = await db.selectFrom('event_registrations').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? (await loadRegistrations(db, [row]))[0] : undefined;
}

/** Takes the event's row lock: every change of places on one event happens one at a time. */
async function lockEvent(trx: Transaction<DB>, eventId: string): Promise<{ capacity: number | null } | undefined> {
  const row = await sql<{ capacity: number | null }>`select capacity from events where id = ${eventId} for update`.execute(trx);
  return row.rows[0];
}

async function confirmedAtEvent(trx: Transaction<DB>, eventId: string): Promise<number> {
  const row = await trx
    .selectFrom('event_registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .where('status', '=', 'confirmed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Confirmed places per session, for the sessions asked (they all belong to the locked event). */
async function takenPlaces(trx: Transaction<DB>, sessionIds: readonly string[]): Promise<Map<string, number>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('event_choices as c')
    .select(['c.session_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('c.session_id', 'in', sessionIds as string[])
    .where('c.status', '=', 'confirmed')
    .groupBy('c.session_id')
    .execute();
  return new Map(rows.map((r) => [r.session_id, Number(r.n)]));
}

async function sessionsMap(trx: Transaction<DB>, eventId: string) {
  const rows = await trx.selectFrom('event_sessions').selectAll().where('event_id', '=', eventId).execute();
  return new Map(rows.map((r) => [r.id, { day: r.day, startsAt: r.starts_at, endsAt: r.ends_at, capacity: r.capacity }]));
}

/** The preferred sessions with their confirmed places, in one query (the event lock is held). */
async function preferredSessions(trx: Transaction<DB>, preferences: readonly string[]) {
  const rows = await sql<{
    id: string;
    event_id: string;
    choosable: boolean;
    day: string;
    starts_at: string;
    ends_at: string;
    capacity: number | null;
    taken: number;
  }>`
    select s.id, s.event_id, s.choosable, s.day, s.starts_at, s.ends_at, s.capacity,
      (select count(*) from event_choices c where c.session_id = s.id and c.status = 'confirmed') as taken
    from event_sessions s where s.id = any(${preferences as string[]}::uuid[])`.execute(trx);
  return {
    rows: rows.rows,
    sessions: new Map(rows.rows.map((r) => [r.id, { day: r.day, startsAt: r.starts_at, endsAt: r.ends_at, capacity: r.capacity }])),
    taken: new Map(rows.rows.map((r) => [r.id, Number(r.taken)])),
  };
}

type Preferred = Awaited<ReturnType<typeof preferredSessions>>;
type PreferredRow = Preferred['rows'][number];

/** Places a confirmed registration in its workshops (pure decision from core), replacing its choices. */
async function placeChoices(
  trx: Transaction<DB>,
  registrationId: string,
  preferences: readonly string[],
  options: { fresh?: boolean; preferred?: Preferred } = {},
): Promise<WorkshopChoice[]> {
  if (!options.fresh) await trx.deleteFrom('event_choices').where('registration_id', '=', registrationId).execute();
  if (preferences.length === 0) return [];
  const { sessions, taken } = options.preferred ?? (await preferredSessions(trx, preferences));
  const decisions = assignChoices(preferences, sessions, taken);
  if (decisions.length === 0) return [];
  await trx
    .insertInto('event_choices')
    .values(
      decisions.map((d) => ({ registration_id: registrationId, session_id: d.sessionId, preference: d.preference, status: d.status })),
    )
    .execute();
  return decisions.map((d) => ({ sessionId: d.sessionId, preference: d.preference, status: d.status }));
}

const confirmedIds = (choices: readonly WorkshopChoice[]) => choices.filter((c) => c.status === 'confirmed').map((c) => c.sessionId);

/**
 * Fills freed places, under the event lock already held: reads who waits (the workshops' waiting
 * lists of the freed sessions, the event's waiting list), lets core decide
 * (`promoteFromWaitlists`), and writes the decision.
 */
async function promote(
  trx: Transaction<DB>,
  eventId: string,
  capacity: number | null,
  freedSessions: readonly string[],
): Promise<WaitlistPromotion[]> {
  const freed = [...new Set(freedSessions)];
  const sessions = await sessionsMap(trx, eventId);
  const taken = await takenPlaces(trx, [...sessions.keys()]);
  const workshopWaiting =
    freed.length === 0
      ? []
      : await trx
          .selectFrom('event_choices as c')
          .innerJoin('event_registrations as r', 'r.id', 'c.registration_id')
          .select(['c.registration_id', 'c.session_id', 'c.seq'])
          .where('c.session_id', 'in', freed)
          .where('c.status', '=', 'waitlisted')
          .where('r.status', '=', 'confirmed')
          .execute();
  const confirmed = capacity === null ? 0 : await confirmedAtEvent(trx, eventId);
  const eventWaiting =
    capacity === null
      ? []
      : await trx
          .selectFrom('event_registrations')
          .select(['id', 'seq'])
          .where('event_id', '=', eventId)
          .where('status', '=', 'waitlisted')
          .execute();
  const preferences = await choicesOf(
    trx,
    eventWaiting.map((w) => w.id),
  );
  const decision = promoteFromWaitlists({
    capacity,
    confirmed,
    sessions,
    taken,
    freedSessions: freed,
    workshopWaiting: workshopWaiting.map((w) => ({ registrationId: w.registration_id, sessionId: w.session_id, arrival: Number(w.seq) })),
    eventWaiting: eventWaiting.map((w) => ({
      registrationId: w.id,
      arrival: Number(w.seq),
      preferences: (preferences.get(w.id) ?? []).map((c) => c.sessionId),
    })),
  });

  for (const place of decision.workshopPlaces) {
    await trx
      .updateTable('event_choices')
      .set({ status: 'confirmed' })
      .where('registration_id', '=', place.registrationId)
      .where('session_id', '=', place.sessionId)
      .execute();
  }
  const admittedIds = decision.admitted.map((a) => a.registrationId);
  if (admittedIds.length > 0) {
    await trx
      .updateTable('event_registrations')
      .set({ status: 'confirmed', updated_at: sql`now()` })
      .where('id', 'in', admittedIds)
      .execute();
    // Their pending choices are replaced by the workshops they got or wait for.
    await trx.deleteFrom('event_choices').where('registration_id', 'in', admittedIds).execute();
    const choices = decision.admitted.flatMap((a) =>
      a.choices.map((d) => ({ registration_id: a.registrationId, session_id: d.sessionId, preference: d.preference, status: d.status })),
    );
    if (choices.length > 0) await trx.insertInto('event_choices').values(choices).execute();
  }
  const result: WaitlistPromotion[] = [];
  for (const p of decision.promotions) {
    const registration = await loadRegistration(trx, p.registrationId);
    if (registration) result.push({ registration, toEvent: p.toEvent, sessionIds: p.sessionIds });
  }
  return result;
}

async function confirmedSessionsOf(trx: Transaction<DB>, registrationId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('event_choices')
    .select('session_id')
    .where('registration_id', '=', registrationId)
    .where('status', '=', 'confirmed')
    .execute();
  return rows.map((r) => r.session_id);
}

type RegisterInput = Parameters<EventsRepo['register']>[1];
type RegisterSecrets = Parameters<EventsRepo['register']>[2];
type RegisterResult = Awaited<ReturnType<EventsRepo['register']>>;
type RegisterAudit = AuditOf<RegistrationRecord>;

interface PendingRegistration {
  readonly input: RegisterInput;
  readonly secrets: RegisterSecrets;
  /** Written in the batch's transaction when this registration is written. */
  readonly audit: RegisterAudit;
  resolve(result: RegisterResult): void;
  reject(error: unknown): void;
}

/** Registrations waiting for their event's next batch, per database and event. */
const registrationQueues = new WeakMap<Kysely<DB>, Map<string, PendingRegistration[]>>();
const BATCH = 250;

/**
 * Group commit: registrations to one event that arrive while a batch is being written wait and
 * go together in the next transaction. At the opening of registrations, 500 people then cost a
 * handful of transactions holding the event's lock instead of 500 queued one behind another.
 * The lock is still taken (other server processes, cancellations), so capacities hold across
 * processes; decisions inside a batch are taken one registration after another, in arrival order.
 */
function enqueueRegistration(
  db: Kysely<DB>,
  eventId: string,
  input: RegisterInput,
  secrets: RegisterSecrets,
  audit: RegisterAudit,
): Promise<RegisterResult> {
  let queues = registrationQueues.get(db);
  if (!queues) registrationQueues.set(db, (queues = new Map()));
  const existing = queues.get(eventId);
  return new Promise<RegisterResult>((resolve, reject) => {
    const pending = { input, secrets, audit, resolve, reject };
    if (existing) {
      existing.push(pending);
      return;
    }
    const queue = [pending];
    queues.set(eventId, queue);
    void drainRegistrations(db, eventId, queue, queues);
  });
}

async function drainRegistrations(
  db: Kysely<DB>,
  eventId: string,
  queue: PendingRegistration[],
  queues: Map<string, PendingRegistration[]>,
) {
  while (queue.length > 0) {
    // Let the registrations already on their way (same turn of the event loop) join this batch.
    // Without it, on PGlite, which runs on this thread, each registration ran alone: 500 at
    // once took ~5 s in the API test instead of ~0.5 s.
    await new Promise((resolve) => setImmediate(resolve));
    const batch = queue.splice(0, BATCH);
    try {
      const results = await registerBatch(db, eventId, batch);
      for (const [i, p] of batch.entries()) p.resolve(results[i]!);
    } catch (error) {
      // One faulty registration must not fail the others: write them one by one.
      if (batch.length === 1) batch[0]!.reject(error);
      else
        for (const p of batch) {
          try {
            p.resolve((await registerBatch(db, eventId, [p]))[0]!);
          } catch (single) {
            p.reject(single);
          }
        }
    }
  }
  queues.delete(eventId);
}

/** Whether an organisation and a territory belong to the event's territory (itself or below it). */
async function withinEventTerritory(
  db: Kysely<DB> | Transaction<DB>,
  eventId: string,
  organisationId: string | null,
  territoryId: string | null,
): Promise<{ organisation: boolean; territory: boolean }> {
  const row = await sql<{ organisation: boolean; territory: boolean }>`
    with recursive below(id) as (
      select territory_id from events where id = ${eventId}
      union
      select tp.territory_id from territory_parents tp join below on tp.parent_id = below.id)
    select
      exists (select 1 from organisations o where o.id = ${organisationId}::uuid and o.merged_into is null
        and (o.commune_id in (select id from below)
          or exists (select 1 from organisation_territories ot where ot.organisation_id = o.id and ot.territory_id in (select id from below))))
        as organisation,
      ${territoryId}::uuid in (select id from below) as territory`.execute(db);
  const r = row.rows[0]!;
  return { organisation: Boolean(r.organisation), territory: Boolean(r.territory) };
}

/** Writes a batch of registrations to one event in one transaction holding the event's lock. */
async function registerBatch(db: Kysely<DB>, eventId: string, batch: readonly PendingRegistration[]): Promise<RegisterResult[]> {
  return db.transaction().execute(async (trx) => {
    const event = await lockEvent(trx, eventId);
    if (!event) throw new Error(`event ${eventId} vanished`);
    const emails = [...new Set(batch.map((p) => p.input.email.toLowerCase()).filter(Boolean))];
    const sessionIds = [...new Set(batch.flatMap((p) => p.input.choices))];
    const organisationIds = [...new Set(batch.flatMap((p) => (p.input.organisationId ? [p.input.organisationId] : [])))];
    const territoryIds = [...new Set(batch.flatMap((p) => (p.input.territoryId ? [p.input.territoryId] : [])))];
    // A new statement after the lock: its snapshot sees every registration committed before.
    const tally = await sql<{
      confirmed: number;
      emails: string[];
      sessions: PreferredRow[];
      organisations: string[];
      territories: string[];
    }>`
      with recursive below(id) as (
        select territory_id from events where id = ${eventId}
        union
        select tp.territory_id from territory_parents tp join below on tp.parent_id = below.id)
      select
        (select count(*) from event_registrations where event_id = ${eventId} and status = 'confirmed') as confirmed,
        (select coalesce(json_agg(lower(email)), '[]'::json) from event_registrations where event_id = ${eventId} and status <> 'cancelled'
          and email <> '' and lower(email) = any(${emails}::text[])) as emails,
        (select coalesce(json_agg(json_build_object('id', s.id, 'event_id', s.event_id, 'choosable', s.choosable, 'day', s.day,
            'starts_at', s.starts_at, 'ends_at', s.ends_at, 'capacity', s.capacity,
            'taken', (select count(*) from event_choices c where c.session_id = s.id and c.status = 'confirmed'))), '[]'::json)
          from event_sessions s where s.id = any(${sessionIds}::uuid[])) as sessions,
        -- Organisations chosen on the form: only those of the event's territory (as the form's search offers).
        (select coalesce(json_agg(o.id), '[]'::json) from organisations o where o.id = any(${organisationIds}::uuid[]) and o.merged_into is null
          and (o.commune_id in (select id from below)
            or exists (select 1 from organisation_territories ot where ot.organisation_id = o.id and ot.territory_id in (select id from below)))
        ) as organisations,
        -- The registrant's territory: the event's or one within it (as the form offers).
        (select coalesce(json_agg(id), '[]'::json) from territories where id = any(${territoryIds}::uuid[])
          and id in (select id from below)) as territories`.execute(trx);
    const t = tally.rows[0]!;
    let confirmed = Number(t.confirmed);
    const taken = new Map(t.sessions.map((r) => [r.id, Number(r.taken)]));
    const sessions = new Map(t.sessions.map((r) => [r.id, r]));
    const placeOf = new Map(t.sessions.map((r) => [r.id, { day: r.day, startsAt: r.starts_at, endsAt: r.ends_at, capacity: r.capacity }]));
    const usedEmails = new Set(t.emails);
    const organisations = new Set(t.organisations);
    const territories = new Set(t.territories);
    const results: (RegisterResult | undefined)[] = [];
    const rows: {
      i: number;
      organisation_id: string | null;
      territory_id: string | null;
      directory_consent: boolean;
      status: 'confirmed' | 'waitlisted';
      walk_in: boolean;
      [column: string]: unknown;
    }[] = [];
    const choicesOfRow: WorkshopChoice[][] = [];
    for (const [i, { input, secrets }] of batch.entries()) {
      const email = input.email.toLowerCase();
      if (email && usedEmails.has(email)) {
        results[i] = fail('already_registered');
        continue;
      }
      // Workshops chosen: each once, each a choosable session of this event.
      if (
        new Set(input.choices).size !== input.choices.length ||
        input.choices.some((id) => {
          const s = sessions.get(id);
          return !s || s.event_id !== eventId || !s.choosable;
        })
      ) {
        results[i] = fail('invalid_choice');
        continue;
      }
      if (email) usedEmails.add(email);
      const status = input.walkIn ? 'confirmed' : admitToEvent(confirmed, event.capacity);
      let choices: WorkshopChoice[];
      if (status === 'confirmed') {
        confirmed++;
        choices = assignChoices(input.choices, placeOf, taken);
        for (const c of choices) if (c.status === 'confirmed') taken.set(c.sessionId, (taken.get(c.sessionId) ?? 0) + 1);
      } else choices = input.choices.map((sessionId, n) => ({ sessionId, preference: n + 1, status: 'pending' as const }));
      choicesOfRow.push(choices);
      rows.push({
        i,
        token_hash: secrets.tokenHash,
        badge_code: secrets.badgeCode,
        name: input.name,
        email: input.email,
        organisation_name: input.organisationName,
        organisation_kind: input.organisationKind,
        // An organisation since merged or removed, or not of this territory: the typed name stays, unlinked.
        organisation_id: input.organisationId && organisations.has(input.organisationId) ? input.organisationId : null,
        territory_id: input.territoryId && territories.has(input.territoryId) ? input.territoryId : null,
        themes: input.themes,
        lunch: input.lunch,
        accessibility: input.accessibility,
        directory_consent: input.directoryConsent ?? false,
        status,
        walk_in: input.walkIn ?? false,
        checked_in_at: input.checkedInAt?.toISOString() ?? null,
        choices,
      });
    }
    if (rows.length > 0) {
      // Only what the database decides comes back (id, creation time): the rest is what was sent.
      const inserted = await sql<{ id: string; token_hash: string; created_at: Date }>`
        with x as (
          select * from json_to_recordset(${JSON.stringify(rows)}::json) as x(i int, token_hash text, badge_code text, name text,
            email text, organisation_name text, organisation_kind text, organisation_id uuid, territory_id uuid, themes jsonb,
            lunch boolean, accessibility text, directory_consent boolean, status text, walk_in boolean, checked_in_at timestamptz,
            choices json)),
        r as (
          insert into event_registrations (event_id, token_hash, badge_code, name, email, organisation_name, organisation_kind,
            organisation_id, territory_id, themes, lunch, accessibility, consent_at, directory_consent_at, status, walk_in, checked_in_at)
          select ${eventId}, token_hash, badge_code, name, email, organisation_name, organisation_kind, organisation_id, territory_id,
            themes, lunch, accessibility, now(), case when directory_consent then now() end, status, walk_in, checked_in_at
          from x order by i
          returning id, token_hash, created_at),
        c as (
          insert into event_choices (registration_id, session_id, preference, status)
          select r.id, y."sessionId", y.preference, y.status from r join x on x.token_hash = r.token_hash,
            json_to_recordset(x.choices) as y("sessionId" uuid, preference int, status text)
          order by x.i, y.preference
          returning 1)
        select r.id, r.token_hash, r.created_at, (select count(*) from c) as choices_inserted from r`.execute(trx);
      const byToken = new Map(inserted.rows.map((r) => [r.token_hash, r]));
      for (const [n, row] of rows.entries()) {
        const { input, secrets } = batch[row.i]!;
        const written = byToken.get(secrets.tokenHash)!;
        results[row.i] = ok({
          id: written.id,
          eventId,
          name: input.name,
          email: input.email,
          organisationName: input.organisationName,
          organisationKind: input.organisationKind,
          organisationId: row.organisation_id,
          personId: null,
          directoryConsent: row.directory_consent,
          territoryId: row.territory_id,
          themes: input.themes,
          lunch: input.lunch,
          accessibility: input.accessibility,
          status: row.status,
          walkIn: row.walk_in,
          badgeCode: secrets.badgeCode,
          checkedInAt: input.checkedInAt ?? null,
          createdAt: new Date(written.created_at),
          choices: choicesOfRow[n]!,
        });
      }
      for (const [i, { audit }] of batch.entries()) {
        const result = results[i];
        if (audit && result?.ok) await writeAudit(trx, typeof audit === 'function' ? audit(result.value) : audit);
      }
    }
    return results as RegisterResult[];
  });
}

class ProgrammeRejected extends Error {
  constructor(readonly code: 'session_has_registrations' | 'unknown_session') {
    super(code);
  }
}

/** The events repository on PostgreSQL or PGlite. */
export function eventsRepo(db: Kysely<DB>): EventsRepo {
  const programme = async (eventId: string, on: Db = db): Promise<Programme> => {
    const [rooms, sessions] = await Promise.all([
      on.selectFrom('event_rooms').selectAll().where('event_id', '=', eventId).orderBy('position').execute(),
      on
        .selectFrom('event_sessions')
        .selectAll()
        .where('event_id', '=', eventId)
        .orderBy('day')
        .orderBy('starts_at')
        .orderBy('position')
        .execute(),
    ]);
    return { rooms: rooms.map(toRoom), sessions: sessions.map(toSession) };
  };

  return {
    async createEvent(input, draft, audit) {
      return withAudit(db, audit, async (trx) => {
        const row = await trx
          .insertInto('events')
          .values({
            slug: input.slug,
            territory_id: input.territoryId,
            title: input.title,
            description: input.description,
            audience: input.audience,
            start_date: input.startDate,
            end_date: input.endDate,
            opens_at: input.opensAt,
            closes_at: input.closesAt,
            venue_name: input.venueName,
            venue_address: input.venueAddress,
            organisers: JSON.stringify(input.organisers),
            partners: JSON.stringify(input.partners),
            themes: JSON.stringify(input.themes),
            capacity: input.capacity,
            takeaways: '[]',
            created_by: input.createdBy,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        if (draft) {
          const roomIds = new Map<string, string>();
          for (const [position, room] of draft.rooms.entries()) {
            const r = await trx
              .insertInto('event_rooms')
              .values({ event_id: row.id, name: room.name, capacity: room.capacity, position })
              .returning('id')
              .executeTakeFirstOrThrow();
            roomIds.set(room.key, r.id);
          }
          if (draft.sessions.length > 0) {
            await trx
              .insertInto('event_sessions')
              .values(
                draft.sessions.map((s, position) => ({
                  event_id: row.id,
                  kind: s.kind,
                  title: s.title,
                  description: s.description,
                  day: s.day,
                  starts_at: s.startsAt,
                  ends_at: s.endsAt,
                  room_id: s.roomKey ? (roomIds.get(s.roomKey) ?? null) : null,
                  capacity: s.capacity,
                  colour: s.colour,
                  speakers: JSON.stringify(s.speakers),
                  choosable: s.choosable,
                  position,
                })),
              )
              .execute();
          }
        }
        return toEvent(row);
      });
    },

    async findEvent(id) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
      const row = await db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toEvent(row) : undefined;
    },

    async findEventBySlug(slug) {
      const row = await db.selectFrom('events').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? toEvent(row) : undefined;
    },

    async listEvents(filter) {
      let q = db.selectFrom('events').selectAll().orderBy('start_date', 'desc').limit(500);
      if (filter.territoryIds) {
        if (filter.territoryIds.length === 0) return [];
        q = q.where('territory_id', 'in', filter.territoryIds as string[]);
      }
      if (filter.statuses) q = q.where('status', 'in', filter.statuses as EventRecord['status'][]);
      return (await q.execute()).map(toEvent);
    },

    async updateEvent(id, patch, audit) {
      const set: Record<string, unknown> = { updated_at: sql`now()` };
      const columns: Record<string, string> = {
        title: 'title',
        description: 'description',
        audience: 'audience',
        startDate: 'start_date',
        endDate: 'end_date',
        opensAt: 'opens_at',
        closesAt: 'closes_at',
        venueName: 'venue_name',
        venueAddress: 'venue_address',
        capacity: 'capacity',
      };
      for (const [key, column] of Object.entries(columns)) {
        const value = (patch as Record<string, unknown>)[key];
        if (value !== undefined) set[column] = value;
      }
      for (const key of ['organisers', 'partners', 'themes'] as const) if (patch[key] !== undefined) set[key] = JSON.stringify(patch[key]);
      return withAudit(db, audit, async (trx) =>
        toEvent(await trx.updateTable('events').set(set).where('id', '=', id).returningAll().executeTakeFirstOrThrow()),
      );
    },

    async setStatus(id, status, audit) {
      return withAudit(db, audit, async (trx) => {
        const row = await trx
          .updateTable('events')
          .set({ status, updated_at: sql`now()` })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toEvent(row);
      });
    },

    async setTakeaways(id, takeaways, audit) {
      return withAudit(db, audit, async (trx) => {
        const row = await trx
          .updateTable('events')
          .set({ takeaways: JSON.stringify(takeaways), updated_at: sql`now()` })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirstOrThrow();
        return toEvent(row);
      });
    },

    programme: (eventId) => programme(eventId),

    async saveProgramme(eventId, input, audit) {
      try {
        const saved = await withAudit(db, audit, async (trx) => {
          await lockEvent(trx, eventId);
          const current = await programme(eventId, trx);
          const roomIds = new Map<string, string>();
          const existingRooms = new Set(current.rooms.map((r) => r.id));
          for (const [position, room] of input.rooms.entries()) {
            if (existingRooms.has(room.key)) {
              await trx
                .updateTable('event_rooms')
                .set({ name: room.name, capacity: room.capacity, position })
                .where('id', '=', room.key)
                .execute();
              roomIds.set(room.key, room.key);
            } else {
              const r = await trx
                .insertInto('event_rooms')
                .values({ event_id: eventId, name: room.name, capacity: room.capacity, position })
                .returning('id')
                .executeTakeFirstOrThrow();
              roomIds.set(room.key, r.id);
            }
          }
          const keptSessions = new Set(input.sessions.flatMap((s) => (s.id ? [s.id] : [])));
          const existingSessions = new Set(current.sessions.map((s) => s.id));
          if ([...keptSessions].some((id) => !existingSessions.has(id))) throw new ProgrammeRejected('unknown_session');
          const removed = current.sessions.filter((s) => !keptSessions.has(s.id)).map((s) => s.id);
          if (removed.length > 0) {
            const held = await trx
              .selectFrom('event_choices as c')
              .innerJoin('event_registrations as r', 'r.id', 'c.registration_id')
              .select('c.session_id')
              .where('c.session_id', 'in', removed)
              .where('c.status', 'in', ['confirmed', 'waitlisted', 'pending'])
              .where('r.status', '<>', 'cancelled')
              .executeTakeFirst();
            if (held) throw new ProgrammeRejected('session_has_registrations');
            await trx.deleteFrom('event_sessions').where('id', 'in', removed).execute();
          }
          for (const [position, s] of input.sessions.entries()) {
            const values = {
              kind: s.kind,
              title: s.title,
              description: s.description,
              day: s.day,
              starts_at: s.startsAt,
              ends_at: s.endsAt,
              room_id: s.roomKey ? (roomIds.get(s.roomKey) ?? null) : null,
              capacity: s.capacity,
              colour: s.colour,
              speakers: JSON.stringify(s.speakers),
              choosable: s.choosable,
              position,
            };
            if (s.id) await trx.updateTable('event_sessions').set(values).where('id', '=', s.id).execute();
            else
              await trx
                .insertInto('event_sessions')
                .values({ ...values, event_id: eventId })
                .execute();
          }
          const droppedRooms = current.rooms.filter((r) => !input.rooms.some((k) => k.key === r.id)).map((r) => r.id);
          if (droppedRooms.length > 0) await trx.deleteFrom('event_rooms').where('id', 'in', droppedRooms).execute();
          await trx.updateTable('events').set({ updated_at: sql`now()` }).where('id', '=', eventId).execute();
          return programme(eventId, trx);
        });
        return ok(saved);
      } catch (error) {
        if (error instanceof ProgrammeRejected) return fail(error.code);
        throw error;
      }
    },

    async counts(eventId): Promise<EventCounts> {
      const regs = await db
        .selectFrom('event_registrations')
        .select([
          'status',
          (eb) => eb.fn.countAll<number>().as('n'),
          (eb) => eb.fn.count<number>('checked_in_at').as('present'),
          sql<number>`count(*) filter (where walk_in)`.as('walk_ins'),
          sql<number>`count(*) filter (where lunch)`.as('lunch'),
        ])
        .where('event_id', '=', eventId)
        .groupBy('status')
        .execute();
      const by = (status: string) => regs.find((r) => r.status === status);
      const sessionRows = await db
        .selectFrom('event_choices as c')
        .innerJoin('event_registrations as r', 'r.id', 'c.registration_id')
        .select([
          'c.session_id',
          'c.status',
          (eb) => eb.fn.countAll<number>().as('n'),
          (eb) => eb.fn.count<number>('r.checked_in_at').as('present'),
        ])
        .where('r.event_id', '=', eventId)
        .where('r.status', '<>', 'cancelled')
        .where('c.status', 'in', ['confirmed', 'waitlisted'])
        .groupBy(['c.session_id', 'c.status'])
        .execute();
      const sessions: Record<string, { confirmed: number; waitlisted: number; present: number }> = {};
      for (const r of sessionRows) {
        const entry = (sessions[r.session_id] ??= { confirmed: 0, waitlisted: 0, present: 0 });
        if (r.status === 'confirmed') {
          entry.confirmed = Number(r.n);
          entry.present = Number(r.present);
        } else entry.waitlisted = Number(r.n);
      }
      const active = regs.filter((r) => r.status !== 'cancelled');
      return {
        confirmed: Number(by('confirmed')?.n ?? 0),
        waitlisted: Number(by('waitlisted')?.n ?? 0),
        cancelled: Number(by('cancelled')?.n ?? 0),
        present: active.reduce((sum, r) => sum + Number(r.present), 0),
        walkIns: active.reduce((sum, r) => sum + Number(r.walk_ins), 0),
        lunch: Number(by('confirmed')?.lunch ?? 0),
        sessions,
      };
    },

    register: (eventId, input, secrets, audit) => enqueueRegistration(db, eventId, input, secrets, audit ?? null),

    findRegistration: (id) => (/^[0-9a-f-]{36}$/i.test(id) ? loadRegistration(db, id) : Promise.resolve(undefined)),

    async findRegistrationByToken(tokenHash) {
      const row = await db.selectFrom('event_registrations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row ? (await loadRegistrations(db, [row]))[0] : undefined;
    },

    async updateRegistration(id, patch): Promise<RegistrationChange> {
      return db.transaction().execute(async (trx) => {
        const current = await trx.selectFrom('event_registrations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        const event = await lockEvent(trx, current.event_id);
        const set: Record<string, unknown> = { updated_at: sql`now()` };
        const columns: Record<string, string> = {
          name: 'name',
          organisationName: 'organisation_name',
          organisationKind: 'organisation_kind',
          organisationId: 'organisation_id',
          territoryId: 'territory_id',
          lunch: 'lunch',
          accessibility: 'accessibility',
        };
        for (const [key, column] of Object.entries(columns)) {
          const value = (patch as Record<string, unknown>)[key];
          if (value !== undefined) set[column] = value;
        }
        // As at registration: an organisation or territory outside the event's territory is not linked.
        if (patch.organisationId || patch.territoryId) {
          const inside = await withinEventTerritory(trx, current.event_id, patch.organisationId ?? null, patch.territoryId ?? null);
          if (patch.organisationId && !inside.organisation) set.organisation_id = null;
          if (patch.territoryId && !inside.territory) set.territory_id = null;
        }
        if (patch.themes !== undefined) set.themes = JSON.stringify(patch.themes);
        if (patch.directoryConsent !== undefined)
          set.directory_consent_at = patch.directoryConsent ? sql`coalesce(directory_consent_at, now())` : null;
        await trx.updateTable('event_registrations').set(set).where('id', '=', id).execute();
        let promoted: WaitlistPromotion[] = [];
        if (patch.choices !== undefined) {
          const before = await confirmedSessionsOf(trx, id);
          if (current.status === 'confirmed') {
            const after = confirmedIds(await placeChoices(trx, id, patch.choices));
            const freed = before.filter((s) => !after.includes(s));
            promoted = await promote(trx, current.event_id, event?.capacity ?? null, freed);
          } else {
            await trx.deleteFrom('event_choices').where('registration_id', '=', id).execute();
            if (patch.choices.length > 0) {
              await trx
                .insertInto('event_choices')
                .values(
                  patch.choices.map((sessionId, i) => ({
                    registration_id: id,
                    session_id: sessionId,
                    preference: i + 1,
                    status: 'pending' as const,
                  })),
                )
                .execute();
            }
          }
        }
        return { registration: (await loadRegistration(trx, id))!, promoted };
      });
    },

    async cancelRegistration(id, audit): Promise<RegistrationChange> {
      return withAudit(db, audit, async (trx) => {
        const current = await trx
          .selectFrom('event_registrations')
          .select(['event_id', 'status'])
          .where('id', '=', id)
          .executeTakeFirstOrThrow();
        const event = await lockEvent(trx, current.event_id);
        const freed = await confirmedSessionsOf(trx, id);
        await trx
          .updateTable('event_registrations')
          .set({ status: 'cancelled', cancelled_at: sql`now()`, updated_at: sql`now()` })
          .where('id', '=', id)
          .execute();
        await trx.updateTable('event_choices').set({ status: 'dropped' }).where('registration_id', '=', id).execute();
        const promoted = await promote(trx, current.event_id, event?.capacity ?? null, freed);
        return { registration: (await loadRegistration(trx, id))!, promoted };
      });
    },

    async listRegistrations(eventId, filter) {
      let q = db.selectFrom('event_registrations as r').selectAll('r').where('r.event_id', '=', eventId).orderBy('r.seq');
      if (filter.status) q = q.where('r.status', '=', filter.status);
      if (filter.lunch) q = q.where('r.lunch', '=', filter.lunch === 'true');
      if (filter.present) q = q.where('r.checked_in_at', filter.present === 'true' ? 'is not' : 'is', null);
      if (filter.q) {
        const like = `%${filter.q}%`;
        q = q.where((eb) =>
          eb.or([
            eb(sql`f_search(r.name)`, 'like', sql`'%' || f_search(${filter.q}) || '%'`),
            eb(sql`f_search(r.organisation_name)`, 'like', sql`'%' || f_search(${filter.q}) || '%'`),
            eb('r.email', 'ilike', like),
          ]),
        );
      }
      if (filter.sessionId) {
        const sessionId = filter.sessionId;
        q = q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('event_choices as c')
              .select('c.session_id')
              .whereRef('c.registration_id', '=', 'r.id')
              .where('c.session_id', '=', sessionId)
              .where('c.status', 'in', ['confirmed', 'waitlisted']),
          ),
        );
      }
      return loadRegistrations(db, await q.execute());
    },

    async checkIn(eventId, who, at) {
      let q = db
        .updateTable('event_registrations')
        .set({ checked_in_at: at, updated_at: sql`now()` })
        .where('event_id', '=', eventId)
        .where('status', '<>', 'cancelled');
      q = who.registrationId ? q.where('id', '=', who.registrationId) : q.where('badge_code', '=', who.badgeCode ?? '');
      const updated = await q.returningAll().executeTakeFirst();
      if (updated) return (await loadRegistrations(db, [updated]))[0];
      let find = db.selectFrom('event_registrations').selectAll().where('event_id', '=', eventId);
      find = who.registrationId ? find.where('id', '=', who.registrationId) : find.where('badge_code', '=', who.badgeCode ?? '');
      const row = await find.executeTakeFirst();
      return row ? (await loadRegistrations(db, [row]))[0] : undefined;
    },

    async linkToEcosystem(eventId, nameKey, audit) {
      return withAudit(db, audit, async (trx) => {
        const unlinked = await trx
          .selectFrom('event_registrations')
          .select(['id', 'organisation_name'])
          .where('event_id', '=', eventId)
          .where('status', '<>', 'cancelled')
          .where('organisation_id', 'is', null)
          .where('organisation_name', '<>', '')
          .execute();
        const keys = new Map(unlinked.map((r) => [r.id, nameKey(r.organisation_name)]));
        const wanted = [...new Set([...keys.values()].filter(Boolean))];
        const organisations = wanted.length
          ? await trx
              .selectFrom('organisations')
              .select(['id', 'name_key'])
              .where('name_key', 'in', wanted)
              .where('merged_into', 'is', null)
              .execute()
          : [];
        const byKey = new Map<string, string>();
        for (const o of organisations) if (!byKey.has(o.name_key)) byKey.set(o.name_key, o.id);
        let linkedOrganisations = 0;
        for (const [registrationId, key] of keys) {
          const organisationId = byKey.get(key);
          if (!organisationId) continue;
          await trx.updateTable('event_registrations').set({ organisation_id: organisationId }).where('id', '=', registrationId).execute();
          linkedOrganisations++;
        }
        const people = await sql<{ n: number }>`
          with linked as (
            update event_registrations r set person_id = (
              select p.id from people p where lower(p.email) = lower(r.email) and p.erased_at is null order by p.created_at limit 1)
            where r.event_id = ${eventId} and r.person_id is null and r.status <> 'cancelled' and r.email <> ''
              and exists (select 1 from people p where lower(p.email) = lower(r.email) and p.erased_at is null)
            returning 1)
          select count(*)::int as n from linked`.execute(trx);
        return { organisations: linkedOrganisations, people: Number(people.rows[0]?.n ?? 0) };
      });
    },

    searchOrganisations: (territoryId, q, limit) => searchTerritoryOrganisations(db, territoryId, q, limit),
    createInEcosystem: (eventId, options) => createRegistrationsInEcosystem(db, eventId, options),
  };
}
