import { randomBytes } from 'node:crypto';
import { joinCodeFrom } from '@maillage/core';
import { liveRepo } from '@maillage/db';
import type { AuthzFixtures, AuthzWorld } from '../http/authz-fixtures';
import { linkedRoom } from './roster-authz-fixtures';

/** A room on the world's EPCI with a started keyword activity holding one word, and an icebreaker. */
async function roomWithActivities(world: AuthzWorld) {
  const repo = liveRepo(world.store.db);
  const room = await repo.createRoom({
    code: joinCodeFrom((n) => new Uint8Array(randomBytes(n))),
    title: 'Salle de la matrice',
    territoryId: world.territoryId,
    eventSessionId: null,
    createdBy: null,
  });
  if (room === 'code_taken') throw new Error('code collision');
  const keywordId = crypto.randomUUID();
  const icebreakerId = crypto.randomUUID();
  const a = await repo.createParticipant(room.id, {
    tokenHash: randomBytes(8).toString('hex'),
    name: 'Aya',
    organisationKind: 'caf',
    territory: null,
  });
  const b = await repo.createParticipant(room.id, {
    tokenHash: randomBytes(8).toString('hex'),
    name: 'Basile',
    organisationKind: 'association',
    territory: null,
  });
  await repo.append(room.id, [
    { event: { type: 'activity.added', activityId: keywordId, kind: 'keyword', prompt: 'Un mot ?', mode: 'person' } },
    { event: { type: 'activity.started', activityId: keywordId } },
    { event: { type: 'keyword.submitted', activityId: keywordId, participantId: a.participant.id, text: 'Confiance' } },
    { event: { type: 'keyword.submitted', activityId: keywordId, participantId: b.participant.id, text: 'Écoute' } },
    { event: { type: 'activity.added', activityId: icebreakerId, kind: 'icebreaker', prompt: 'Mise en route' } },
  ]);
  return { room, keywordId, icebreakerId };
}

/** Fixtures of the authorization matrix for every live route. */
export const liveAuthz: AuthzFixtures = {
  'POST /api/live/rooms': async (world) => ({
    body: { title: 'Journée de coopération', territoryId: world.territoryId, eventSessionId: (await linkedRoom(world)).sessionId },
  }),
  'GET /api/live/rooms/:roomId': async (world) => ({ params: { roomId: (await roomWithActivities(world)).room.id } }),
  'POST /api/live/rooms/:roomId/activities': async (world) => ({
    params: { roomId: (await roomWithActivities(world)).room.id },
    body: { kind: 'poll', pollKind: 'continuum', prompt: 'Où en est notre coopération ?' },
  }),
  'POST /api/live/rooms/:roomId/activities/:activityId/start': async (world) => {
    const r = await roomWithActivities(world);
    return { params: { roomId: r.room.id, activityId: r.icebreakerId } };
  },
  'POST /api/live/rooms/:roomId/activities/:activityId/close': async (world) => {
    const r = await roomWithActivities(world);
    return { params: { roomId: r.room.id, activityId: r.keywordId } };
  },
  'POST /api/live/rooms/:roomId/activities/:activityId/groups': async (world) => {
    const r = await roomWithActivities(world);
    return { params: { roomId: r.room.id, activityId: r.icebreakerId }, body: { size: 2 } };
  },
  'POST /api/live/rooms/:roomId/timer': async (world) => ({
    params: { roomId: (await roomWithActivities(world)).room.id },
    body: { seconds: 420 },
  }),
  'DELETE /api/live/rooms/:roomId/timer': async (world) => ({ params: { roomId: (await roomWithActivities(world)).room.id } }),
  'POST /api/live/rooms/:roomId/activities/:activityId/merge': async (world) => {
    const r = await roomWithActivities(world);
    return { params: { roomId: r.room.id, activityId: r.keywordId }, body: { from: 'Écoute', into: 'Confiance' } };
  },
  'POST /api/live/rooms/:roomId/activities/:activityId/hide': async (world) => {
    const r = await roomWithActivities(world);
    return { params: { roomId: r.room.id, activityId: r.keywordId }, body: { word: 'Confiance', hidden: true } };
  },
  'GET /api/live/rooms/:roomId/activities/:activityId/keywords.csv': async (world) => {
    const r = await roomWithActivities(world);
    return { params: { roomId: r.room.id, activityId: r.keywordId } };
  },
  'POST /api/live/join/:code': async (world) => ({
    params: { code: (await roomWithActivities(world)).room.code },
    body: { name: 'Chloé', organisationKind: 'association', territory: 'Quartier Nord' },
  }),
  'GET /api/live/join/:code': async (world) => ({ params: { code: (await roomWithActivities(world)).room.code } }),
  'GET /api/live/join/:code/qr.svg': async (world) => ({ params: { code: (await roomWithActivities(world)).room.code } }),
};
