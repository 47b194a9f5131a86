import { randomBytes } from 'node:crypto';
import {
  addActionDecider,
  addChangeDecider,
  createPathway,
  joinCodeFrom,
  type PathwayDecider,
  putIndicatorDecider,
  type StoredPathwayView,
} from '@maillage/core';
import { createCollectives, liveRepo, pathwaysRepo } from '@maillage/db';
import { organisation } from '../ecosystem/authz-fixtures';
import type { AuthzFixtures, AuthzWorld } from '../http/authz-fixtures';

const nobody = { userId: null, name: null };

async function collective(world: AuthzWorld): Promise<string> {
  const [id] = await createCollectives(world.store.db, [
    { territoryId: world.territoryId, name: 'Collectif des chemins', urgency: '', themes: [], origin: null, members: [], createdBy: null },
  ]);
  return id as string;
}

/** The territory's pathway, made from seed 003's template (nine changes, ten links). */
async function pathway(world: AuthzWorld): Promise<StoredPathwayView> {
  return createPathway(
    { repo: pathwaysRepo(world.store.db) },
    { title: 'Chemin de la matrice', territoryId: world.territoryId, collectiveId: null, template: 'seed003' },
    nobody,
  );
}

async function write(world: AuthzWorld, id: string, decide: PathwayDecider<string>): Promise<StoredPathwayView> {
  const r = await pathwaysRepo(world.store.db).write(id, decide, nobody, {
    actorUserId: null,
    action: 'test',
    entityType: 'pathway',
    entityId: id,
  });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** A collective's pathway with one change contributing to the territory's pathway. */
async function collectivePathway(world: AuthzWorld) {
  const territory = await pathway(world);
  const target = territory.changes[0]?.id as string;
  const own = await createPathway(
    { repo: pathwaysRepo(world.store.db) },
    { title: 'Chemin du collectif', territoryId: world.territoryId, collectiveId: await collective(world) },
    nobody,
  );
  const view = await write(
    world,
    own.id,
    addChangeDecider({ horizon: 'court', text: 'Les parents relais appellent', contributesTo: [target] }, new Set([target])),
  );
  return { id: view.id, changeId: view.changes[0]?.id as string, target };
}

const changeBody = async (world: AuthzWorld, target: string) => ({
  horizon: 'court',
  text: 'Les parents connaissent les lieux ressources',
  actors: { organisationIds: [await organisation(world)], kinds: ['écoles'] },
  contributesTo: [target],
});

const indicatorBody = (changeId: string | null) => ({
  changeId,
  name: 'Parents contactés',
  unit: '%',
  source: '',
  method: '',
  frequency: 'annuelle',
  reporter: '',
  baselineValue: 10,
  baselineYear: 2025,
  targetValue: 50,
  targetYear: 2028,
});

/** A live room running a pathway workshop, with one proposal from a phone. */
async function workshopRoom(world: AuthzWorld) {
  const repo = liveRepo(world.store.db);
  const room = await repo.createRoom({
    code: joinCodeFrom((n) => new Uint8Array(randomBytes(n))),
    title: 'Atelier chemin',
    territoryId: world.territoryId,
    eventSessionId: null,
    createdBy: null,
  });
  if (room === 'code_taken') throw new Error('code collision');
  const [person] = await repo.createParticipants(room.id, [
    { tokenHash: randomBytes(8).toString('hex'), name: 'Aya', organisationKind: 'association', territory: null },
  ]);
  const activityId = crypto.randomUUID();
  const options = ['Court terme', 'Moyen terme', 'Long terme'];
  const outcomes = await repo.append(room.id, [
    { event: { type: 'activity.added', activityId, kind: 'pathway', prompt: 'Nos changements', options } },
    { event: { type: 'activity.started', activityId } },
    {
      event: {
        type: 'idea.posted',
        activityId,
        participantId: person?.participant.id ?? null,
        theme: 1,
        text: 'Les parents siègent au conseil d’école',
      },
    },
  ]);
  return { roomId: room.id, activityId, idea: String(outcomes[2]?.seq) };
}

/** Fixtures of the authorization matrix for change pathways. */
export const changeAuthz: AuthzFixtures = {
  'POST /api/live/rooms/:roomId/activities/:activityId/proposals/:idea/decision': async (world) => ({
    params: await workshopRoom(world),
    body: { decision: 'accepted', into: 'Les parents siègent au conseil d’école' },
  }),
  'GET /api/pathways': async (world) => ({ query: { territoryId: world.territoryId } }),
  'POST /api/pathways': async (world) => ({
    body: { title: 'Chemin du collectif', territoryId: world.territoryId, collectiveId: await collective(world) },
  }),
  'GET /api/pathways/:id': async (world) => ({ params: { id: (await pathway(world)).id } }),
  'PATCH /api/pathways/:id': async (world) => ({ params: { id: (await pathway(world)).id }, body: { title: 'Nouveau titre' } }),
  'PUT /api/pathways/:id/vision': async (world) => ({
    params: { id: (await pathway(world)).id },
    body: { sentence: 'Des enfants épanouis', frontPageTitle: 'La une', frontPageStory: 'Le récit' },
  }),
  'POST /api/pathways/:id/changes': async (world) => {
    const c = await collectivePathway(world);
    return { params: { id: c.id }, body: await changeBody(world, c.target) };
  },
  'PATCH /api/pathways/:id/changes/:changeId': async (world) => {
    const c = await collectivePathway(world);
    return { params: { id: c.id, changeId: c.changeId }, body: await changeBody(world, c.target) };
  },
  'DELETE /api/pathways/:id/changes/:changeId': async (world) => {
    const p = await pathway(world);
    return { params: { id: p.id, changeId: p.changes[0]?.id as string } };
  },
  'POST /api/pathways/:id/links': async (world) => {
    const p = await pathway(world);
    // Seed 003's first short-term change does not yet lead to the third medium-term one.
    return { params: { id: p.id }, body: { from: p.changes[0]?.id, to: p.changes[6]?.id, rationale: 'parce que' } };
  },
  'DELETE /api/pathways/:id/links/:linkId': async (world) => {
    const p = await pathway(world);
    return { params: { id: p.id, linkId: p.links[0]?.id as string } };
  },
  'POST /api/pathways/:id/actions': async (world) => {
    const p = await pathway(world);
    return {
      params: { id: p.id },
      body: {
        changeId: p.changes[0]?.id,
        text: 'Café des parents',
        collectiveId: await collective(world),
        organisationId: await organisation(world),
      },
    };
  },
  'DELETE /api/pathways/:id/actions/:actionId': async (world) => {
    const p = await pathway(world);
    const v = await write(
      world,
      p.id,
      addActionDecider({ changeId: p.changes[0]?.id as string, text: 'Café des parents', byName: 'École' }),
    );
    return { params: { id: p.id, actionId: v.actions[0]?.id as string } };
  },
  'POST /api/pathways/:id/indicators': async (world) => {
    const p = await pathway(world);
    return { params: { id: p.id }, body: indicatorBody(p.changes[0]?.id as string) };
  },
  'PUT /api/pathways/:id/indicators/:indicatorId': async (world) => {
    const p = await pathway(world);
    const v = await write(world, p.id, putIndicatorDecider(null, { ...indicatorBody(null), frequency: 'annuelle' }));
    return { params: { id: p.id, indicatorId: v.indicators[0]?.id as string }, body: indicatorBody(p.changes[1]?.id as string) };
  },
  'DELETE /api/pathways/:id/indicators/:indicatorId': async (world) => {
    const p = await pathway(world);
    const v = await write(world, p.id, putIndicatorDecider(null, { ...indicatorBody(null), frequency: 'annuelle' }));
    return { params: { id: p.id, indicatorId: v.indicators[0]?.id as string } };
  },
  'POST /api/pathways/:id/reviews': async (world) => {
    const p = await pathway(world);
    return {
      params: { id: p.id },
      body: { heldOn: '2026-11-15', lights: [{ changeId: p.changes[0]?.id, light: 'a_risque', comment: '' }] },
    };
  },
  'POST /api/pathways/:id/journal': async (world) => ({
    params: { id: (await pathway(world)).id },
    body: { on: '2026-11-15', text: 'Atelier avec les parents' },
  }),
  'GET /api/pathways/:id/versions': async (world) => ({ params: { id: (await pathway(world)).id } }),
  'GET /api/pathways/:id/versions/:version': async (world) => ({ params: { id: (await pathway(world)).id, version: '1' } }),
  'GET /api/pathways/:id/plan.pdf': async (world) => ({ params: { id: (await pathway(world)).id }, query: { format: 'A4' } }),
  'GET /api/pathways/:id/plan.svg': async (world) => ({ params: { id: (await pathway(world)).id }, query: { format: 'A4' } }),
  'GET /api/pathways/:id/changes.csv': async (world) => ({ params: { id: (await pathway(world)).id } }),
};
