import { hash } from '@node-rs/argon2';
import { accountsRepo, territoriesRepo } from '@maillage/db';
import { availableTestStores } from '@maillage/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';

const password = 'un mot de passe solide';

describe.each(availableTestStores())('territories API on %s', (kind) => {
  let t: TestApp;
  let ids: Record<'stEtienne' | 'metropole' | 'lyon' | 'firminy', string>;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const repo = territoriesRepo(t.store.db);
    const stEtienne = await repo.findBySlug('saint-etienne-42');
    const metropole = stEtienne?.parents.find((p) => p.kind === 'epci');
    const lyon = await repo.findBySlug('lyon-69');
    const firminy = await repo.findBySlug('firminy-42');
    if (!stEtienne || !metropole || !lyon || !firminy) throw new Error('reference data missing');
    ids = { stEtienne: stEtienne.id, metropole: metropole.id, lyon: lyon.id, firminy: firminy.id };
    const accounts = accountsRepo(t.store.db);
    const passwordHash = await hash(password, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    await accounts.createUser({ email: 'admin@exemple.fr', displayName: 'Alix Admin', passwordHash, isAdmin: true });
    const coordinator = await accounts.createUser({ email: 'coord@exemple.fr', displayName: 'Claude Coord', passwordHash, isAdmin: false });
    await t.store.db
      .insertInto('role_assignments')
      .values({ user_id: coordinator.id, role: 'coordinator', territory_id: metropole.id, title: 'Chargée de coopération' })
      .execute();
    const facilitator = await accounts.createUser({ email: 'anim@exemple.fr', displayName: 'Dani Anim', passwordHash, isAdmin: false });
    await t.store.db
      .insertInto('role_assignments')
      .values({ user_id: facilitator.id, role: 'facilitator', territory_id: metropole.id, title: null })
      .execute();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('searches without accents or case, communes labelled with their département', async () => {
    const res = await t.client().get('/api/territories?q=saint%20etienne&limit=5');
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({
      name: 'Saint-Étienne',
      label: 'Saint-Étienne (42)',
      kind: 'commune',
      slug: 'saint-etienne-42',
    });
    expect(res.body.items).toHaveLength(5);
    const vernouillet = await t.client().get('/api/territories?q=VERNOUILLET&kind=commune');
    expect(
      vernouillet.body.items
        .slice(0, 2)
        .map((i: { label: string }) => i.label)
        .sort(),
    ).toEqual(['Vernouillet (28)', 'Vernouillet (78)']);
    const epcis = await t.client().get('/api/territories?q=dreux&kind=epci');
    expect(epcis.body.items.length).toBeGreaterThan(0);
    expect(epcis.body.items.every((i: { kind: string }) => i.kind === 'epci')).toBe(true);
    const bad = await t.client().get('/api/territories?q=x&kind=planete');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toMatch(/^query\.kind/);
  });

  it('documents its routes in the OpenAPI document', async () => {
    const doc = await t.client().get('/api/openapi.json');
    expect(doc.status).toBe(200);
    const paths = Object.keys(doc.body.paths).filter((p) => p.startsWith('/api/territories'));
    expect(paths.length).toBeGreaterThanOrEqual(4);
    const create = Object.entries(doc.body.paths).find(([p]) => p === '/api/territories')?.[1] as Record<
      string,
      { 'x-policy-action': string }
    >;
    expect(create.post?.['x-policy-action']).toBe('territory.create');
  });

  it('shows a territory with its parents and children', async () => {
    const page = await t.client().get('/api/territories/by-slug/saint-etienne-42');
    expect(page.status).toBe(200);
    expect(page.body.kindLabel).toBe('Commune');
    expect(page.body.parents.map((p: { kind: string; label: string }) => `${p.kind}:${p.label}`)).toEqual([
      'departement:Loire (42)',
      'epci:Saint-Étienne Métropole',
    ]);
    const byId = await t.client().get(`/api/territories/${ids.metropole}`);
    expect(byId.body.name).toBe('Saint-Étienne Métropole');
    expect(byId.body.childCounts.commune).toBeGreaterThan(40);
    const communes = await t.client().get(`/api/territories/${ids.metropole}/children?limit=10`);
    expect(communes.body.items).toHaveLength(10);
    expect(communes.body.total).toBe(byId.body.childCounts.commune);
    expect((await t.client().get('/api/territories/by-slug/nulle-part')).body.code).toBe('territory_not_found');
    const invalid = await t.client().get('/api/territories/pas-un-uuid');
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].field).toBe('params.id');
  });

  it('lets the coordinator of an EPCI draw a quartier in its communes, and no one else', async () => {
    const anonymous = t.client();
    await anonymous.get('/api/session');
    const body = { name: 'Montreynaud', kind: 'qpv', code: 'qn04201m', communeIds: [ids.stEtienne] };
    expect((await anonymous.post('/api/territories', body)).status).toBe(401);

    const facilitator = t.client();
    await facilitator.login('anim@exemple.fr', password);
    expect((await facilitator.post('/api/territories', body)).status).toBe(403);

    const coordinator = t.client();
    await coordinator.login('coord@exemple.fr', password);
    const outside = await coordinator.post('/api/territories', { ...body, communeIds: [ids.stEtienne, ids.lyon] });
    expect(outside.status).toBe(403);
    expect(outside.body.code).toBe('forbidden');

    const invalid = await coordinator.post('/api/territories', { name: 'M', kind: 'cite', communeIds: [] });
    expect(invalid.status).toBe(400);
    const fields = invalid.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.name', 'body.kind', 'body.communeIds']));
    expect(invalid.body.errors.find((e: { field: string }) => e.field === 'body.communeIds').message).toBe(
      'choisissez au moins une commune',
    );

    const created = await coordinator.post('/api/territories', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Montreynaud', kind: 'qpv', code: 'QN04201M', slug: 'montreynaud', custom: true });
    expect(created.body.parents.map((p: { label: string }) => p.label)).toEqual(['Saint-Étienne (42)']);

    const again = await coordinator.post('/api/territories', { ...body, name: 'Montreynaud bis' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('territory_code_taken');
    expect(again.body.title).toContain('code officiel');

    // Extending it into a commune outside the metropole is refused; within it, accepted.
    const patchOut = await coordinator.patch(`/api/territories/${created.body.id}`, { communeIds: [ids.stEtienne, ids.lyon] });
    expect(patchOut.status).toBe(403);
    const patched = await coordinator.patch(`/api/territories/${created.body.id}`, {
      communeIds: [ids.stEtienne, ids.firminy],
      population: 7200,
    });
    expect(patched.status).toBe(200);
    expect(patched.body.parents.map((p: { name: string }) => p.name)).toEqual(['Firminy', 'Saint-Étienne']);
    expect(patched.body.population).toBe(7200);

    const descendants = await t.client().get(`/api/territories/${ids.metropole}/children?kind=qpv&descendants=true`);
    expect(descendants.body.items.map((i: { slug: string }) => i.slug)).toEqual(['montreynaud']);

    const admin = t.client();
    await admin.login('admin@exemple.fr', password);
    const official = await admin.delete(`/api/territories/${ids.stEtienne}`);
    expect(official.status).toBe(409);
    expect(official.body.code).toBe('territory_not_custom');
    expect((await coordinator.delete(`/api/territories/${ids.stEtienne}`)).status).toBe(403);

    expect((await facilitator.delete(`/api/territories/${created.body.id}`)).status).toBe(403);
    const removed = await coordinator.delete(`/api/territories/${created.body.id}`);
    expect(removed.status).toBe(200);
    expect((await t.client().get('/api/territories/by-slug/montreynaud')).status).toBe(404);
  });
});
