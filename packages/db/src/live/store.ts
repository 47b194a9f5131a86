import type {
  AppendInput,
  AppendOutcome,
  LiveEvent,
  LiveParticipantRecord,
  LiveRepo,
  LiveRoomRecord,
  StoredLiveEvent,
} from '@maillage/core';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { DB } from '../schema';
import type { LiveParticipantsTable, LiveRoomsTable } from './tables';

function toRoom(row: Selectable<LiveRoomsTable>): LiveRoomRecord {
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    territoryId: row.territory_id,
    eventSessionId: row.event_session_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    closedAt: row.closed_at,
  };
}

function toParticipant(row: Selectable<LiveParticipantsTable>): LiveParticipantRecord {
  return {
    id: row.id,
    roomId: row.room_id,
    name: row.display_name,
    organisationKind: row.organisation_kind,
    territory: row.territory_label,
  };
}

function payloadOf(event: LiveEvent): string {
  const { type: _type, ...rest } = event;
  return JSON.stringify(rest);
}

/** Hands out `n` sequence numbers of a room, under its row lock (held until the transaction ends). */
async function allocate(trx: Transaction<DB>, roomId: string, n: number): Promise<number> {
  const row = await trx
    .updateTable('live_rooms')
    .set((eb) => ({ last_seq: eb('last_seq', '+', n) }))
    .where('id', '=', roomId)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return Number(row.last_seq) - n + 1;
}

const INSERT_CHUNK = 1000;

/** Live rooms on PostgreSQL or PGlite. */
export function liveRepo(db: Kysely<DB>): LiveRepo {
  const repo: LiveRepo = {
    async createRoom(room) {
      const row = await db
        .insertInto('live_rooms')
        .values({
          code: room.code,
          title: room.title,
          territory_id: room.territoryId,
          event_session_id: room.eventSessionId,
          created_by: room.createdBy,
        })
        .onConflict((oc) => oc.column('code').doNothing())
        .returningAll()
        .executeTakeFirst();
      return row ? toRoom(row) : 'code_taken';
    },
    async findRoomByCode(code) {
      const row = await db.selectFrom('live_rooms').selectAll().where('code', '=', code).executeTakeFirst();
      return row ? toRoom(row) : undefined;
    },
    async findRoomById(id) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
      const row = await db.selectFrom('live_rooms').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRoom(row) : undefined;
    },
    async createParticipant(roomId, p) {
      return (await repo.createParticipants(roomId, [p]))[0] as { participant: LiveParticipantRecord; seq: number };
    },
    async createParticipants(roomId, list) {
      if (list.length === 0) return [];
      return db.transaction().execute(async (trx) => {
        const rows = await trx
          .insertInto('live_participants')
          .values(
            list.map((p) => ({
              room_id: roomId,
              token_hash: p.tokenHash,
              display_name: p.name,
              organisation_kind: p.organisationKind,
              territory_label: p.territory,
            })),
          )
          .returningAll()
          .execute();
        // RETURNING keeps no promised order: match the rows back by their (unique) token digest.
        const byToken = new Map(rows.map((r) => [r.token_hash, r]));
        const first = await allocate(trx, roomId, list.length);
        const created = list.map((p, i) => {
          const row = byToken.get(p.tokenHash) as Selectable<LiveParticipantsTable>;
          const event: LiveEvent = {
            type: 'participant.joined',
            participantId: row.id,
            name: p.name,
            organisationKind: p.organisationKind,
            territory: p.territory,
          };
          return { row, event, seq: first + i };
        });
        await trx
          .insertInto('live_events')
          .values(
            created.map((c) => ({
              room_id: roomId,
              seq: c.seq,
              type: c.event.type,
              participant_id: c.row.id,
              idempotency_key: null,
              payload: payloadOf(c.event),
            })),
          )
          .execute();
        return created.map((c) => ({ participant: toParticipant(c.row), seq: c.seq }));
      });
    },
    async findParticipantByToken(roomId, tokenHash) {
      const row = await db
        .selectFrom('live_participants')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('room_id', '=', roomId)
        .executeTakeFirst();
      return row ? toParticipant(row) : undefined;
    },
    async participantsWithTokens(roomId) {
      const rows = await db.selectFrom('live_participants').selectAll().where('room_id', '=', roomId).execute();
      return rows.map((row) => ({ tokenHash: row.token_hash, participant: toParticipant(row) }));
    },
    async append(roomId, inputs, options = {}) {
      if (inputs.length === 0) return [];
      return db.transaction().execute(async (trx) => {
        const outcomes: (AppendOutcome | undefined)[] = inputs.map(() => undefined);
        // Retries already stored (by this or another process) keep their original seq.
        const keyed = inputs.flatMap((input, i) => (input.key && input.participantId ? [{ i, p: input.participantId, k: input.key }] : []));
        const known = new Map<string, number>();
        if (keyed.length > 0 && !options.keysAreNew) {
          const rows = await sql<{ participant_id: string; idempotency_key: string; seq: number }>`
            select e.participant_id, e.idempotency_key, e.seq
            from live_events e
            join unnest(${keyed.map((x) => x.p)}::uuid[], ${keyed.map((x) => x.k)}::text[]) as k(p, key)
              on e.participant_id = k.p and e.idempotency_key = k.key`.execute(trx);
          for (const r of rows.rows) known.set(`${r.participant_id} ${r.idempotency_key}`, Number(r.seq));
        }
        const fresh: { i: number; input: AppendInput }[] = [];
        /** A key sent twice inside this batch: the repeat (index) points to the first copy (index). */
        const repeats = new Map<number, number>();
        const firstCopy = new Map<string, number>();
        for (let i = 0; i < inputs.length; i++) {
          const input = inputs[i] as AppendInput;
          const id = input.key && input.participantId ? `${input.participantId} ${input.key}` : undefined;
          const seen = id ? known.get(id) : undefined;
          if (seen !== undefined) outcomes[i] = { seq: seen, duplicate: true };
          else if (id && firstCopy.has(id)) repeats.set(i, firstCopy.get(id) as number);
          else {
            if (id) firstCopy.set(id, i);
            fresh.push({ i, input });
          }
        }
        const first = fresh.length > 0 ? await allocate(trx, roomId, fresh.length) : 0;
        const inserted = new Set<number>();
        for (let c = 0; c < fresh.length; c += INSERT_CHUNK) {
          const chunk = fresh.slice(c, c + INSERT_CHUNK);
          const rows = await trx
            .insertInto('live_events')
            .values(
              chunk.map(({ input }, j) => ({
                room_id: roomId,
                seq: first + c + j,
                type: input.event.type,
                participant_id: input.participantId ?? null,
                idempotency_key: input.key ?? null,
                payload: payloadOf(input.event),
              })),
            )
            .onConflict((oc) => oc.columns(['participant_id', 'idempotency_key']).where('idempotency_key', 'is not', null).doNothing())
            .returning('seq')
            .execute();
          for (const r of rows) inserted.add(Number(r.seq));
        }
        const lost: { i: number; input: AppendInput }[] = [];
        fresh.forEach(({ i, input }, j) => {
          const seq = first + j;
          if (inserted.has(seq)) outcomes[i] = { seq, duplicate: false };
          else lost.push({ i, input });
        });
        // Another process stored the same key between our check and our insert: answer with its seq.
        for (const { i, input } of lost) {
          const row = await trx
            .selectFrom('live_events')
            .select('seq')
            .where('participant_id', '=', input.participantId as string)
            .where('idempotency_key', '=', input.key as string)
            .executeTakeFirstOrThrow();
          outcomes[i] = { seq: Number(row.seq), duplicate: true };
        }
        for (const [i, original] of repeats) outcomes[i] = { seq: (outcomes[original] as AppendOutcome).seq, duplicate: true };
        return outcomes as AppendOutcome[];
      });
    },
    async eventsSince(roomId, seq, limit = 100_000) {
      const rows = await db
        .selectFrom('live_events')
        .select(['seq', 'type', 'payload', 'participant_id', 'idempotency_key'])
        .where('room_id', '=', roomId)
        .where('seq', '>', seq)
        .orderBy('seq')
        .limit(limit)
        .execute();
      return rows.map(
        (r): StoredLiveEvent => ({
          seq: Number(r.seq),
          event: { type: r.type, ...r.payload } as LiveEvent,
          participantId: r.participant_id,
          key: r.idempotency_key,
        }),
      );
    },
    async countJoinFailures(clientKey, since) {
      const row = await db
        .selectFrom('live_join_failures')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('client_key', '=', clientKey)
        .where('at', '>', since)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async recordJoinFailure(clientKey, at) {
      await db.insertInto('live_join_failures').values({ client_key: clientKey, at }).execute();
      // Keep the table small: a day of history is plenty for a 10-minute window.
      await db
        .deleteFrom('live_join_failures')
        .where('at', '<', new Date(at.getTime() - 86_400_000))
        .execute();
    },
  };
  return repo;
}
