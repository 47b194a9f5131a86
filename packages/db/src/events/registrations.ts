import { confirmedIds, confirmedSessionsOf, placeChoices, preferredSessions, promote } from './places';
import { enqueueRegistration, withinEventTerritory } from './registration-batch';
import { loadRegistrations } from './rows';
import {
  decideMove,
  type EventCounts,
  type EventsRepo,
  fail,
  ok,
  type RegistrationChange,
  type RegistrationRecord,
  type WaitlistPromotion,
} from '@maillage/core';
import { type Kysely, sql } from 'kysely';
import { withAudit, writeAudit } from '../accounts/store';
import type { DB } from '../schema';
import { lockEvent } from './places';
import { loadRegistration } from './rows';

/** Registrations: counts, registering (batched under the event's lock), changes, cancellation, check-in. */
export function registrationsRepo(
  db: Kysely<DB>,
): Pick<
  EventsRepo,
  | 'counts'
  | 'register'
  | 'findRegistration'
  | 'findRegistrationByToken'
  | 'updateRegistration'
  | 'cancelRegistration'
  | 'moveWaitlisted'
  | 'listRegistrations'
  | 'checkIn'
> {
  return {
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

    async moveWaitlisted(eventId, registrationId, { fromSessionId, toSessionId }, audit) {
      return db.transaction().execute(async (trx) => {
        // The lock first, then the reads: a cancellation or another move waits until this one is written.
        await lockEvent(trx, eventId);
        const current = await trx
          .selectFrom('event_registrations')
          .select(['event_id', 'status'])
          .where('id', '=', registrationId)
          .executeTakeFirst();
        if (!current || current.event_id !== eventId) return fail('registration_not_found');
        const choices = await trx
          .selectFrom('event_choices')
          .select(['session_id', 'status', 'preference'])
          .where('registration_id', '=', registrationId)
          .execute();
        const held = choices.filter((c) => c.status === 'confirmed').map((c) => c.session_id);
        const { rows } = await preferredSessions(trx, [toSessionId, ...held]);
        const decision = decideMove({
          eventId,
          registrationStatus: current.status,
          choices: choices.map((c) => ({ sessionId: c.session_id, status: c.status })),
          fromSessionId,
          toSessionId,
          sessions: new Map(
            rows.map((r) => [
              r.id,
              {
                eventId: r.event_id,
                choosable: r.choosable,
                day: r.day,
                startsAt: r.starts_at,
                endsAt: r.ends_at,
                capacity: r.capacity,
                taken: Number(r.taken),
              },
            ]),
          ),
        });
        if (!decision.ok) return fail(decision.error);
        const from = choices.find((c) => c.session_id === fromSessionId);
        await trx
          .updateTable('event_choices')
          .set({ status: 'dropped' })
          .where('registration_id', '=', registrationId)
          .where('session_id', '=', fromSessionId)
          .execute();
        if (choices.some((c) => c.session_id === toSessionId)) {
          await trx
            .updateTable('event_choices')
            .set({ status: 'confirmed' })
            .where('registration_id', '=', registrationId)
            .where('session_id', '=', toSessionId)
            .execute();
        } else {
          await trx
            .insertInto('event_choices')
            .values({ registration_id: registrationId, session_id: toSessionId, preference: from?.preference ?? 1, status: 'confirmed' })
            .execute();
        }
        await trx.updateTable('event_registrations').set({ updated_at: sql`now()` }).where('id', '=', registrationId).execute();
        const moved = (await loadRegistration(trx, registrationId)) as RegistrationRecord;
        await writeAudit(trx, audit(moved));
        return ok(moved);
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
      if (filter.accessibility) q = q.where(sql`btrim(r.accessibility)`, filter.accessibility === 'true' ? '<>' : '=', '');
      if (filter.waitlist === 'event') q = q.where('r.status', '=', 'waitlisted');
      if (filter.waitlist === 'workshop') {
        q = q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('event_choices as w')
              .select('w.session_id')
              .whereRef('w.registration_id', '=', 'r.id')
              .where('w.status', '=', 'waitlisted'),
          ),
        );
      }
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
  };
}
