import { randomBytes } from 'node:crypto';
import { addTheme, ecosystemRepo, insertProposal } from '@maillage/db';
import type { AuthzFixtures, AuthzWorld } from '../http/authz-fixtures';

const tag = () => randomBytes(4).toString('hex');

/** An organisation acting on the world's commune. */
export async function organisation(world: AuthzWorld, name = 'Organisation matrice'): Promise<string> {
  return ecosystemRepo(world.store.db).insertOrganisation(
    {
      name: `${name} ${tag()}`,
      kind: 'association',
      siren: null,
      siret: null,
      rna: null,
      communeId: null,
      territoryIds: [world.communeId],
      themeIds: [],
      description: null,
      address: null,
      website: null,
      publicEmail: null,
      publicPhone: null,
    },
    null,
    null,
  );
}

/**
 * A person of the commune with contact details (consent given). `owner` links them to a user
 * account: the world's `member` user is the person themselves, so "the person" sees their own
 * contact details, export and erasure, and is a member of their organisations.
 */
async function person(world: AuthzWorld, options: { owner?: string; organisationIds?: string[] } = {}): Promise<string> {
  return ecosystemRepo(world.store.db).insertPerson(
    {
      name: `Personne matrice ${tag()}`,
      function: 'Chargée de mission',
      organisationIds: options.organisationIds ?? [],
      territoryIds: [world.communeId],
      themeIds: [],
      isResource: true,
      resourceFor: 'santé',
      email: 'personne.matrice@exemple.fr',
      phone: '01 02 03 04 05',
      contactConsent: true,
      contactConsentOn: '2025-01-15',
      userId: options.owner ?? null,
    },
    null,
    null,
  );
}

/** Two organisations of the commune, the first with the world's member user among its people, and one assessment. */
async function relation(world: AuthzWorld): Promise<{ a: string; b: string }> {
  const a = await organisation(world, 'Organisation A matrice');
  const b = await organisation(world, 'Organisation B matrice');
  await person(world, { owner: world.users.member.id, organisationIds: [a] });
  await ecosystemRepo(world.store.db).insertAssessment(
    {
      organisationId: a,
      partnerId: b,
      level: 5,
      assessedOn: '2025-06-01',
      note: 'note confidentielle',
      assessedBy: null,
    },
    null,
  );
  return { a, b };
}

/** A theme of the world's own territory (a theme of another territory is not to be used). */
async function territoryTheme(world: AuthzWorld): Promise<string> {
  const result = await addTheme(world.store.db, world.territoryId, `Thème matrice ${tag()}`, null);
  if (result === 'exists') throw new Error('theme exists');
  return result.id;
}

/** An organisation of the commune (the member user not among its people) and a pending proposal renaming it, by the facilitator. */
async function proposal(world: AuthzWorld): Promise<{ id: string; proposalId: string }> {
  const id = await organisation(world, 'Organisation proposée');
  const proposalId = await insertProposal(
    world.store.db,
    {
      organisationId: id,
      territoryId: world.communeId,
      changes: { name: `Nom proposé ${tag()}` },
      base: { name: 'Organisation proposée' },
      baseVersion: 1,
      authorUserId: world.users.facilitator.id,
      message: 'correction du nom',
    },
    null,
  );
  return { id, proposalId };
}

const csv = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export const ecosystemAuthz: AuthzFixtures = {
  'GET /api/ecosystem/themes': async (world) => ({ query: { territoryId: world.territoryId } }),
  'POST /api/ecosystem/themes': async (world) => ({ body: { territoryId: world.communeId, label: `Thème matrice ${tag()}` } }),
  'GET /api/ecosystem/directory': async (world) => ({ query: { q: 'matrice', territoryId: world.territoryId } }),
  'POST /api/ecosystem/organisations': async (world) => ({
    body: {
      name: `Nouvelle organisation ${tag()}`,
      kind: 'association',
      territoryIds: [world.communeId],
      communeId: world.communeId,
      themeIds: [await territoryTheme(world)],
    },
  }),
  'GET /api/ecosystem/organisations/:id': async (world) => ({ params: { id: (await relation(world)).a } }),
  'PUT /api/ecosystem/organisations/:id': async (world) => ({
    params: { id: await organisation(world) },
    body: {
      name: `Organisation modifiée ${tag()}`,
      kind: 'centre_social',
      territoryIds: [world.communeId],
      communeId: world.communeId,
      themeIds: [await territoryTheme(world)],
    },
  }),
  // The record as read (version 1), one field changed.
  'POST /api/ecosystem/organisations/:id/proposals': async (world) => ({
    params: { id: await organisation(world) },
    body: {
      name: `Organisation renommée ${tag()}`,
      kind: 'association',
      territoryIds: [world.communeId],
      communeId: world.communeId,
      themeIds: [await territoryTheme(world)],
      baseVersion: 1,
      message: 'nouveau nom',
    },
  }),
  'GET /api/ecosystem/organisations/:id/proposals': async (world) => ({ params: { id: (await proposal(world)).id } }),
  'GET /api/ecosystem/proposals': async (world) => ({ query: { territoryId: world.communeId } }),
  'POST /api/ecosystem/organisations/:id/proposals/:proposalId/accept': async (world) => ({
    params: await proposal(world),
    body: { note: 'merci' },
  }),
  'POST /api/ecosystem/organisations/:id/proposals/:proposalId/refuse': async (world) => ({
    params: await proposal(world),
    body: { note: 'pas maintenant' },
  }),
  'GET /api/ecosystem/duplicates': async (world) => ({ query: { territoryId: world.communeId } }),
  'POST /api/ecosystem/organisations/:id/merge': async (world) => ({
    params: { id: await organisation(world) },
    body: { duplicateId: await organisation(world, 'Doublon matrice') },
  }),
  // Linked to the member's own account: only they (or an administrator) may do that.
  'POST /api/ecosystem/people': async (world) => ({
    body: {
      name: `Personne ${tag()}`,
      territoryIds: [world.communeId],
      organisationIds: [await organisation(world)],
      themeIds: [await territoryTheme(world)],
      userId: world.users.member.id,
    },
  }),
  'GET /api/ecosystem/people/:id': async (world) => ({ params: { id: await person(world, { owner: world.users.member.id }) } }),
  'GET /api/ecosystem/people/:id/contact': async (world) => ({ params: { id: await person(world, { owner: world.users.member.id }) } }),
  'GET /api/ecosystem/people/:id/export': async (world) => ({ params: { id: await person(world, { owner: world.users.member.id }) } }),
  // Without an account: coordinators of her territory may erase her too (with one, only she or an administrator).
  'DELETE /api/ecosystem/people/:id': async (world) => ({ params: { id: await person(world) } }),
  'POST /api/ecosystem/acquaintances': async (world) => ({
    body: { personId: await person(world, { owner: world.users.member.id }), knownPersonId: await person(world) },
  }),
  'POST /api/ecosystem/assessments': async (world) => {
    const { a, b } = await relation(world);
    return { body: { organisationId: a, partnerId: b, level: 6, assessedOn: '2025-09-01', note: 'progrès' } };
  },
  'GET /api/ecosystem/relations/:a/:b': async (world) => {
    const { a, b } = await relation(world);
    return { params: { a, b } };
  },
  'GET /api/ecosystem/map': async (world) => ({ query: { territoryId: world.territoryId } }),
  'GET /api/ecosystem/dashboard': async (world) => ({ query: { territoryId: world.territoryId } }),
  'GET /api/ecosystem/mobilise': async (world) => ({ query: { territoryId: world.territoryId, themeId: await territoryTheme(world) } }),
  'POST /api/ecosystem/import/preview': async (world) => ({
    body: { kind: 'organisations', territoryId: world.communeId, contentBase64: csv(`nom;type\nImport matrice ${tag()};Association\n`) },
  }),
  'POST /api/ecosystem/import/confirm': async (world) => ({
    body: { kind: 'organisations', territoryId: world.communeId, contentBase64: csv(`nom;type\nImport matrice ${tag()};Association\n`) },
  }),
  'GET /api/ecosystem/export': async (world) => ({ query: { territoryId: world.territoryId, format: 'csv' } }),
};
