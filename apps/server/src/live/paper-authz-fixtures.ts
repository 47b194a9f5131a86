import { randomBytes } from 'node:crypto';
import { joinCodeFrom } from '@maillage/core';
import { liveRepo } from '@maillage/db';
import type { AuthzFixtures, AuthzWorld } from '../http/authz-fixtures';

/** A room with two participants in a group, a planned world café of two tables and a keyword activity. */
async function paperRoom(world: AuthzWorld) {
  const repo = liveRepo(world.store.db);
  const room = await repo.createRoom({
    code: joinCodeFrom((n) => new Uint8Array(randomBytes(n))),
    title: 'Salle sans wifi',
    territoryId: world.territoryId,
    eventSessionId: null,
    createdBy: null,
  });
  if (room === 'code_taken') throw new Error('code collision');
  const people = await repo.createParticipants(
    room.id,
    ['Aya', 'Basile'].map((name) => ({ tokenHash: randomBytes(8).toString('hex'), name, organisationKind: null, territory: null })),
  );
  const [a, b] = people.map((p) => p.participant.id) as [string, string];
  const ids = { icebreaker: crypto.randomUUID(), cafe: crypto.randomUUID(), keyword: crypto.randomUUID() };
  await repo.append(room.id, [
    { event: { type: 'activity.added', activityId: ids.icebreaker, kind: 'icebreaker', prompt: 'Mise en route' } },
    { event: { type: 'groups.formed', activityId: ids.icebreaker, groups: [{ number: 1, place: 'Près de la porte', members: [a, b] }] } },
    {
      event: {
        type: 'activity.added',
        activityId: ids.cafe,
        kind: 'worldcafe',
        prompt: 'World café',
        tables: [
          { id: 't1', theme: 'Jeunesse', place: '' },
          { id: 't2', theme: 'Santé', place: '' },
        ],
        rounds: 2,
        minutes: 20,
      },
    },
    { event: { type: 'cafe.hosts', activityId: ids.cafe, hosts: [{ table: 't1', participantId: a }] } },
    { event: { type: 'cafe.planned', activityId: ids.cafe, rounds: [[{ table: 't2', members: [b] }], [{ table: 't2', members: [b] }]] } },
    { event: { type: 'activity.added', activityId: ids.keyword, kind: 'keyword', prompt: 'Un mot', mode: 'group' } },
  ]);
  return { room, ids };
}

/** Fixtures of the authorization matrix for the paper PDFs (paper-routes.ts). */
export const paperAuthz: AuthzFixtures = {
  'GET /api/live/rooms/:roomId/paper/slips.pdf': async (world) => {
    const r = await paperRoom(world);
    return { params: { roomId: r.room.id }, query: { activityId: r.ids.cafe } };
  },
  'GET /api/live/rooms/:roomId/paper/tables.pdf': async (world) => {
    const r = await paperRoom(world);
    return { params: { roomId: r.room.id }, query: { activityId: r.ids.cafe } };
  },
  'GET /api/live/rooms/:roomId/paper/sheets.pdf': async (world) => {
    const r = await paperRoom(world);
    return { params: { roomId: r.room.id }, query: { activityId: r.ids.keyword } };
  },
};
