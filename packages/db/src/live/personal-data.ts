import { sql } from 'kysely';
import { addTraces, ERASED_NAME, ERASED_TEXT, foundOf, type PersonalDataDeclaration } from '../privacy/declaration';

/** Events of a room's log that carry a text a participant typed. */
const AUTHORED_TEXTS = ['keyword.submitted', 'idea.posted', 'synthesis.written', 'urgency.declared', 'codev.proposal', 'codev.written'];

/**
 * Live rooms: the participants that are her (linked to her person, to one of her registrations,
 * or to her account) and the log entries they wrote. Erasure keeps every event, so the room still
 * folds and replays the same way (counts, votes, groups, tables): her name becomes « Personne
 * effacée » in the participant row and in `participant.joined`, and the texts she typed (keywords,
 * ideas, syntheses, urgencies, co-development proposals, notes, subjects, plans and learnings)
 * become « contribution effacée ».
 */
export const livePersonalData: PersonalDataDeclaration = {
  capability: 'live',
  holds: [
    { table: 'live_participants', columns: ['person_id', 'registration_id', 'user_id'], what: 'her name in a room: anonymised' },
    {
      table: 'live_events',
      columns: ['participant_id'],
      what: 'what she did in a room: kept; her name (participant.joined) and texts she typed anonymised',
    },
  ],
  async locate(db, subject) {
    const registrations = foundOf(subject, 'event_registrations');
    const rows = await db
      .selectFrom('live_participants')
      .select(['id', 'display_name'])
      .where((eb) =>
        eb.or([
          eb('person_id', '=', subject.personId),
          ...(registrations.length ? [eb('registration_id', 'in', registrations)] : []),
          ...(subject.userId ? [eb('user_id', '=', subject.userId)] : []),
        ]),
      )
      .execute();
    subject.found.set(
      'live_participants',
      rows.map((r) => r.id),
    );
    for (const r of rows) addTraces(subject, r.display_name);
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.id);
    const texts = await sql<{ text: string }>`
      select distinct payload ->> 'text' as text from live_events
      where type = any(${AUTHORED_TEXTS}::text[]) and payload ? 'text'
        and (participant_id = any(${ids}::uuid[]) or payload ->> 'participantId' = any(${ids}::text[]))`.execute(db);
    for (const t of texts.rows) if (t.text.trim()) subject.texts.add(t.text.trim());
  },
  async export(db, subject) {
    const ids = foundOf(subject, 'live_participants');
    if (ids.length === 0) return { liveParticipation: [] };
    const participants = await db
      .selectFrom('live_participants as p')
      .innerJoin('live_rooms as r', 'r.id', 'p.room_id')
      .select([
        'p.id',
        'p.room_id as roomId',
        'r.title as room',
        'p.display_name as name',
        'p.organisation_kind as organisationKind',
        'p.territory_label as territory',
        'p.joined_at as joinedAt',
      ])
      .where('p.id', 'in', ids)
      .orderBy('p.joined_at')
      .execute();
    const events = await sql<{ participant: string; seq: number; type: string; at: Date; payload: Record<string, unknown> }>`
      select coalesce(participant_id::text, payload ->> 'participantId') as participant, seq, type, at, payload
      from live_events
      where room_id = any(${[...new Set(participants.map((p) => p.roomId))]}::uuid[])
        and (participant_id = any(${ids}::uuid[]) or payload ->> 'participantId' = any(${ids}::text[]))
      order by room_id, seq`.execute(db);
    return {
      liveParticipation: participants.map((p) => ({
        ...p,
        contributions: events.rows
          .filter((e) => e.participant === p.id)
          .map(({ participant: _p, payload, ...e }) => {
            const { participantId: _id, ...rest } = payload;
            return { ...e, ...rest };
          }),
      })),
    };
  },
  async erase(trx, subject) {
    const ids = foundOf(subject, 'live_participants');
    if (ids.length === 0) return { counts: { liveParticipants: 0, liveContributions: 0 } };
    const rooms = await trx
      .updateTable('live_participants')
      .set({ display_name: ERASED_NAME, person_id: null, user_id: null })
      .where('id', 'in', ids)
      .returning('room_id')
      .execute();
    const roomIds = [...new Set(rooms.map((r) => r.room_id))];
    await sql`
      update live_events set payload = (payload - 'personId') || jsonb_build_object('name', ${ERASED_NAME}::text)
      where room_id = any(${roomIds}::uuid[]) and type = 'participant.joined' and payload ->> 'participantId' = any(${ids}::text[])`.execute(
      trx,
    );
    const texts = await sql`
      update live_events set payload = jsonb_set(payload, '{text}', to_jsonb(${ERASED_TEXT}::text))
      where room_id = any(${roomIds}::uuid[]) and type = any(${AUTHORED_TEXTS}::text[]) and payload ? 'text'
        and (participant_id = any(${ids}::uuid[]) or payload ->> 'participantId' = any(${ids}::text[]))`.execute(trx);
    return {
      counts: { liveParticipants: ids.length, liveContributions: Number(texts.numAffectedRows ?? 0) },
      rewrittenRooms: roomIds,
    };
  },
};
