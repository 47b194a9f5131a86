import { liveEndpoints as api } from '@maillage/core';
import { randomBytes } from 'node:crypto';
import { addCheckedInParticipants, checkRoomSession, joinAsRegistered, normaliseJoinCode, searchKey } from '@maillage/core';
import { liveRepo, rosterRepo, territoryScope } from '@maillage/db';
import type { AppDeps } from '../deps';
import { Problem } from '../http/problem';
import { defineRoute } from '../http/route';
import { refuseWhileWaiting } from './join-guard';
import { liveProblem, roomRefs, tags } from './route-kit';
import { hashParticipantToken } from './socket';

/**
 * Rooms linked to sessions of a cooperation day: the list of a territory's or a session's rooms,
 * registered people recognised when they join (badge or name + personal code), and the checked-in
 * registrations added by the facilitator for the paper fallback.
 */

const newToken = () => {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: hashParticipantToken(token) };
};

/** Refuses a room's session that does not exist or belongs to an event of another territory (400, field named). */
export async function assertRoomSession(deps: AppDeps, room: { territoryId: string; eventSessionId?: string | null }): Promise<void> {
  const checked = await checkRoomSession(rosterRepo(deps.store.db), {
    territoryId: room.territoryId,
    eventSessionId: room.eventSessionId ?? null,
  });
  if (checked.ok) return;
  const message =
    checked.error === 'event_session_not_found'
      ? 'cette séquence de journée n’existe pas'
      : 'cette séquence appartient à une journée d’un autre territoire que celui de la salle';
  throw new Problem('validation', { errors: [{ field: 'body.eventSessionId', message }] });
}

const listRooms = defineRoute({
  ...api.listRooms,
  summary: 'Salles d’animation d’un territoire (et de ceux qu’il contient) ou d’une séquence de journée',
  tags,
  action: 'live.room.facilitate',
  refs: [
    { at: 'query.territoryId', kind: 'territory' },
    { at: 'query.eventSessionId', kind: 'session' },
  ],
  async handler({ query }, { deps }) {
    const roster = rosterRepo(deps.store.db);
    const rooms = query.eventSessionId
      ? await roster.listRooms({ eventSessionId: query.eventSessionId })
      : await roster.listRooms({
          territoryIds: (await territoryScope(deps.store.db, [query.territoryId as string])).get(query.territoryId as string) ?? [
            query.territoryId as string,
          ],
        });
    return rooms.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      territoryId: r.territoryId,
      eventSessionId: r.eventSessionId,
      createdAt: r.createdAt.toISOString(),
      closedAt: r.closedAt?.toISOString() ?? null,
      participants: r.participants,
      joinPath: `/j/${r.code}`,
      consolePath: `/animation/${r.id}`,
    }));
  },
});

const joinRegistered = defineRoute({
  ...api.joinRegistered,
  summary: 'Rejoindre une salle en tant que personne inscrite à la journée (badge scanné, ou nom et code personnel)',
  tags,
  action: 'live.room.join',
  refs: [{ at: 'params.code', unscoped: 'a join code is public by design (guessing is slowed down)' }],
  async handler({ params, body }, { deps, request, reply }) {
    const guard = request.server.liveJoinGuard;
    const code = normaliseJoinCode(params.code);
    const name = 'name' in body ? searchKey(body.name) : undefined;
    refuseWhileWaiting(reply, Math.max(await guard.retryAfterMs(request.ip, code), await guard.proofRetryAfterMs(request.ip, code, name)));
    const result = await joinAsRegistered(
      { repo: request.server.live.repo, roster: rosterRepo(deps.store.db), now: deps.now, newToken },
      { code, proof: body },
    );
    if (!result.ok && result.error === 'room_not_found') await guard.wrongCode(request.ip, code);
    else guard.rightCode(request.ip, code);
    if (!result.ok && result.error === 'registration_not_found') await guard.wrongProof(request.ip, code, name);
    if (!result.ok) throw liveProblem(result.error);
    const { room, participant, token, joined } = result.value;
    if (joined) await request.server.live.written(room.id, joined);
    return { roomId: room.id, code: room.code, title: room.title, participantId: participant.id, name: participant.name, token };
  },
});

const addCheckedIn = defineRoute({
  ...api.addCheckedIn,
  summary: 'Ajouter à la salle les personnes inscrites et émargées à la journée (sans doublon), pour les fiches papier',
  tags,
  action: 'live.room.facilitate',
  refs: roomRefs('/api/live/rooms/:roomId/roster/checked-in'),
  async handler({ params }, { deps, request }) {
    const room = await liveRepo(deps.store.db).findRoomById(params.roomId);
    if (!room) throw new Problem('live_room_not_found');
    const result = await addCheckedInParticipants({ roster: rosterRepo(deps.store.db), newTokenHash: () => newToken().hash }, room);
    if (!result.ok) throw liveProblem(result.error);
    for (const joined of result.value.added) await request.server.live.written(room.id, joined);
    return { added: result.value.added.length, alreadyThere: result.value.alreadyThere };
  },
});

/** Spread into `liveRoutes`. */
export const rosterRoutes = [listRooms, joinRegistered, addCheckedIn];
