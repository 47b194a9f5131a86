import { randomBytes } from 'node:crypto';
import { accountsRepo, ecosystemRepo } from '@maillage/db';
import { availableTestStores } from '@maillage/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argon2Hasher } from '../accounts/deps';
import type { AuthzWorld } from '../http/authz-fixtures';
import { buildAuthzWorld } from '../http/authz-world';
import { createTestApp, type TestApp, type TestClient } from '../testing';

const hex = () => randomBytes(4).toString('hex');

describe.each(availableTestStores())('a collective’s workspace on %s', (kind) => {
  let t: TestApp;
  let world: AuthzWorld;
  const clients = new Map<string, TestClient>();
  const as = async (role: keyof AuthzWorld['users']) => {
    let c = clients.get(role);
    if (!c) {
      c = t.client();
      await c.login(world.users[role].email, world.password);
      clients.set(role, c);
    }
    return c;
  };
  beforeAll(async () => {
    t = await createTestApp(kind);
    world = await buildAuthzWorld(t.store);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  async function organisation(name: string) {
    return ecosystemRepo(t.store.db).insertOrganisation(
      {
        name: `${name} ${hex()}`,
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
  async function person(name: string, organisationIds: string[], userId: string | null = null) {
    return ecosystemRepo(t.store.db).insertPerson(
      {
        name,
        function: null,
        organisationIds,
        territoryIds: [world.communeId],
        themeIds: [],
        isResource: false,
        resourceFor: null,
        email: `${hex()}@exemple.fr`,
        phone: '01 23 45 67 89',
        contactConsent: true,
        contactConsentOn: '2026-01-15',
        userId,
      },
      null,
      null,
    );
  }

  /** A collective made by the coordinator, with two people of two organisations; the world's `member` user holds the first seat. */
  async function newCollective() {
    const orgA = await organisation('Centre social des Tilleuls');
    const orgB = await organisation('Association Parents Ensemble');
    const a = await person(`Awa Diallo ${hex()}`, [orgA], world.users.member.id);
    const b = await person(`Bruno Lefèvre ${hex()}`, [orgB]);
    const coordinator = await as('coordinator');
    const res = await coordinator.post('/api/collectives', { territoryId: world.territoryId, name: `Parents ${hex()}`, personIds: [a, b] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = res.body.id as string;
    // The member's account is linked to her seat (as accepting an invitation does).
    await t.store.db.updateTable('collective_members').set({ user_id: world.users.member.id }).where('person_id', '=', a).execute();
    return { id, orgA, orgB, a, b, detail: res.body };
  }

  it('creates a collective by hand with its first members, their organisations, and a first line of history', async () => {
    const { id, detail } = await newCollective();
    expect(detail.members.map((m: { organisation: { name: string } }) => m.organisation?.name.split(' ')[0])).toEqual([
      'Centre',
      'Association',
    ]);
    expect(detail.originRoomId).toBeNull();
    expect(detail.may).toEqual({ edit: true, seeContacts: true, answerRequests: true, answerQuestions: true });
    const history = (await (await as('coordinator')).get(`/api/collectives/${id}/history`)).body;
    expect(history.map((h: { kind: string }) => h.kind).sort()).toEqual(['created', 'member_added', 'member_added']);
    expect(history[0].author).toBe('Test coordinator');
  });

  it('lets its members with an account and the coordinators edit; a facilitator only reads, without contact details', async () => {
    const { id } = await newCollective();
    const member = await as('member');
    const mine = (await member.get(`/api/collectives/${id}`)).body;
    expect(mine.may.edit).toBe(true);
    expect(mine.members[0].email).toMatch(/@exemple\.fr$/);
    const saved = await member.put(`/api/collectives/${id}/sheet/etat_des_lieux`, {
      baseVersion: 0,
      content: { text: 'Peu de lieux pour les parents.' },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({ section: 'etat_des_lieux', version: 1, updatedBy: 'Test member' });

    const facilitator = await as('facilitator');
    const seen = (await facilitator.get(`/api/collectives/${id}`)).body;
    expect(seen.may).toEqual({ edit: false, seeContacts: false, answerRequests: false, answerQuestions: true });
    expect(seen.members.every((m: { email: string | null; phone: string | null }) => m.email === null && m.phone === null)).toBe(true);
    expect((await facilitator.get(`/api/collectives/${id}/sheet`)).body.sections).toHaveLength(11);
    const refused = await facilitator.put(`/api/collectives/${id}/sheet/enjeux`, {
      baseVersion: 0,
      content: { text: 'x', motivations: [] },
    });
    expect(refused.status).toBe(403);
    expect((await (await as('outsider')).get(`/api/collectives/${id}`)).status).toBe(403);
  });

  it('never loses an edit: of concurrent saves from one version exactly one wins, the others get the section now stored', async () => {
    const { id } = await newCollective();
    const [member, coordinator, admin] = [await as('member'), await as('coordinator'), await as('admin')];
    const texts = ['Version de la membre', 'Version du coordinateur', 'Version de l’administratrice'];
    const saves = await Promise.all(
      [member, coordinator, admin].map((c, i) =>
        c.put(`/api/collectives/${id}/sheet/gouvernance`, { baseVersion: 0, content: { text: texts[i], meetings: 'une fois par mois' } }),
      ),
    );
    const won = saves.filter((r) => r.status === 200);
    const lost = saves.filter((r) => r.status === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(2);
    for (const r of lost) {
      expect(r.body.code).toBe('sheet_conflict');
      // The web shows both side by side: what is stored now, and what the writer still holds.
      expect(r.body.current).toMatchObject({ section: 'gouvernance', version: 1, content: won[0]?.body.content });
    }
    // A second round from the version now stored, concurrently again.
    const round2 = await Promise.all(
      [member, coordinator].map((c, i) =>
        c.put(`/api/collectives/${id}/sheet/gouvernance`, { baseVersion: 1, content: { text: `${texts[i]} (2)`, meetings: '' } }),
      ),
    );
    expect(round2.map((r) => r.status).sort()).toEqual([200, 409]);
    const revisions = (await member.get(`/api/collectives/${id}/sheet/gouvernance/history`)).body;
    expect(revisions.map((r: { version: number }) => r.version)).toEqual([2, 1]);
    // One history line and one audit entry per version written, none for a refused save.
    const lines = await t.store.db
      .selectFrom('collective_history')
      .select('version')
      .where('collective_id', '=', id)
      .where('kind', '=', 'section')
      .execute();
    expect(lines.map((l) => l.version).sort()).toEqual([1, 2]);
    const audits = await t.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .where('action', '=', 'collective.section.save')
      .execute();
    expect(audits).toHaveLength(2);
    // A save from a stale version (or from nothing, when the section exists) is refused too.
    const stale = await member.put(`/api/collectives/${id}/sheet/gouvernance`, { baseVersion: 0, content: { text: 'x', meetings: '' } });
    expect(stale.status).toBe(409);
    expect(stale.body.current.version).toBe(2);
  });

  it('restores an earlier version as a new one, and names the faulty fields of a section in French', async () => {
    const { id } = await newCollective();
    const member = await as('member');
    await member.put(`/api/collectives/${id}/sheet/forme_juridique`, {
      baseVersion: 0,
      content: { text: 'Une convention', form: 'convention' },
    });
    await member.put(`/api/collectives/${id}/sheet/forme_juridique`, {
      baseVersion: 1,
      content: { text: 'Une association', form: 'association' },
    });
    const restored = await member.post(`/api/collectives/${id}/sheet/forme_juridique/restore`, { version: 1 });
    expect(restored.status, JSON.stringify(restored.body)).toBe(200);
    expect(restored.body).toMatchObject({ version: 3, content: { text: 'Une convention', form: 'convention' } });
    const revisions = (await member.get(`/api/collectives/${id}/sheet/forme_juridique/history`)).body;
    expect(revisions[0]).toMatchObject({ version: 3, restoredFrom: 1 });
    expect((await member.post(`/api/collectives/${id}/sheet/forme_juridique/restore`, { version: 9 })).status).toBe(404);

    const bad = await member.put(`/api/collectives/${id}/sheet/forme_juridique`, { baseVersion: 3, content: { text: 'x', form: 'sarl' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ field: 'body.content.form', message: 'forme juridique inconnue' }]);
  });

  it('links an invited member’s new account to her seat, and she may then edit', async () => {
    const { id } = await newCollective();
    const coordinator = await as('coordinator');
    const email = `chloe-${hex()}@exemple.fr`;
    const guest = await coordinator.post(`/api/collectives/${id}/members`, {
      name: 'Chloé Martin',
      organisationName: 'Collectif d’habitants',
    });
    expect(guest.status, JSON.stringify(guest.body)).toBe(201);
    const noEmail = await coordinator.post(`/api/collectives/${id}/members/${guest.body.id}/invitation`);
    expect(noEmail.status).toBe(400);
    expect(noEmail.body.code).toBe('member_email_required');
    await coordinator.patch(`/api/collectives/${id}/members/${guest.body.id}`, { email, roles: ['habitants'] });
    const invited = await coordinator.post(`/api/collectives/${id}/members/${guest.body.id}/invitation`);
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const token = (invited.body.link as string).split('/invitation/')[1] as string;
    const chloe = t.client();
    await chloe.get('/api/session');
    const accepted = await chloe.post(`/api/invitations/token/${token}/accept`, {
      displayName: 'Chloé Martin',
      password: 'un mot de passe assez long',
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    const detail = (await chloe.get(`/api/collectives/${id}`)).body;
    const seat = detail.members.find((m: { id: string }) => m.id === guest.body.id);
    expect(seat).toMatchObject({ hasAccount: true, roles: ['habitants'], email });
    expect(detail.may.edit).toBe(true);
    const step = await chloe.post(`/api/collectives/${id}/steps`, {
      title: 'Afficher dans le hall',
      ownerMemberId: seat.id,
      dueOn: '2026-03-01',
    });
    expect(step.status, JSON.stringify(step.body)).toBe(201);
    expect(step.body.owner).toEqual({ memberId: seat.id, name: 'Chloé Martin' });
  });

  it('keeps the seat of a member who leaves; steps overdue by Paris’s day; support asked, answered and listed for the territory', async () => {
    const { id, detail } = await newCollective();
    const member = await as('member');
    const bruno = detail.members[1].id as string;
    const left = await member.delete(`/api/collectives/${id}/members/${bruno}`);
    expect(left.status).toBe(200);
    expect(left.body.leftAt).not.toBeNull();
    expect((await member.delete(`/api/collectives/${id}/members/${bruno}`)).status).toBe(409);
    const after = (await member.get(`/api/collectives/${id}`)).body;
    expect(after.members).toHaveLength(2);

    await member.post(`/api/collectives/${id}/steps`, { title: 'Hier', dueOn: '2000-01-01' });
    const done = await member.post(`/api/collectives/${id}/steps`, { title: 'Fait', dueOn: '2000-01-01' });
    await member.patch(`/api/collectives/${id}/steps/${done.body.id}`, { status: 'fait' });
    await member.post(`/api/collectives/${id}/steps`, { title: 'Plus tard', dueOn: '2999-01-01' });
    const steps = (await member.get(`/api/collectives/${id}/steps`)).body;
    expect(steps.filter((s: { overdue: boolean }) => s.overdue).map((s: { title: string }) => s.title)).toEqual(['Hier']);

    const asked = await member.post(`/api/collectives/${id}/requests`, { kind: 'salle', text: 'Une salle le jeudi soir' });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ status: 'ouverte', askedBy: 'Test member' });
    const progress = (await member.get(`/api/collectives/${id}`)).body.progress;
    expect(progress).toEqual({ sectionsFilled: 0, sectionsTotal: 11, stepsDone: 1, stepsTotal: 3, stepsOverdue: 1, openRequests: 1 });
    expect((await member.patch(`/api/collectives/${id}/requests/${asked.body.id}`, { status: 'traitee', answer: 'x' })).status).toBe(403);
    const coordinator = await as('coordinator');
    const list = (await coordinator.get(`/api/collectives/support-requests?territoryId=${world.territoryId}&status=ouverte`)).body;
    expect(list.map((r: { id: string }) => r.id)).toContain(asked.body.id);
    const answered = await coordinator.patch(`/api/collectives/${id}/requests/${asked.body.id}`, {
      status: 'traitee',
      answer: 'La salle Jean Moulin',
    });
    expect(answered.body).toMatchObject({ status: 'traitee', answer: 'La salle Jean Moulin', answeredBy: 'Test coordinator' });
    const summaries = (await coordinator.get(`/api/collectives?territoryId=${world.territoryId}`)).body;
    expect(summaries.find((s: { id: string }) => s.id === id).progress.openRequests).toBe(0);
    const kinds = (await member.get(`/api/collectives/${id}/history`)).body.map((h: { kind: string }) => h.kind);
    expect(kinds).toEqual(expect.arrayContaining(['member_left', 'step', 'request', 'answer']));
  });

  it('reads the pairs’ continuum level from the ecosystem, the latest assessment of either side', async () => {
    const { id, orgA, orgB } = await newCollective();
    const repo = ecosystemRepo(t.store.db);
    await repo.insertAssessment(
      {
        organisationId: orgA,
        partnerId: orgB,
        level: 3,
        assessedOn: '2025-06-01',
        note: null,
        assessedBy: null,
      },
      null,
    );
    await repo.insertAssessment(
      {
        organisationId: orgB,
        partnerId: orgA,
        level: 5,
        assessedOn: '2026-01-10',
        note: null,
        assessedBy: null,
      },
      null,
    );
    const pairs = (await (await as('member')).get(`/api/collectives/${id}`)).body.pairs;
    expect(pairs).toHaveLength(1);
    expect(pairs[0]).toMatchObject({ level: 5, assessedAt: '2026-01-10' });
    expect([pairs[0].a.id, pairs[0].b.id].sort()).toEqual([orgA, orgB].sort());
  });

  it('comments a section and resolves the comment', async () => {
    const { id } = await newCollective();
    const member = await as('member');
    const added = await member.post(`/api/collectives/${id}/sheet/enjeux/comments`, { text: 'Et les familles monoparentales ?' });
    expect(added.status).toBe(201);
    expect((await member.get(`/api/collectives/${id}/sheet`)).body.sections[1].openComments).toBe(1);
    const resolved = await member.patch(`/api/collectives/${id}/comments/${added.body.id}`, { resolved: true });
    expect(resolved.body.resolved).toBe(true);
    expect((await member.get(`/api/collectives/${id}/sheet/enjeux/comments`)).body).toHaveLength(1);
  });

  it('lists a collective to a member who sits in it though her role is on a commune below its territory', async () => {
    const { id, a } = await newCollective();
    const user = await accountsRepo(t.store.db).createUser({
      email: `commune-${hex()}@exemple.fr`,
      displayName: 'Membre de la commune',
      passwordHash: await argon2Hasher.hash(world.password),
      isAdmin: false,
    });
    await accountsRepo(t.store.db).grantRole({
      userId: user.id,
      role: 'member',
      territoryId: world.communeId,
      title: null,
      createdBy: null,
    });
    const client = t.client();
    await client.login(user.email, world.password);
    const before = await client.get('/api/collectives');
    expect(before.status).toBe(200);
    expect(before.body.map((c: { id: string }) => c.id)).not.toContain(id);
    await t.store.db.updateTable('collective_members').set({ user_id: user.id }).where('person_id', '=', a).execute();
    const after = await client.get('/api/collectives');
    expect(after.body.map((c: { id: string }) => c.id)).toContain(id);
    expect((await client.get(`/api/collectives/${id}`)).status).toBe(200);
  });
});
