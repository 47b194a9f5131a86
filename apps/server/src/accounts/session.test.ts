import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableTestStores } from '@maillage/db/testing';
import { createTestApp, type TestApp } from '../testing';

describe.each(availableTestStores())('sessions on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers health with the store kind', async () => {
    const res = await t.client().get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', store: kind, version: 'test' });
    expect(res.res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('requires the first-run setup, then logs in and out', async () => {
    const c = t.client();
    const first = await c.get('/api/session');
    expect(first.body.setupRequired).toBe(true);
    expect(first.body.authenticated).toBe(false);

    const setup = await c.post('/api/setup', {
      email: 'Admin@Exemple.fr',
      password: 'un mot de passe solide',
      displayName: 'Camille Admin',
    });
    expect(setup.status).toBe(201);
    expect(setup.body.user.isAdmin).toBe(true);
    expect(setup.body.user.email).toBe('admin@exemple.fr');

    const again = await t.client().post('/api/setup', { email: 'b@exemple.fr', password: 'un autre mot de passe', displayName: 'B' });
    expect(again.status).toBe(403); // no CSRF token fetched by this fresh client
    const other = t.client();
    await other.get('/api/session');
    const refused = await other.post('/api/setup', { email: 'b@exemple.fr', password: 'un autre mot de passe', displayName: 'B' });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('already_set_up');
    expect(refused.res.headers['content-type']).toContain('application/problem+json');

    const out = await c.delete('/api/session');
    expect(out.status).toBe(200);
    expect((await c.get('/api/session')).body.authenticated).toBe(false);

    const bad = await c.post('/api/session', { email: 'admin@exemple.fr', password: 'mauvais mot de passe' });
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('invalid_credentials');
    const good = await c.login('ADMIN@exemple.fr', 'un mot de passe solide');
    expect(good.body.user.displayName).toBe('Camille Admin');
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const c = t.client();
    await c.get('/api/session');
    const res = await c.request('POST', '/api/session', { email: 'a@b.fr', password: 'x' }, { 'x-csrf-token': 'faux' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('csrf');
    const cross = await c.request('POST', '/api/session', { email: 'a@b.fr', password: 'x' }, { origin: 'http://evil.example' });
    expect(cross.body.code).toBe('csrf');
  });

  it('names the field at fault, in French', async () => {
    const c = t.client();
    await c.get('/api/session');
    const res = await c.post('/api/session', { email: 'pas-un-email', password: '' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation');
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.email', 'body.password']));
  });

  it('serves an OpenAPI 3.1 document and a docs page', async () => {
    const c = t.client();
    const doc = await c.get('/api/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    expect(doc.body.paths['/api/health'].get['x-policy-action']).toBe('public');
    const page = await c.get('/api/docs');
    expect(page.res.body).toContain('/api/session');
  });

  it('answers unknown API paths with a problem', async () => {
    const res = await t.client().get('/api/nope');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('not_found');
  });
});
