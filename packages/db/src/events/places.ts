import { assignChoices, promoteFromWaitlists, type WaitlistPromotion, type WorkshopChoice } from '@maillage/core';
import { sql, type Transaction } from 'kysely';
import type { DB } from '../schema';
import { choicesOf, loadRegistration } from './rows';

/** Takes the event's row lock: every change of places on one event happens one at a time. */
export async function lockEvent(trx: Transaction<DB>, eventId: string): Promise<{ capacity: number | null } | undefined> {
  const row = await sql<{ capacity: number | null }>`select capacity from events where id = ${eventId} for update`.execute(trx);
  return row.rows[0];
}

export async function confirmedAtEvent(trx: Transaction<DB>, eventId: string): Promise<number> {
  const row = await trx
    .selectFrom('event_registrations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .where('status', '=', 'confirmed')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Confirmed places per session, for the sessions asked (they all belong to the locked event). */
export async function takenPlaces(trx: Transaction<DB>, sessionIds: readonly string[]): Promise<Map<string, number>> {
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

export async function sessionsMap(trx: Transaction<DB>, eventId: string) {
  const rows = await trx.selectFrom('event_sessions').selectAll().where('event_id', '=', eventId).execute();
  return new Map(rows.map((r) => [r.id, { day: r.day, startsAt: r.starts_at, endsAt: r.ends_at, capacity: r.capacity }]));
}

/** The preferred sessions with their confirmed places, in one query (the event lock is held). */
export async function preferredSessions(trx: Transaction<DB>, preferences: readonly string[]) {
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

export type Preferred = Awaited<ReturnType<typeof preferredSessions>>;

export type PreferredRow = Preferred['rows'][number];

/** Places a confirmed registration in its workshops (pure decision from core), replacing its choices. */
export async function placeChoices(
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

export const confirmedIds = (choices: readonly WorkshopChoice[]) => choices.filter((c) => c.status === 'confirmed').map((c) => c.sessionId);

/**
 * Fills freed places, under the event lock already held: reads who waits (the workshops' waiting
 * lists of the freed sessions, the event's waiting list), lets core decide
 * (`promoteFromWaitlists`), and writes the decision.
 */
export async function promote(
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

export async function confirmedSessionsOf(trx: Transaction<DB>, registrationId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('event_choices')
    .select('session_id')
    .where('registration_id', '=', registrationId)
    .where('status', '=', 'confirmed')
    .execute();
  return rows.map((r) => r.session_id);
}
