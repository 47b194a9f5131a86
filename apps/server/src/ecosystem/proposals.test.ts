import { availableTestStores } from '@maillage/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthzWorld } from '../http/authz-fixtures';
import { createTestWorld, type TestClient, type TestWorld } from '../testing';

describe.each(availableTestStores())('organisation proposals API on %s', (kind) => {
  let t: TestWorld;
  let world: AuthzWorld;
  let admin: TestClient;
  let member: TestClient;
  let coordinator: TestClient;
  let facilitator: TestClient;
  beforeAll(async () => {
    t = await createTestWorld(kind);
    world = t.world;
    admin = await t.loginAs('admin');
    member = await t.loginAs('member');
    coordinator = await t.loginAs('coordinator');
    facilitator = await t.loginAs('facilitator');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const base = (name: string) => ({ name, kind: 'collectivite', territoryIds: [world.communeId] });

  async function townHall(name: string) {
    const res = await admin.post('/api/ecosystem/organisations', base(name));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as string;
  }

  async function propose(client: TestClient, id: string, changes: Record<string, unknown>, message?: string) {
    const org = await client.get(`/api/ecosystem/organisations/${id}`);
    return client.post(`/api/ecosystem/organisations/${id}/proposals`, {
      ...base(org.body.name),
      description: org.body.description,
      website: org.body.website ?? '',
      ...changes,
      baseVersion: org.body.version,
      ...(message ? { message } : {}),
    });
  }

  it('lets a member propose a change; the coordinator sees it with its diff and accepting applies it', async () => {
    const id = await townHall('Mairie de Castelnoir');
    const sent = await propose(member, id, { website: 'https://castelnoir.exemple.fr' }, 'Le site a changé');
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    // Nothing changes before the decision.
    expect((await member.get(`/api/ecosystem/organisations/${id}`)).body.website).toBeNull();

    const pending = await coordinator.get(`/api/ecosystem/proposals?territoryId=${world.territoryId}`);
    expect(pending.status).toBe(200);
    const mine = pending.body.proposals.find((p: { id: string }) => p.id === sent.body.id);
    expect(mine).toMatchObject({
      organisation: { id, name: 'Mairie de Castelnoir' },
      status: 'proposed',
      message: 'Le site a changé',
      diff: [{ field: 'website', before: null, after: 'https://castelnoir.exemple.fr' }],
    });

    const list = await member.get(`/api/ecosystem/organisations/${id}/proposals`);
    expect(list.body).toMatchObject({ canDecide: false, pending: [{ id: sent.body.id, mine: true }], history: [] });

    const accepted = await coordinator.post(`/api/ecosystem/organisations/${id}/proposals/${sent.body.id}/accept`, { note: 'Merci' });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body).toEqual({ id: sent.body.id, status: 'accepted' });
    const org = await member.get(`/api/ecosystem/organisations/${id}`);
    expect(org.body).toMatchObject({ website: 'https://castelnoir.exemple.fr', version: 2 });
    const history = await member.get(`/api/ecosystem/organisations/${id}/proposals`);
    expect(history.body.pending).toEqual([]);
    expect(history.body.history).toMatchObject([{ id: sent.body.id, status: 'accepted', decisionNote: 'Merci' }]);
    expect(history.body.history[0].decidedBy).toBeTruthy();

    const again = await coordinator.post(`/api/ecosystem/organisations/${id}/proposals/${sent.body.id}/refuse`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('proposal_already_decided');
  });

  it('keeps a refused proposal with its note, and changes nothing', async () => {
    const id = await townHall('Mairie de Roquebelle');
    const sent = await propose(member, id, { name: 'Mairie de Roquebelle-sur-Mer' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const refused = await coordinator.post(`/api/ecosystem/organisations/${id}/proposals/${sent.body.id}/refuse`, {
      note: 'Le nom officiel ne change pas',
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(200);
    const org = await member.get(`/api/ecosystem/organisations/${id}`);
    expect(org.body).toMatchObject({ name: 'Mairie de Roquebelle', version: 1 });
    const list = await member.get(`/api/ecosystem/organisations/${id}/proposals`);
    expect(list.body.history).toMatchObject([
      {
        status: 'refused',
        decisionNote: 'Le nom officiel ne change pas',
        diff: [{ field: 'name', before: 'Mairie de Roquebelle', after: 'Mairie de Roquebelle-sur-Mer' }],
      },
    ]);
  });

  it('refuses in French to accept a proposal whose fields changed since, and applies one whose fields did not', async () => {
    const id = await townHall('Mairie de Valfleur');
    const onWebsite = await propose(member, id, { website: 'https://valfleur.exemple.fr' });
    const onDescription = await propose(facilitator, id, { description: 'Accueil le mardi' });
    expect([onWebsite.status, onDescription.status]).toEqual([201, 201]);
    // The coordinator edits the website directly meanwhile.
    const edited = await coordinator.put(`/api/ecosystem/organisations/${id}`, {
      ...base('Mairie de Valfleur'),
      website: 'https://mairie-valfleur.exemple.fr',
    });
    expect(edited.status).toBe(200);
    const stale = await coordinator.post(`/api/ecosystem/organisations/${id}/proposals/${onWebsite.body.id}/accept`, {});
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('organisation_changed_since_proposal');
    expect(stale.body.title).toMatch(/^L’organisation a changé depuis la proposition/);
    // Nothing half-written: the record and the proposal are as they were.
    expect((await member.get(`/api/ecosystem/organisations/${id}`)).body).toMatchObject({
      website: 'https://mairie-valfleur.exemple.fr',
      version: 2,
    });
    const list = await coordinator.get(`/api/ecosystem/organisations/${id}/proposals`);
    expect(list.body.pending.map((p: { id: string }) => p.id)).toEqual([onWebsite.body.id, onDescription.body.id]);
    // Another field: applied on top of the coordinator's edit.
    const fine = await coordinator.post(`/api/ecosystem/organisations/${id}/proposals/${onDescription.body.id}/accept`, {});
    expect(fine.status, JSON.stringify(fine.body)).toBe(200);
    expect((await member.get(`/api/ecosystem/organisations/${id}`)).body).toMatchObject({
      website: 'https://mairie-valfleur.exemple.fr',
      description: 'Accueil le mardi',
      version: 3,
    });
  });

  it('refuses a proposal made on a record read before a change, and one that changes nothing', async () => {
    const id = await townHall('Mairie de Brumel');
    const old = await member.post(`/api/ecosystem/organisations/${id}/proposals`, {
      ...base('Mairie de Brumel'),
      description: 'x',
      baseVersion: 7,
    });
    expect(old.status).toBe(409);
    expect(old.body.code).toBe('organisation_changed_since_read');
    const nothing = await propose(member, id, {});
    expect(nothing.status).toBe(400);
    expect(nothing.body.code).toBe('proposal_empty');
  });

  it('refuses a proposal whose new name makes the record a probable duplicate, and says to report it instead', async () => {
    // The same name in the same commune is a probable duplicate.
    const inCommune = (name: string) => admin.post('/api/ecosystem/organisations', { ...base(name), communeId: world.communeId });
    expect((await inCommune('Mairie de Valombre')).status).toBe(201);
    const id = (await inCommune('Mairie annexe de Valombre')).body.id as string;
    const twin = await propose(member, id, { name: 'Mairie de Valombre', communeId: world.communeId });
    expect(twin.status, JSON.stringify(twin.body)).toBe(409);
    expect(twin.body.code).toBe('proposal_duplicate');
    expect(twin.body.title).toMatch(/signalez plutôt le doublon/);
    expect((await member.get(`/api/ecosystem/organisations/${id}/proposals`)).body.pending).toEqual([]);
    // Another change of the same record is still welcome.
    expect((await propose(member, id, { description: 'Ouverte le mardi', communeId: world.communeId })).status).toBe(201);
  });

  it('lets only who may decide accept: not the author without rights; a member of the organisation may', async () => {
    const id = await townHall('Centre social des Aulnes');
    const sent = await propose(member, id, { description: 'Ouvert le samedi' });
    expect(sent.status).toBe(201);
    const self = await member.post(`/api/ecosystem/organisations/${id}/proposals/${sent.body.id}/accept`, {});
    expect(self.status).toBe(403);
    expect((await member.get(`/api/ecosystem/organisations/${id}`)).body.description).toBeNull();
    const outsider = await t.loginAs('outsider');
    expect((await outsider.post(`/api/ecosystem/organisations/${id}/proposals/${sent.body.id}/accept`, {})).status).toBe(403);
    expect((await outsider.get(`/api/ecosystem/organisations/${id}/proposals`)).status).toBe(403);
    expect((await member.get(`/api/ecosystem/proposals?territoryId=${world.territoryId}`)).status).toBe(403);

    // The facilitator's proposal, decided by the member once she belongs to the organisation.
    const other = await propose(facilitator, id, { description: 'Ouvert le dimanche' });
    const linked = await admin.post('/api/ecosystem/people', {
      name: 'Inès Aulnaie',
      organisationIds: [id],
      territoryIds: [world.communeId],
      userId: world.users.member.id,
    });
    expect(linked.status).toBe(201);
    const decided = await member.post(`/api/ecosystem/organisations/${id}/proposals/${other.body.id}/refuse`, { note: 'déjà à jour' });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  });

  it('answers 404 for a proposal named under another organisation, and an unknown organisation', async () => {
    const a = await townHall('Mairie de Saint-Orbe');
    const b = await townHall('Mairie de Lanvaux');
    const sent = await propose(member, a, { description: 'Permanence le lundi' });
    const crossed = await coordinator.post(`/api/ecosystem/organisations/${b}/proposals/${sent.body.id}/accept`, {});
    expect(crossed.status).toBe(404);
    expect(crossed.body.code).toBe('proposal_not_found');
    expect((await member.get(`/api/ecosystem/organisations/${a}`)).body.description).toBeNull();
    const unknown = await coordinator.get('/api/ecosystem/organisations/00000000-0000-4000-8000-000000000000/proposals');
    expect(unknown.status).toBe(404);
  });

  it('supersedes an author’s earlier pending proposal on the same organisation', async () => {
    const id = await townHall('Mairie de Pontclair');
    const first = await propose(member, id, { description: 'Version 1' });
    const second = await propose(member, id, { description: 'Version 2' });
    const list = await coordinator.get(`/api/ecosystem/organisations/${id}/proposals`);
    expect(list.body.pending.map((p: { id: string }) => p.id)).toEqual([second.body.id]);
    expect(list.body.history).toMatchObject([{ id: first.body.id, status: 'superseded' }]);
  });
});
