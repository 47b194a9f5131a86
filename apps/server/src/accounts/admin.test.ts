import { OUTBOX_MAX_ATTEMPTS, outboxRepo } from '@maillage/db';
import { availableTestStores } from '@maillage/db/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthzWorld } from '../http/authz-fixtures';
import { CSRF_COOKIE, SESSION_COOKIE, tokens } from '../http/session';
import { type TestWorld, type TestClient, createTestWorld } from '../testing';

describe.each(availableTestStores())('accounts administration on %s', (kind) => {
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

  /** A login attempt from a given address, outside TestClient (which always comes from 127.0.0.1). */
  async function loginFrom(ip: string, email: string, password: string) {
    const csrf = 'c'.repeat(43);
    return t.app.inject({
      method: 'POST',
      url: '/api/session',
      remoteAddress: ip,
      headers: { 'content-type': 'application/json', cookie: `${CSRF_COOKIE}=${csrf}`, 'x-csrf-token': csrf },
      payload: JSON.stringify({ email, password }),
    });
  }

  it('shows administrators the e-mails that keep failing, and tries one again at once', async () => {
    const repo = outboxRepo(t.store.db);
    const now = new Date();
    const givenUp = await repo.enqueue({ to: 'abandon@exemple.fr', subject: 'Votre inscription', text: 'Bonjour' }, now);
    const retrying = await repo.enqueue({ to: 'encore@exemple.fr', subject: 'Invitation', text: 'Bonjour' }, now);
    const delivered = await repo.enqueue({ to: 'remis@exemple.fr', subject: 'Rappel', text: 'Bonjour' }, now);
    await t.store.db
      .updateTable('mail_outbox')
      .set({ attempts: OUTBOX_MAX_ATTEMPTS, last_error: '550 boîte inconnue' })
      .where('id', '=', givenUp)
      .execute();
    await t.store.db
      .updateTable('mail_outbox')
      .set({ attempts: 2, last_error: '421 service indisponible' })
      .where('id', '=', retrying)
      .execute();
    await repo.failed(delivered, '421 service indisponible');
    await repo.delivered(delivered, now);

    const listed = await admin.get('/api/admin/outbox');
    expect(listed.status).toBe(200);
    const ours = listed.body.messages.filter((m: { id: number }) => [givenUp, retrying, delivered].includes(m.id));
    expect(ours).toMatchObject([
      {
        id: givenUp,
        to: 'abandon@exemple.fr',
        subject: 'Votre inscription',
        attempts: OUTBOX_MAX_ATTEMPTS,
        lastError: '550 boîte inconnue',
        givenUp: true,
      },
      { id: retrying, attempts: 2, givenUp: false },
    ]);
    const member = await t.loginAs('member');
    expect((await member.get('/api/admin/outbox')).status).toBe(403);

    const retried = await admin.post(`/api/admin/outbox/${givenUp}/retry`, {});
    expect(retried.status, JSON.stringify(retried.body)).toBe(200);
    expect(retried.body).toMatchObject({ id: givenUp, attempts: 0, givenUp: false });
    // Due again: the senders claim it with the others due.
    const claimed: number[] = [];
    for (let m = await repo.claimDue(new Date(Date.now() + 1000)); m; m = await repo.claimDue(new Date(Date.now() + 1000)))
      claimed.push(m.id);
    expect(claimed).toContain(givenUp);
    const gone = await admin.post(`/api/admin/outbox/${delivered}/retry`, {});
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe('outbox_message_not_found');
    expect(gone.body.title).toMatch(/introuvable/);
  });

  it('changes the password after checking the current one, and ends the other sessions', async () => {
    const email = world.users.facilitator.email;
    const here = await t.loginAs('facilitator');
    const elsewhere = await t.loginAs('facilitator');

    const wrong = await here.post('/api/account/password', { currentPassword: 'pas le bon', newPassword: 'nouveau mot de passe' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('wrong_password');
    const weak = await here.post('/api/account/password', { currentPassword: world.password, newPassword: 'court' });
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0].field).toBe('body.newPassword');

    const ok = await here.post('/api/account/password', { currentPassword: world.password, newPassword: 'nouveau mot de passe' });
    expect(ok.status).toBe(200);
    expect(ok.body.otherSessionsEnded).toBe(1);
    expect((await here.get('/api/session')).body.authenticated).toBe(true);
    expect((await elsewhere.get('/api/session')).body.authenticated).toBe(false);
    expect((await elsewhere.get('/api/account')).status).toBe(401);

    const old = t.client();
    await old.get('/api/session');
    expect((await old.post('/api/session', { email, password: world.password })).status).toBe(401);
    await t.client().login(email, 'nouveau mot de passe');
    const audit = await sql<{ n: number }>`
      select count(*)::int as n from audit_log where action = 'account.password_change' and entity_id = ${world.users.facilitator.id}`.execute(
      t.store.db,
    );
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('limits failed logins per (address, e-mail) with growing delays: a guesser never locks the owner out', async () => {
    const email = world.users.reviewer.email;
    // Ten wrong passwords for one e-mail from one address (someone trying to lock her out)…
    const statuses: number[] = [];
    for (let i = 1; i <= 10; i++) statuses.push((await loginFrom('10.0.0.1', email, 'mauvais mot de passe')).statusCode);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toContain(429); // past five, a delay is asked before each new attempt
    // …and the owner, from her own address, logs in.
    expect((await loginFrom('10.0.0.2', email, world.password)).statusCode).toBe(200);
    // The guessing address waits, a short and growing delay rather than a lock-out.
    const limited = await loginFrom('10.0.0.1', email, world.password);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
    const retry = Number(limited.headers['retry-after']);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(900);
    // Another account from the guessing address is not affected.
    expect((await loginFrom('10.0.0.1', world.users.member.email, world.password)).statusCode).toBe(200);

    // Spraying many e-mails from one address meets the looser cap per address.
    let sprayed = 0;
    for (let i = 1; i <= 60; i++) {
      const res = await loginFrom('10.0.1.1', `inconnu${i}@exemple.fr`, 'mauvais mot de passe');
      if (res.statusCode === 429) break;
      expect(res.statusCode).toBe(401);
      sprayed++;
    }
    // Fifty free failures (a few more when some were forgiven while the test ran).
    expect(sprayed).toBeGreaterThanOrEqual(50);
    expect(sprayed).toBeLessThan(60);
    const fromIp = await loginFrom('10.0.1.1', world.users.member.email, world.password);
    expect(fromIp.statusCode).toBe(429);
    expect(Number(fromIp.headers['retry-after'])).toBeGreaterThan(0);
    expect((await loginFrom('10.0.1.2', world.users.member.email, world.password)).statusCode).toBe(200);
  });

  it('disables a user: their session stops working at once; enabling lets them back in', async () => {
    const victim = await t.loginAs('outsider');
    expect((await victim.get('/api/account')).status).toBe(200);

    expect((await admin.patch(`/api/users/${world.users.admin.id}`, { disabled: true })).body.code).toBe('cannot_disable_self');
    const off = await admin.patch(`/api/users/${world.users.outsider.id}`, { disabled: true });
    expect(off.status).toBe(200);
    expect(off.body.sessionsEnded).toBeGreaterThanOrEqual(1);
    expect((await victim.get('/api/account')).status).toBe(401);
    expect((await victim.get('/api/session')).body.authenticated).toBe(false);
    // Even a session row left behind (or made later) is refused while the user is disabled.
    const token = tokens.random();
    await sql`insert into sessions (id, user_id, csrf_token, expires_at)
      values (${tokens.digest(token)}, ${world.users.outsider.id}, 'x', now() + interval '1 day')`.execute(t.store.db);
    const leftover = await t.app.inject({ method: 'GET', url: '/api/account', cookies: { [SESSION_COOKIE]: token } });
    expect(leftover.statusCode).toBe(401);
    const again = t.client();
    await again.get('/api/session');
    expect((await again.post('/api/session', { email: world.users.outsider.email, password: world.password })).status).toBe(401);

    const users = await admin.get('/api/users');
    expect(users.body.find((u: { id: string }) => u.id === world.users.outsider.id).disabled).toBe(true);
    expect((await admin.patch(`/api/users/${world.users.outsider.id}`, { disabled: false })).status).toBe(200);
    await t.client().login(world.users.outsider.email, world.password);
    const actions = await sql<{ action: string }>`
      select action from audit_log where entity_id = ${world.users.outsider.id} and action like 'user.%' order by id`.execute(t.store.db);
    expect(actions.rows.map((r) => r.action)).toEqual(['user.disable', 'user.enable']);
  });

  it('grants and revokes roles on territories, which changes what the user may do', async () => {
    const user = (await admin.get('/api/users?q=test member')).body;
    expect(user.map((u: { email: string }) => u.email)).toEqual([world.users.member.email]);
    expect(user[0].roles[0]).toMatchObject({ role: 'member', territoryName: 'Agglo test matrice' });

    const member = await t.loginAs('member');
    expect((await member.get(`/api/invitations?territoryId=${world.communeId}`)).status).toBe(403);
    const granted = await admin.post(`/api/users/${world.users.member.id}/roles`, {
      role: 'coordinator',
      territoryId: world.communeId,
      title: 'Délégué du préfet',
    });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ role: 'coordinator', territoryName: 'Commune test matrice', title: 'Délégué du préfet' });
    expect((await member.get(`/api/invitations?territoryId=${world.communeId}`)).status).toBe(200);
    expect((await member.get(`/api/invitations?territoryId=${world.otherTerritoryId}`)).status).toBe(403);

    const bad = await admin.post(`/api/users/${world.users.member.id}/roles`, { role: 'chef', territoryId: 'nope' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.role', 'body.territoryId']);

    const revoked = await admin.delete(`/api/users/${world.users.member.id}/roles/${granted.body.id}`);
    expect(revoked.status).toBe(200);
    expect((await member.get(`/api/invitations?territoryId=${world.communeId}`)).status).toBe(403);
    const twice = await admin.delete(`/api/users/${world.users.member.id}/roles/${granted.body.id}`);
    expect(twice.status).toBe(404);
    expect(twice.body.code).toBe('role_not_found');
    const actions = await sql<{ action: string; territory_id: string }>`
      select action, territory_id from audit_log where entity_id = ${world.users.member.id} and action like 'role.%' order by id`.execute(
      t.store.db,
    );
    expect(actions.rows).toEqual([
      { action: 'role.grant', territory_id: world.communeId },
      { action: 'role.revoke', territory_id: world.communeId },
    ]);
  });

  it('shows administrators the whole audit log, and coordinators the entries about their territories', async () => {
    await admin.post('/api/invitations', { email: 'dans@exemple.fr', role: 'member', territoryId: world.quartierId });
    await admin.post('/api/invitations', { email: 'ailleurs@exemple.fr', role: 'member', territoryId: world.otherTerritoryId });

    const all = await admin.get('/api/audit?limit=200');
    expect(all.status).toBe(200);
    const actions = all.body.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['session.login', 'user.disable', 'invitation.create']));
    const ids = all.body.map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const page = await admin.get('/api/audit?limit=2');
    expect(page.body).toHaveLength(2);
    const next = await admin.get(`/api/audit?limit=2&before=${page.body[1].id}`);
    expect(next.body[0].id).toBeLessThan(page.body[1].id);

    const coordinator = await t.loginAs('coordinator');
    const mine = await coordinator.get('/api/audit?limit=200');
    expect(mine.status).toBe(200);
    expect(mine.body.length).toBeGreaterThan(0);
    const scope = [world.territoryId, world.communeId, world.quartierId];
    for (const e of mine.body) expect(scope).toContain(e.territoryId);
    expect(JSON.stringify(mine.body)).toContain('dans@exemple.fr');
    expect(JSON.stringify(mine.body)).not.toContain('ailleurs@exemple.fr');
    expect((await coordinator.get(`/api/audit?territoryId=${world.otherTerritoryId}`)).status).toBe(403);
    const member = await t.loginAs('member');
    expect((await member.get('/api/audit')).status).toBe(403);
  });
});
