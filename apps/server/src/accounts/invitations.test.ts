import { createHash } from 'node:crypto';
import { openTestStore, availableTestStores } from '@maillage/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { readConfig } from '../config';
import type { AppDeps } from '../deps';
import type { AuthzWorld } from '../http/authz-fixtures';
import type { Mail, Mailer } from '../system/mailer';
import { createTestWorld, type TestApp, TestClient, type TestWorld } from '../testing';
import { buildAuthzWorld } from '../http/authz-world';

async function auditActions(t: { store: TestApp['store'] }, entityId: string): Promise<string[]> {
  const rows = await sql<{ action: string }>`select action from audit_log where entity_id = ${entityId} order by id`.execute(t.store.db);
  return rows.rows.map((r) => r.action);
}

describe.each(availableTestStores())('invitations on %s', (kind) => {
  let t: TestWorld;
  let world: AuthzWorld;
  let admin: TestClient;
  beforeAll(async () => {
    t = await createTestWorld(kind);
    world = t.world;
    admin = await t.loginAs('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('invites a coordinator with a link shown to copy, stores only the token digest, and is single use', async () => {
    const created = await admin.post('/api/invitations', {
      email: 'Claude.Nouvelle@Exemple.fr',
      role: 'coordinator',
      territoryId: world.territoryId,
      title: 'Chargée de coopération',
    });
    expect(created.status).toBe(201);
    expect(created.body.emailed).toBe(false);
    expect(created.body.invitation).toMatchObject({
      email: 'claude.nouvelle@exemple.fr',
      role: 'coordinator',
      title: 'Chargée de coopération',
      territoryName: 'Agglo test matrice',
      status: 'pending',
      invitedByName: 'Test admin',
    });
    const days = (Date.parse(created.body.invitation.expiresAt) - Date.parse(created.body.invitation.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(14, 3);
    // No PUBLIC_URL: the link uses the request's own origin.
    const link = new URL(created.body.link);
    expect(link.origin).toBe('http://localhost');
    const token = link.pathname.replace('/invitation/', '');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const stored = await sql<Record<string, unknown>>`select * from invitations where id = ${created.body.invitation.id}`.execute(
      t.store.db,
    );
    expect(stored.rows[0]!.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(stored.rows)).not.toContain(token);

    const visitor = t.client();
    await visitor.get('/api/session');
    const seen = await visitor.get(`/api/invitations/token/${token}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ role: 'coordinator', territoryName: 'Agglo test matrice', accountExists: false });

    const missing = await visitor.post(`/api/invitations/token/${token}/accept`, {});
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.displayName', 'body.password']);
    const short = await visitor.post(`/api/invitations/token/${token}/accept`, { displayName: 'Claude', password: 'court' });
    expect(short.status).toBe(400);
    expect(short.body.errors[0].field).toBe('body.password');

    const accepted = await visitor.post(`/api/invitations/token/${token}/accept`, {
      displayName: 'Claude Nouvelle',
      password: 'un mot de passe solide',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.authenticated).toBe(true);
    expect(accepted.body.user.roles).toEqual([{ role: 'coordinator', territoryId: world.territoryId, title: 'Chargée de coopération' }]);
    const account = await visitor.get('/api/account');
    expect(account.body.roles[0]).toMatchObject({ role: 'coordinator', territoryName: 'Agglo test matrice' });
    const assignment = await sql<{
      id: string;
    }>`select id from role_assignments where territory_id = ${world.territoryId} and title = 'Chargée de coopération'`.execute(t.store.db);
    expect(account.body.roles[0].id).toBe(assignment.rows[0]!.id);

    const again = await t
      .client()
      .post(`/api/invitations/token/${token}/accept`, { displayName: 'Autre', password: 'un mot de passe solide' });
    expect([403, 404]).toContain(again.status); // 403: this fresh client has no CSRF token yet
    const other = t.client();
    await other.get('/api/session');
    const reused = await other.post(`/api/invitations/token/${token}/accept`, { displayName: 'Autre', password: 'un mot de passe solide' });
    expect(reused.status).toBe(404);
    expect(reused.body.code).toBe('invitation_invalid');
    expect((await other.get(`/api/invitations/token/${token}`)).status).toBe(404);

    const login = new TestClient(t.app);
    await login.login('claude.nouvelle@exemple.fr', 'un mot de passe solide');
    const userId = (await login.get('/api/session')).body.user.id;
    expect(await auditActions(t, created.body.invitation.id)).toEqual(['invitation.create', 'invitation.accept']);
    expect(await auditActions(t, userId)).toContain('user.create');
    const used = await sql<{
      accepted_user_id: string;
    }>`select accepted_user_id from invitations where id = ${created.body.invitation.id}`.execute(t.store.db);
    expect(used.rows[0]!.accepted_user_id).toBe(userId);
    const tagged = await sql<{ n: number }>`
      select count(*)::int as n from audit_log where entity_id = ${created.body.invitation.id} and territory_id = ${world.territoryId}`.execute(
      t.store.db,
    );
    expect(tagged.rows[0]!.n).toBe(2);
  });

  it('lets a coordinator invite on their territories only, list and revoke', async () => {
    const coordinator = await t.loginAs('coordinator');
    const inScope = await coordinator.post('/api/invitations', {
      email: 'membre@exemple.fr',
      role: 'member',
      territoryId: world.quartierId,
    });
    expect(inScope.status).toBe(201);
    const outOfScope = await coordinator.post('/api/invitations', {
      email: 'membre@exemple.fr',
      role: 'member',
      territoryId: world.otherTerritoryId,
    });
    expect(outOfScope.status).toBe(403);
    const unknown = await admin.post('/api/invitations', {
      email: 'x@exemple.fr',
      role: 'member',
      territoryId: '00000000-0000-4000-8000-000000000000',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('territory_not_found');

    const list = await coordinator.get(`/api/invitations?territoryId=${world.territoryId}`);
    expect(list.status).toBe(200);
    expect(list.body.map((i: { email: string }) => i.email)).toContain('membre@exemple.fr');
    expect((await coordinator.get(`/api/invitations?territoryId=${world.otherTerritoryId}`)).status).toBe(403);
    const outsider = await t.loginAs('outsider');
    const theirs = await outsider.get('/api/invitations');
    expect(theirs.body.map((i: { email: string }) => i.email)).not.toContain('membre@exemple.fr');

    const territories = await coordinator.get('/api/invitations/territories?q=quartier');
    expect(territories.body.map((x: { id: string }) => x.id)).toEqual([world.quartierId]);
    const all = await coordinator.get('/api/invitations/territories');
    expect(all.body.map((x: { id: string }) => x.id).sort()).toEqual([world.territoryId, world.communeId, world.quartierId].sort());

    const id = inScope.body.invitation.id;
    expect((await outsider.delete(`/api/invitations/${id}`)).status).toBe(403);
    const revoked = await coordinator.delete(`/api/invitations/${id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.status).toBe('revoked');
    const twice = await coordinator.delete(`/api/invitations/${id}`);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('invitation_not_pending');
    const token = new URL(inScope.body.link).pathname.split('/').pop();
    const visitor = t.client();
    await visitor.get('/api/session');
    expect(
      (await visitor.post(`/api/invitations/token/${token}/accept`, { displayName: 'M', password: 'un mot de passe solide' })).status,
    ).toBe(404);
    expect(await auditActions(t, id)).toEqual(['invitation.create', 'invitation.revoke']);
  });

  it('lets only one of two simultaneous acceptances through, and leaves no half-made account', async () => {
    const created = await admin.post('/api/invitations', { email: 'double@exemple.fr', role: 'member', territoryId: world.quartierId });
    const token = new URL(created.body.link).pathname.split('/').pop();
    const a = t.client();
    const b = t.client();
    await Promise.all([a.get('/api/session'), b.get('/api/session')]);
    const answers = await Promise.all(
      [a, b].map((c) => c.post(`/api/invitations/token/${token}/accept`, { displayName: 'Double', password: 'un mot de passe solide' })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 404]);
    const users = await sql<{ n: number }>`select count(*)::int as n from users where email = 'double@exemple.fr'`.execute(t.store.db);
    expect(users.rows[0]!.n).toBe(1);
    const roles = await sql<{ n: number }>`
      select count(*)::int as n from role_assignments r join users u on u.id = r.user_id where u.email = 'double@exemple.fr'`.execute(
      t.store.db,
    );
    expect(roles.rows[0]!.n).toBe(1);
  });

  it('refuses an expired invitation', async () => {
    const created = await admin.post('/api/invitations', { email: 'tard@exemple.fr', role: 'facilitator', territoryId: world.communeId });
    const token = new URL(created.body.link).pathname.split('/').pop();
    // Fifteen days later.
    await sql`update invitations set expires_at = now() - interval '1 day' where id = ${created.body.invitation.id}`.execute(t.store.db);
    const visitor = t.client();
    await visitor.get('/api/session');
    expect((await visitor.get(`/api/invitations/token/${token}`)).status).toBe(404);
    const res = await visitor.post(`/api/invitations/token/${token}/accept`, { displayName: 'Tard', password: 'un mot de passe solide' });
    expect(res.status).toBe(404);
    const list = await admin.get(`/api/invitations?territoryId=${world.communeId}`);
    expect(list.body.find((i: { id: string }) => i.id === created.body.invitation.id).status).toBe('expired');
    const users = await sql`select 1 from users where email = 'tard@exemple.fr'`.execute(t.store.db);
    expect(users.rows).toHaveLength(0);
  });

  it('gives the role to an existing account once logged in with the invited e-mail', async () => {
    const created = await admin.post('/api/invitations', {
      email: world.users.member.email,
      role: 'facilitator',
      territoryId: world.quartierId,
    });
    const token = new URL(created.body.link).pathname.split('/').pop();
    const visitor = t.client();
    await visitor.get('/api/session');
    expect((await visitor.get(`/api/invitations/token/${token}`)).body.accountExists).toBe(true);
    const anonymous = await visitor.post(`/api/invitations/token/${token}/accept`, {
      displayName: 'Intrus',
      password: 'un mot de passe solide',
    });
    expect(anonymous.status).toBe(409);
    expect(anonymous.body.code).toBe('invitation_login_required');
    const wrong = await t.loginAs('reviewer');
    const other = await wrong.post(`/api/invitations/token/${token}/accept`, {});
    expect(other.status).toBe(409);
    expect(other.body.code).toBe('invitation_other_account');

    const member = await t.loginAs('member');
    const ok = await member.post(`/api/invitations/token/${token}/accept`, {});
    expect(ok.status).toBe(200);
    expect(ok.body.user.roles).toEqual(
      expect.arrayContaining([
        { role: 'member', territoryId: world.territoryId, title: null },
        { role: 'facilitator', territoryId: world.quartierId, title: null },
      ]),
    );
  });
});

describe('invitation e-mail and PUBLIC_URL', () => {
  it('sends the link by e-mail when SMTP is configured, built on PUBLIC_URL', async () => {
    const store = await openTestStore('pglite');
    const sent: Mail[] = [];
    const mailer: Mailer = { configured: true, sent, send: async (mail) => void sent.push(mail) };
    const config = readConfig({ LOG_LEVEL: 'silent', PUBLIC_URL: 'https://maillage.exemple.fr/' });
    const deps: AppDeps = { config, store, mailer, now: () => new Date(), version: 'test' };
    const app = await buildApp(deps, { logger: false });
    try {
      const world = await buildAuthzWorld(store);
      const c = new TestClient(app);
      await c.login(world.users.coordinator.email, world.password);
      const res = await c.post('/api/invitations', { email: 'sacha@exemple.fr', role: 'member', territoryId: world.communeId });
      expect(res.status).toBe(201);
      expect(res.body.emailed).toBe(true);
      expect(res.body.link).toMatch(/^https:\/\/maillage\.exemple\.fr\/invitation\/[A-Za-z0-9_-]{43}$/);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.to).toBe('sacha@exemple.fr');
      expect(sent[0]!.text).toContain(res.body.link);
      expect(sent[0]!.text).toContain('Commune test matrice');
    } finally {
      await app.close();
      await store.close();
    }
  });
});
