import { randomBytes } from 'node:crypto';
import { joinCodeFrom } from '@maillage/core';
import { createCollectives, liveRepo, saveCodevRecord } from '@maillage/db';
import type { AuthzFixtures, AuthzWorld } from '../http/authz-fixtures';

/** A collective of the world's territory (or the foreign world's). */
async function collective(world: AuthzWorld): Promise<string> {
  const [id] = await createCollectives(world.store.db, [
    {
      territoryId: world.territoryId,
      name: 'Collectif du co-développement',
      urgency: 'Les parents isolés',
      themes: [],
      origin: null,
      members: [],
      createdBy: null,
    },
  ]);
  return id as string;
}

/** A room with three participants and a co-development session (the first is its porteur), started. */
async function codevRoom(world: AuthzWorld) {
  const repo = liveRepo(world.store.db);
  const room = await repo.createRoom({
    code: joinCodeFrom((n) => new Uint8Array(randomBytes(n))),
    title: 'Salle du co-développement',
    territoryId: world.territoryId,
    eventSessionId: null,
    createdBy: null,
  });
  if (room === 'code_taken') throw new Error('code collision');
  const people = await repo.createParticipants(
    room.id,
    ['Aya', 'Basile', 'Chloé'].map((name) => ({
      tokenHash: randomBytes(8).toString('hex'),
      name,
      organisationKind: null,
      territory: null,
    })),
  );
  const [porteur, other] = people.map((p) => p.participant.id) as [string, string];
  const activityId = crypto.randomUUID();
  await repo.append(room.id, [
    {
      event: {
        type: 'activity.added',
        activityId,
        kind: 'codev',
        prompt: 'Co-développement',
        codev: {
          subjectType: 'probleme',
          steps: [
            { kind: 'expose', label: 'Exposé', minutes: 10 },
            { kind: 'consultation', label: 'Consultation', minutes: 20 },
          ],
          porteur,
          collectiveId: null,
        },
      },
    },
    { event: { type: 'activity.started', activityId } },
    { event: { type: 'timer.started', startedAt: 0, endsAt: 600_000, warnBeforeMs: 60_000 } },
  ]);
  return { room, activityId, porteur, other };
}

/** A finished session's record, linked to a collective of the world's territory. */
async function record(world: AuthzWorld) {
  const collectiveId = await collective(world);
  const id = await saveCodevRecord(world.store.db, {
    roomId: null,
    activityId: crypto.randomUUID(),
    territoryId: world.territoryId,
    heldAt: new Date('2026-11-20T14:00:00Z'),
    createdBy: null,
    draft: {
      subjectType: 'projet',
      collectiveId,
      porteurParticipantId: null,
      subject: 'Ouvrir un tiers-lieu',
      contract: 'Aidez-moi à trouver des partenaires',
      proposals: [{ text: 'Voir la mairie', name: null, participantId: null }],
      actionPlan: 'Rencontrer la mairie',
      followUp: '2027-01-10',
      learnings: [],
      steps: [{ kind: 'expose', label: 'Exposé', minutes: 10 }],
    },
  });
  return { id, collectiveId };
}

const on = (r: Awaited<ReturnType<typeof codevRoom>>) => ({ roomId: r.room.id, activityId: r.activityId });

/** Fixtures of the authorization matrix for co-development sessions and their records. */
export const codevAuthz: AuthzFixtures = {
  'POST /api/live/rooms/:roomId/codev': async (world) => {
    const r = await codevRoom(world);
    return {
      params: { roomId: r.room.id },
      body: { subjectType: 'preoccupation', preset: 'seed', porteurId: r.porteur, collectiveId: await collective(world) },
    };
  },
  'PUT /api/live/rooms/:roomId/activities/:activityId/codev/porteur': async (world) => {
    const r = await codevRoom(world);
    return { params: on(r), body: { participantId: r.other } };
  },
  'POST /api/live/rooms/:roomId/activities/:activityId/codev/step': async (world) => ({
    params: on(await codevRoom(world)),
    body: { step: 1 },
  }),
  'POST /api/live/rooms/:roomId/activities/:activityId/codev/timer': async (world) => ({
    params: on(await codevRoom(world)),
    body: { running: true },
  }),
  'POST /api/live/rooms/:roomId/activities/:activityId/codev/close': async (world) => ({ params: on(await codevRoom(world)) }),
  'GET /api/live/rooms/:roomId/activities/:activityId/codev/paper.pdf': async (world) => ({ params: on(await codevRoom(world)) }),
  'GET /api/collectives/:id/codev': async (world) => ({ params: { id: (await record(world)).collectiveId } }),
  'GET /api/codev/:recordId': async (world) => ({ params: { recordId: (await record(world)).id } }),
};
