import {
  assignChoices,
  admitToEvent,
  type AuditOf,
  type EventsRepo,
  fail,
  ok,
  type RegistrationRecord,
  type WorkshopChoice,
} from '@maillage/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import { writeAudit } from '../accounts/store';
import type { DB } from '../schema';
import { type PreferredRow, lockEvent } from './places';

export type RegisterInput = Parameters<EventsRepo['register']>[1];

export type RegisterSecrets = Parameters<EventsRepo['register']>[2];

export type RegisterResult = Awaited<ReturnType<EventsRepo['register']>>;

export type RegisterAudit = AuditOf<RegistrationRecord>;

export interface PendingRegistration {
  readonly input: RegisterInput;
  readonly secrets: RegisterSecrets;
  /** Written in the batch's transaction when this registration is written. */
  readonly audit: RegisterAudit;
  resolve(result: RegisterResult): void;
  reject(error: unknown): void;
}

/** Registrations waiting for their event's next batch, per database and event. */
export const registrationQueues = new WeakMap<Kysely<DB>, Map<string, PendingRegistration[]>>();

export const BATCH = 250;

/**
 * Group commit: registrations to one event that arrive while a batch is being written wait and
 * go together in the next transaction. At the opening of registrations, 500 people then cost a
 * handful of transactions holding the event's lock instead of 500 queued one behind another.
 * The lock is still taken (other server processes, cancellations), so capacities hold across
 * processes; decisions inside a batch are taken one registration after another, in arrival order.
 */
export function enqueueRegistration(
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

export async function drainRegistrations(
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
export async function withinEventTerritory(
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
export async function registerBatch(db: Kysely<DB>, eventId: string, batch: readonly PendingRegistration[]): Promise<RegisterResult[]> {
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
