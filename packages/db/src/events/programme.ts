import { toRoom, toSession } from './rows';
import { type EventsRepo, fail, ok, type Programme } from '@maillage/core';
import { type Kysely, sql } from 'kysely';
import { withAudit } from '../accounts/store';
import type { DB, Db } from '../schema';
import { lockEvent } from './places';

class ProgrammeRejected extends Error {
  constructor(readonly code: 'session_has_registrations' | 'unknown_session') {
    super(code);
  }
}

/** A day's programme: rooms and sessions, saved as a whole. */
export function programmeRepo(db: Kysely<DB>): Pick<EventsRepo, 'programme' | 'saveProgramme'> {
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
  };
}
