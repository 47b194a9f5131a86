import type { EventRecord, EventsRepo } from '@maillage/core';
import { type Kysely, sql } from 'kysely';
import { territoryScope, withAudit } from '../accounts/store';
import type { DB } from '../schema';
import { toEvent } from './rows';

/** Events themselves: creation (with a programme), reads, changes and status. */
export function eventRecordsRepo(
  db: Kysely<DB>,
): Pick<
  EventsRepo,
  | 'createEvent'
  | 'findEvent'
  | 'findEventBySlug'
  | 'territoryAndBelow'
  | 'territoryNames'
  | 'listEvents'
  | 'updateEvent'
  | 'setStatus'
  | 'setTakeaways'
> {
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
            registration_closes_on: input.registrationClosesOn ?? null,
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

    async territoryAndBelow(territoryId) {
      return (await territoryScope(db, [territoryId])).get(territoryId) ?? [territoryId];
    },

    async territoryNames(ids) {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('territories')
        .select(['id', 'name'])
        .where('id', 'in', [...ids])
        .execute();
      return new Map(rows.map((t) => [t.id, t.name]));
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
        registrationClosesOn: 'registration_closes_on',
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
  };
}
