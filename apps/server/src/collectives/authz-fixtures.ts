import { randomBytes } from 'node:crypto';
import { collectivesWorkspaceRepo, ecosystemRepo } from '@maillage/db';
import { organisation } from '../ecosystem/authz-fixtures';
import type { AuthzFixtures, AuthzWorld } from '../http/authz-fixtures';

const tag = () => randomBytes(4).toString('hex');

/** A person of the world's commune (contact given with consent). */
async function person(world: AuthzWorld, organisationIds: string[] = []): Promise<string> {
  return ecosystemRepo(world.store.db).insertPerson(
    {
      name: `Membre matrice ${tag()}`,
      function: null,
      organisationIds,
      territoryIds: [world.communeId],
      themeIds: [],
      isResource: false,
      resourceFor: null,
      email: 'membre.matrice@exemple.fr',
      phone: null,
      contactConsent: true,
      contactConsentOn: '2026-01-15',
      userId: null,
    },
    null,
    null,
  );
}

/**
 * A collective of the world's EPCI with its workspace: a seat of a person linked to the world's
 * `member` user (so that user is a member of the collective with an account), a guest with an
 * e-mail and no account, a step, a comment, a support request. Coordinators of the EPCI edit it,
 * its facilitator and reviewer only read it, the outsider (another EPCI) nothing.
 */
async function workspace(world: AuthzWorld) {
  const db = world.store.db;
  const repo = collectivesWorkspaceRepo(db);
  const by = { userId: world.users.coordinator.id, at: new Date() };
  const memberPerson = await person(world);
  const id = await repo.createCollective(
    {
      territoryId: world.territoryId,
      name: `Collectif matrice ${tag()}`,
      urgency: 'Les parents isolés',
      themes: ['Parentalité'],
      personIds: [memberPerson],
      by,
    },
    { kind: 'created', summary: 'a créé le collectif' },
    (collectiveId) => ({ actorUserId: by.userId, action: 'collective.create', entityType: 'collective', entityId: collectiveId }),
  );
  await db
    .updateTable('collective_members')
    .set({ user_id: world.users.member.id })
    .where('collective_id', '=', id)
    .where('person_id', '=', memberPerson)
    .execute();
  const audit = { actorUserId: by.userId, action: 'test', entityType: 'collective', entityId: id };
  const guest = await repo.addMember(
    {
      collectiveId: id,
      member: {
        name: 'Invitée matrice',
        personId: null,
        organisationName: 'Association du quartier',
        email: 'invitee@exemple.fr',
        phone: null,
        roles: ['animation'],
        customRoles: [],
      },
      by,
    },
    { kind: 'member_added', summary: 'a ajouté' },
    audit,
  );
  const step = await repo.addStep(
    { collectiveId: id, title: 'Réserver une salle', ownerMemberId: guest.id, dueOn: '2026-01-10', by, today: '2026-01-01' },
    { kind: 'step', summary: 'a ajouté une étape' },
    audit,
  );
  const comment = await repo.addComment({ collectiveId: id, section: 'enjeux', text: 'Et les familles monoparentales ?', by }, audit);
  const request = await repo.askSupport(
    { collectiveId: id, kind: 'salle', text: 'Une salle le jeudi soir', by },
    { kind: 'request', summary: 'a demandé un appui' },
    audit,
  );
  return { id, guest: guest.id, step: step.id, comment: comment.id, request: request.id };
}

const withId = async (world: AuthzWorld) => ({ params: { id: (await workspace(world)).id } });
const onSection = async (world: AuthzWorld, section = 'enjeux') => ({ params: { id: (await workspace(world)).id, section } });

/** Fixtures of the authorization matrix for the collectives' workspace. */
export const collectivesAuthz: AuthzFixtures = {
  'POST /api/collectives': async (world) => ({
    body: { territoryId: world.territoryId, name: 'Collectif fait à la main', personIds: [await person(world)] },
  }),
  'PATCH /api/collectives/:id': async (world) => ({ ...(await withId(world)), body: { urgency: 'Les jeunes sans stage' } }),
  'POST /api/collectives/:id/members': async (world) => ({
    ...(await withId(world)),
    body: { personId: await person(world), roles: ['finances'] },
  }),
  'PATCH /api/collectives/:id/members/:memberId': async (world) => {
    const w = await workspace(world);
    return { params: { id: w.id, memberId: w.guest }, body: { roles: ['porteur'] } };
  },
  'DELETE /api/collectives/:id/members/:memberId': async (world) => {
    const w = await workspace(world);
    return { params: { id: w.id, memberId: w.guest } };
  },
  'POST /api/collectives/:id/members/:memberId/invitation': async (world) => {
    const w = await workspace(world);
    return { params: { id: w.id, memberId: w.guest } };
  },
  'GET /api/collectives/:id/sheet': withId,
  'PUT /api/collectives/:id/sheet/:section': async (world) => {
    const org = await organisation(world, 'Acteur clé matrice');
    return {
      ...(await onSection(world, 'ecosysteme')),
      body: {
        baseVersion: 0,
        content: {
          text: 'Les acteurs du quartier',
          keyOrganisationIds: [org],
          resourcePeople: [{ name: 'Une personne ressource', personId: await person(world), why: 'Connaît les familles' }],
        },
      },
    };
  },
  'GET /api/collectives/:id/sheet/:section/history': onSection,
  'POST /api/collectives/:id/sheet/:section/restore': async (world) => {
    const w = await workspace(world);
    const by = { userId: null, at: new Date() };
    const audit = { actorUserId: null, action: 'test', entityType: 'collective', entityId: w.id };
    await collectivesWorkspaceRepo(world.store.db).saveSection(
      {
        collectiveId: w.id,
        section: 'enjeux',
        baseVersion: 0,
        content: { text: 'Première version', motivations: [] },
        restoredFrom: null,
        by,
      },
      (version) => ({ kind: 'section', section: 'enjeux', version, summary: 'a écrit' }),
      () => audit,
    );
    return { params: { id: w.id, section: 'enjeux' }, body: { version: 1 } };
  },
  'GET /api/collectives/:id/sheet/:section/comments': onSection,
  'POST /api/collectives/:id/sheet/:section/comments': async (world) => ({ ...(await onSection(world)), body: { text: 'Bonne idée' } }),
  'PATCH /api/collectives/:id/comments/:commentId': async (world) => {
    const w = await workspace(world);
    return { params: { id: w.id, commentId: w.comment }, body: { resolved: true } };
  },
  'GET /api/collectives/:id/history': withId,
  'GET /api/collectives/:id/steps': withId,
  'POST /api/collectives/:id/steps': async (world) => {
    const w = await workspace(world);
    return { params: { id: w.id }, body: { title: 'Écrire au bailleur', ownerMemberId: w.guest, dueOn: '2026-02-01' } };
  },
  'PATCH /api/collectives/:id/steps/:stepId': async (world) => {
    const w = await workspace(world);
    return { params: { id: w.id, stepId: w.step }, body: { status: 'fait', ownerMemberId: w.guest } };
  },
  'DELETE /api/collectives/:id/steps/:stepId': async (world) => {
    const w = await workspace(world);
    return { params: { id: w.id, stepId: w.step } };
  },
  'GET /api/collectives/:id/requests': withId,
  'POST /api/collectives/:id/requests': async (world) => ({
    ...(await withId(world)),
    body: { kind: 'financement', text: 'Qui finance ?' },
  }),
  'PATCH /api/collectives/:id/requests/:requestId': async (world) => {
    const w = await workspace(world);
    return { params: { id: w.id, requestId: w.request }, body: { status: 'traitee', answer: 'La salle Jean Moulin est libre' } };
  },
  'GET /api/collectives/support-requests': async (world) => {
    await workspace(world);
    return { query: { territoryId: world.territoryId } };
  },
  'GET /api/collectives/:id/fiche.pdf': withId,
};
