import { type LiveEvent, type RosterRegistration, type RosterRepo, roomKindOf } from '@maillage/core';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB } from '../schema';
import type { LiveParticipantsTable, LiveRoomsTable } from './tables';

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

function joinedEvent(row: Selectable<LiveParticipantsTable>): LiveEvent {
  return {
    type: 'participant.joined',
    participantId: row.id,
    name: row.display_name,
    organisationKind: row.organisation_kind,
    territory: row.territory_label,
    ...(row.person_id ? { personId: row.person_id } : {}),
  };
}

const roomOf = (row: Selectable<LiveRoomsTable>) => ({
  id: row.id,
  code: row.code,
  title: row.title,
  territoryId: row.territory_id,
  eventSessionId: row.event_session_id,
  createdBy: row.created_by,
  createdAt: row.created_at,
  closedAt: row.closed_at,
});

/** The roster of live rooms linked to cooperation days (reads the events capability's registrations). */
export function rosterRepo(db: Kysely<DB>): RosterRepo {
  return {
    async findEventSession(sessionId) {
      if (!isUuid(sessionId)) return undefined;
      const row = await db
        .selectFrom('event_sessions as s')
        .innerJoin('events as e', 'e.id', 's.event_id')
        .select(['s.id', 's.event_id', 'e.territory_id'])
        .where('s.id', '=', sessionId)
        .executeTakeFirst();
      return row ? { id: row.id, eventId: row.event_id, eventTerritoryId: row.territory_id } : undefined;
    },
    async territoryWithin(territoryId, ancestorId) {
      // Walk up from the territory, one indexed lookup per level (territories nest a few levels deep).
      const seen = new Set([territoryId]);
      let frontier = [territoryId];
      while (frontier.length > 0) {
        if (frontier.includes(ancestorId)) return true;
        const rows = await db
          .selectFrom('territory_parents')
          .select('parent_id')
          .where('territory_id', '=', sql<string>`any(${frontier}::uuid[])`)
          .execute();
        frontier = rows.map((r) => r.parent_id).filter((id) => !seen.has(id));
        for (const id of frontier) seen.add(id);
      }
      return false;
    },
    async registrations(eventId, by) {
      let q = db
        .selectFrom('event_registrations as r')
        .leftJoin('territories as t', 't.id', 'r.territory_id')
        .select(['r.id', 'r.name', 'r.badge_code', 'r.person_id', 'r.organisation_kind', 't.name as territory', 'r.checked_in_at'])
        .where('r.event_id', '=', eventId)
        .where('r.status', '<>', 'cancelled')
        .where((eb) => eb.or([eb('r.status', '=', 'confirmed'), eb('r.checked_in_at', 'is not', null)]));
      if (by) q = q.where('r.badge_code', '=', by.badgeCode);
      const rows = await q.orderBy('r.seq').execute();
      return rows.map(
        (r): RosterRegistration => ({
          id: r.id,
          name: r.name,
          badgeCode: r.badge_code,
          personId: r.person_id,
          organisationKind: roomKindOf(r.organisation_kind),
          territory: r.territory,
          checkedIn: r.checked_in_at !== null,
        }),
      );
    },
    async addRegistered(roomId, list, options = {}) {
      if (list.length === 0) return [];
      return db.transaction().execute(async (trx) => {
        // Serialises with every other writer of the room (seqs, and two phones scanning one badge).
        await trx.selectFrom('live_rooms').select('id').where('id', '=', roomId).forUpdate().executeTakeFirstOrThrow();
        const rows = await trx
          .insertInto('live_participants')
          .values(
            list.map(({ registration: r, tokenHash }) => ({
              room_id: roomId,
              token_hash: tokenHash,
              display_name: r.name,
              organisation_kind: r.organisationKind,
              territory_label: r.territory,
              registration_id: r.id,
              person_id: r.personId,
            })),
          )
          .onConflict((oc) => {
            const target = oc.columns(['room_id', 'registration_id']).where('registration_id', 'is not', null);
            return options.replaceToken && list.length === 1
              ? target.doUpdateSet((eb) => ({ token_hash: eb.ref('excluded.token_hash') }))
              : target.doNothing();
          })
          .returningAll()
          .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
          .execute();
        const created = rows.filter((r) => r.inserted);
        let seq = 0;
        if (created.length > 0) {
          const room = await trx
            .updateTable('live_rooms')
            .set((eb) => ({ last_seq: eb('last_seq', '+', created.length) }))
            .where('id', '=', roomId)
            .returning('last_seq')
            .executeTakeFirstOrThrow();
          seq = Number(room.last_seq) - created.length + 1;
        }
        const seqs = new Map(created.map((r, i) => [r.id, seq + i]));
        if (created.length > 0) {
          await trx
            .insertInto('live_events')
            .values(
              created.map((r) => {
                const { type, ...payload } = joinedEvent(r);
                return {
                  room_id: roomId,
                  seq: seqs.get(r.id) as number,
                  type,
                  participant_id: r.id,
                  idempotency_key: null,
                  payload: JSON.stringify(payload),
                };
              }),
            )
            .execute();
        }
        return rows.map((r) => ({
          participant: {
            id: r.id,
            roomId: r.room_id,
            name: r.display_name,
            organisationKind: r.organisation_kind,
            territory: r.territory_label,
          },
          seq: seqs.get(r.id) ?? null,
          event: joinedEvent(r),
          created: r.inserted,
        }));
      });
    },
    async listRooms(filter) {
      let q = db
        .selectFrom('live_rooms as r')
        .selectAll('r')
        .select((eb) =>
          eb
            .selectFrom('live_participants as p')
            .whereRef('p.room_id', '=', 'r.id')
            .select(eb.fn.countAll<string>().as('n'))
            .as('participants'),
        );
      if ('eventSessionId' in filter) {
        if (!isUuid(filter.eventSessionId)) return [];
        q = q.where('r.event_session_id', '=', filter.eventSessionId);
      } else {
        if (filter.territoryIds.length === 0) return [];
        q = q.where('r.territory_id', '=', sql<string>`any(${filter.territoryIds as string[]}::uuid[])`);
      }
      const rows = await q.orderBy('r.created_at', 'desc').limit(500).execute();
      return rows.map(({ participants, ...row }) => ({ ...roomOf(row), participants: Number(participants ?? 0) }));
    },
  };
}
