import { ecosystemRepo } from '@maillage/db';
import { availableTestStores } from '@maillage/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthzWorld } from '../http/authz-fixtures';
import { foreignWorld } from '../http/authz-world';
import { type TestWorld, type TestClient, createTestWorld } from '../testing';
import { organisation } from './authz-fixtures';

// The three escalations found by the security review, each as the attacker played it: a member
// of one territory, or its coordinator, reaching an organisation of another territory.
describe.each(availableTestStores())('cross-territory escalations on %s', (kind) => {
  let t: TestWorld;
  let world: AuthzWorld;
  let member: TestClient;
  let coordinator: TestClient;
  let theirs: string;

  beforeAll(async () => {
    t = await createTestWorld(kind);
    world = t.world;
    member = await t.loginAs('member');
    coordinator = await t.loginAs('coordinator');
    // An organisation of the other territory, with its people's contacts and a confidential relation.
    const other = foreignWorld(world);
    theirs = await organisation(other, 'Leur organisation');
    const partner = await organisation(other, 'Leur partenaire');
    const repo = ecosystemRepo(t.store.db);
    await repo.insertPerson(
      {
        name: 'Salarié de leur organisation',
        function: null,
        organisationIds: [theirs],
        territoryIds: [],
        themeIds: [],
        isResource: false,
        resourceFor: null,
        email: 'salarie@leur-organisation.fr',
        phone: '06 00 00 00 00',
        contactConsent: true,
        contactConsentOn: '2025-01-01',
        userId: null,
      },
      null,
      null,
    );
    await repo.insertAssessment(
      {
        organisationId: theirs,
        partnerId: partner,
        level: 2,
        assessedOn: '2025-05-01',
        note: 'note confidentielle',
        assessedBy: null,
      },
      null,
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a member cannot make herself a member of another territory’s organisation', async () => {
    const res = await member.post('/api/ecosystem/people', {
      name: 'Moi, infiltrée',
      territoryIds: [world.communeId],
      organisationIds: [theirs],
      userId: world.users.member.id,
    });
    expect(res.status).toBe(403);
    const people = await t.store.db.selectFrom('person_organisations').select('person_id').where('organisation_id', '=', theirs).execute();
    expect(people).toHaveLength(1);
    // Nor assess its relations in its name.
    const assess = await member.post('/api/ecosystem/assessments', {
      organisationId: theirs,
      partnerId: theirs,
      level: 7,
      assessedOn: '2025-09-01',
    });
    expect(assess.status).toBe(403);
  });

  it('nobody links another user’s account to a person, not even a coordinator', async () => {
    const res = await coordinator.post('/api/ecosystem/people', {
      name: 'Compte d’un autre',
      territoryIds: [world.communeId],
      userId: world.users.member.id,
    });
    expect(res.status).toBe(403);
    // Her own account, on her territory: allowed.
    const own = await member.post('/api/ecosystem/people', { name: 'Moi', territoryIds: [world.communeId], userId: world.users.member.id });
    expect(own.status).toBe(201);
  });

  it('a coordinator cannot merge a decoy into another territory’s organisation', async () => {
    const decoy = await organisation(world, 'Leurre');
    const res = await coordinator.post(`/api/ecosystem/organisations/${theirs}/merge`, { duplicateId: decoy });
    expect(res.status).toBe(403);
    const territories = await t.store.db
      .selectFrom('organisation_territories')
      .select('territory_id')
      .where('organisation_id', '=', theirs)
      .execute();
    expect(territories.map((r) => r.territory_id)).toEqual([world.otherCommuneId]);
    const contact = await coordinator.get(`/api/ecosystem/organisations/${theirs}`);
    expect(JSON.stringify(contact.body)).not.toContain('salarie@leur-organisation.fr');
    expect(JSON.stringify(contact.body)).not.toContain('note confidentielle');
  });

  it('a coordinator cannot create an organisation in another territory by naming hers too', async () => {
    const res = await coordinator.post('/api/ecosystem/organisations', {
      name: 'Organisation à cheval',
      kind: 'association',
      territoryIds: [world.communeId, world.otherCommuneId],
    });
    expect(res.status).toBe(403);
    const made = await t.store.db.selectFrom('organisations').select('id').where('name', '=', 'Organisation à cheval').execute();
    expect(made).toEqual([]);
  });

  it('an unknown territory is a 404, not a server error', async () => {
    const admin = await t.loginAs('admin');
    const res = await admin.post('/api/ecosystem/organisations', {
      name: 'Nulle part',
      kind: 'association',
      territoryIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('territory_not_found');
  });
});
