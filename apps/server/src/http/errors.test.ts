import { randomUUID } from 'node:crypto';
import { availableTestStores } from '@maillage/db/testing';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthzWorld } from './authz-fixtures';
import { registerErrorHandling } from './errors';
import { type TestWorld, type TestClient, createTestWorld } from '../testing';

describe.each(availableTestStores())('database refusals caused by the request, on %s', (kind) => {
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

  it('an unknown territory id sent by an administrator is refused before any write, never a 500', async () => {
    const unknown = randomUUID();
    const label = `Thème ${unknown.slice(0, 8)}`;
    // Named by the route (refs): looked up first, a 404 naming the field.
    const theme = await admin.post('/api/ecosystem/themes', { territoryId: unknown, label });
    expect(theme.status, JSON.stringify(theme.body)).toBe(404);
    expect(theme.res.headers['content-type']).toContain('application/problem+json');
    expect(theme.body).toMatchObject({ code: 'territory_not_found', field: 'body.territoryId' });

    const organisation = await admin.post('/api/ecosystem/organisations', {
      name: 'Maison des Séniors',
      kind: 'association',
      territoryIds: [unknown],
    });
    expect(organisation.status, JSON.stringify(organisation.body)).toBeLessThan(500);
    expect(['unknown_reference', 'territory_not_found']).toContain(organisation.body.code);
    const person = await admin.post('/api/ecosystem/people', { name: 'Camille Martin', organisationIds: [unknown] });
    expect(person.status, JSON.stringify(person.body)).toBeLessThan(500);

    // The same request with a known territory goes through: only the reference was wrong.
    const ok = await admin.post('/api/ecosystem/themes', { territoryId: world.territoryId, label });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });
});

describe('the error handler and PostgreSQL errors', () => {
  it('maps an unknown reference (23503) to 400, a row still referenced to 409, a value of the wrong type (22P02) to 400; others stay 500', async () => {
    const app = Fastify({ logger: false });
    registerErrorHandling(app);
    const errors: Record<string, object> = {
      unknown: {
        code: '23503',
        detail: 'Key (territory_id)=(5b0c…) is not present in table "territories".',
      },
      referenced: {
        code: '23503',
        detail: 'Key (id)=(5b0c…) is still referenced from table "organisations".',
      },
      malformed: { code: '22P02', message: 'invalid input syntax for type uuid: "abc"' },
      other: { code: '40P01', message: 'deadlock detected' },
    };
    for (const [name, error] of Object.entries(errors))
      app.get(`/${name}`, async () => {
        throw Object.assign(new Error('database'), error);
      });
    const unknown = await app.inject({ url: '/unknown' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      code: 'unknown_reference',
      reference: 'territory_id',
      detail: 'référence inconnue : territoire introuvable (territory_id)',
    });
    const referenced = await app.inject({ url: '/referenced' });
    expect(referenced.statusCode).toBe(409);
    expect(referenced.json()).toMatchObject({ code: 'still_referenced', detail: 'encore utilisé par : organisation' });
    const malformed = await app.inject({ url: '/malformed' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'malformed_value', title: expect.stringMatching(/forme attendue/) });
    expect((await app.inject({ url: '/other' })).statusCode).toBe(500);
    await app.close();
  });
});
