import { randomBytes } from 'node:crypto';
import { joinCodeFrom } from '@maillage/core';
import { createCollectives, liveRepo } from '@maillage/db';
import type { AuthzFixtures, AuthzWorld } from '../http/authz-fixtures';

/**
 * A room with three participants and one of each longer activity: a planned world café, an idea
 * wall with one grouped idea, a keyword activity, and collectives proposed from three urgencies.
 */
async function busyRoom(world: AuthzWorld) {
  const repo = liveRepo(world.store.db);
  const room = await repo.createRoom({
    code: joinCodeFrom((n) => new Uint8Array(randomBytes(n))),
    title: 'Salle des activités',
    territoryId: world.territoryId,
    eventSessionId: null,
    createdBy: null,
  });
  if (room === 'code_taken') throw new Error('code collision');
  const people = await repo.createParticipants(
    room.id,
    ['Aya', 'Basile', 'Chloé'].map((name, i) => ({
      tokenHash: randomBytes(8).toString('hex'),
      name,
      organisationKind: ['caf', 'association', 'bailleur'][i] as string,
      territory: null,
    })),
  );
  const [a, b, c] = people.map((p) => p.participant.id) as [string, string, string];
  const ids = { cafe: crypto.randomUUID(), wall: crypto.randomUUID(), keyword: crypto.randomUUID(), forming: crypto.randomUUID() };
  const outcomes = await repo.append(room.id, [
    {
      event: {
        type: 'activity.added',
        activityId: ids.cafe,
        kind: 'worldcafe',
        prompt: 'World café',
        tables: [
          { id: 't1', theme: 'Jeunesse', place: 'Table 1' },
          { id: 't2', theme: 'Santé', place: 'Table 2' },
        ],
        rounds: 2,
        minutes: 20,
      },
    },
    {
      event: {
        type: 'cafe.planned',
        activityId: ids.cafe,
        rounds: [
          [
            { table: 't1', members: [a, b] },
            { table: 't2', members: [c] },
          ],
          [
            { table: 't1', members: [c] },
            { table: 't2', members: [a, b] },
          ],
        ],
      },
    },
    { event: { type: 'activity.added', activityId: ids.wall, kind: 'ideas', prompt: 'Labo d’idées', options: ['Idées'] } },
    { event: { type: 'activity.started', activityId: ids.wall } },
    { event: { type: 'idea.posted', activityId: ids.wall, participantId: a, theme: 0, text: 'Un café des parents' } },
    { event: { type: 'activity.added', activityId: ids.keyword, kind: 'keyword', prompt: 'Un mot', mode: 'person' } },
    { event: { type: 'activity.added', activityId: ids.forming, kind: 'collectives', prompt: 'Votre urgence', options: [] } },
    ...[a, b, c].map((participantId) => ({
      event: {
        type: 'urgency.declared' as const,
        activityId: ids.forming,
        participantId,
        text: 'Les parents isolés',
        themes: ['Parentalité'],
        territory: null,
      },
    })),
    {
      event: {
        type: 'collectives.proposed',
        activityId: ids.forming,
        collectives: [{ number: 1, name: 'Collectif 1 · Parentalité', themes: ['Parentalité'], members: [a, b, c] }],
      },
    },
  ]);
  const idea = outcomes[4]?.seq as number;
  const [grouped] = await repo.append(room.id, [{ event: { type: 'ideas.grouped', activityId: ids.wall, ideas: [idea], label: 'Lieux' } }]);
  return { room, ids, idea, group: grouped?.seq as number, participant: a };
}

async function collective(world: AuthzWorld) {
  const [id] = await createCollectives(world.store.db, [
    {
      territoryId: world.territoryId,
      name: 'Collectif de la matrice',
      urgency: 'Les parents isolés',
      themes: ['Parentalité'],
      origin: null,
      members: [{ name: 'Aya', personId: null, liveParticipantId: null }],
      createdBy: null,
    },
  ]);
  return id as string;
}

const on = (r: Awaited<ReturnType<typeof busyRoom>>, activity: keyof Awaited<ReturnType<typeof busyRoom>>['ids']) => ({
  roomId: r.room.id,
  activityId: r.ids[activity],
});

/** Fixtures of the authorization matrix for the world café, idea wall, collectives and paper routes. */
export const activityAuthz: AuthzFixtures = {
  'PUT /api/live/rooms/:roomId/activities/:activityId/hosts': async (world) => {
    const r = await busyRoom(world);
    return { params: on(r, 'cafe'), body: { hosts: [{ table: 't1', participantId: r.participant }] } };
  },
  'POST /api/live/rooms/:roomId/activities/:activityId/plan': async (world) => ({ params: on(await busyRoom(world), 'cafe') }),
  'POST /api/live/rooms/:roomId/activities/:activityId/rounds/:round/start': async (world) => ({
    params: { ...on(await busyRoom(world), 'cafe'), round: '0' },
  }),
  'POST /api/live/rooms/:roomId/activities/:activityId/syntheses': async (world) => ({
    params: on(await busyRoom(world), 'cafe'),
    body: { table: 't1', round: 0, text: 'Écrite sur la nappe' },
  }),
  'PUT /api/live/rooms/:roomId/participants/:participantId/presence': async (world) => {
    const r = await busyRoom(world);
    return { params: { roomId: r.room.id, participantId: r.participant }, body: { present: false } };
  },
  'POST /api/live/rooms/:roomId/activities/:activityId/ideas/groups': async (world) => {
    const r = await busyRoom(world);
    return { params: on(r, 'wall'), body: { ideas: [r.idea], label: 'Lieux ressources' } };
  },
  'DELETE /api/live/rooms/:roomId/activities/:activityId/ideas/groups/:group': async (world) => {
    const r = await busyRoom(world);
    return { params: { ...on(r, 'wall'), group: String(r.group) } };
  },
  'POST /api/live/rooms/:roomId/activities/:activityId/ideas/:idea/hide': async (world) => {
    const r = await busyRoom(world);
    return { params: { ...on(r, 'wall'), idea: String(r.idea) }, body: { hidden: true } };
  },
  'POST /api/live/rooms/:roomId/activities/:activityId/ideas/typed': async (world) => ({
    params: on(await busyRoom(world), 'wall'),
    body: { ideas: [{ theme: 0, text: 'Une idée sur papier' }] },
  }),
  'POST /api/live/rooms/:roomId/activities/:activityId/keywords/typed': async (world) => ({
    params: on(await busyRoom(world), 'keyword'),
    body: { keywords: [{ group: null, text: 'Confiance' }] },
  }),
  'POST /api/live/rooms/:roomId/activities/:activityId/collectives/propose': async (world) => ({
    params: on(await busyRoom(world), 'forming'),
  }),
  'PUT /api/live/rooms/:roomId/activities/:activityId/collectives/:number/name': async (world) => ({
    params: { ...on(await busyRoom(world), 'forming'), number: '1' },
    body: { name: 'Parents isolés' },
  }),
  'POST /api/live/rooms/:roomId/activities/:activityId/collectives/create': async (world) => ({
    params: on(await busyRoom(world), 'forming'),
  }),
  'GET /api/live/rooms/:roomId/export.json': async (world) => ({ params: { roomId: (await busyRoom(world)).room.id } }),
  'POST /api/live/rooms/:roomId/close': async (world) => ({ params: { roomId: (await busyRoom(world)).room.id } }),
  'GET /api/live/rooms/:roomId/participants': async (world) => ({ params: { roomId: (await busyRoom(world)).room.id } }),
  'GET /api/collectives': async (world) => ({ query: { territoryId: world.territoryId } }),
  'GET /api/collectives/:id': async (world) => ({ params: { id: await collective(world) } }),
  'PUT /api/collectives/:id/answers/:question': async (world) => ({
    params: { id: await collective(world), question: '2' },
    body: { answer: 'Le centre social' },
  }),
};
