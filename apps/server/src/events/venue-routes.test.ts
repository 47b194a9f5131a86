import { openVenue, sealVenue } from '@maillage/db';
import { seedVenueDay, type VenueFixture } from '@maillage/db/testing';
import { hash } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestClient } from '../testing';

const password = 'mot de passe de la coordinatrice';
const passphrase = 'une phrase pour les Tilleuls';

describe('the day on a laptop from the day’s page', () => {
  let t: TestApp;
  let day: VenueFixture;
  let coordinator: TestClient;

  beforeAll(async () => {
    t = await createTestApp();
    day = await seedVenueDay(t.store.db, { passwordHash: await hash(password), role: 'coordinator', email: 'awa.page@exemple.fr' });
    coordinator = t.client();
    await coordinator.login('awa.page@exemple.fr', password);
  }, 120_000);
  afterAll(async () => t?.close());

  it('downloads the venue file, encrypted with the passphrase typed in the page', async () => {
    const res = await coordinator.post(`/api/events/${day.eventId}/venue/export`, { passphrase });
    expect(res.status).toBe(200);
    expect(res.res.headers['content-disposition']).toMatch(/attachment; filename="journee-de-la-cooperation-des-tilleuls\.maillage"/);
    const file = res.res.rawPayload;
    expect(file.includes(Buffer.from('Fontaine'))).toBe(false);
    const opened = openVenue(file, passphrase, 'x.maillage', 'export');
    expect(opened.eventId).toBe(day.eventId);
    expect((await coordinator.post(`/api/events/${day.eventId}/venue/export`, { passphrase: 'court' })).status).toBe(400);
  });

  it('imports a return file: the report, nothing twice, clear French refusals', async () => {
    const exported = openVenue(
      (await coordinator.post(`/api/events/${day.eventId}/venue/export`, { passphrase })).res.rawPayload,
      passphrase,
      'x.maillage',
      'export',
    );
    // What the laptop sends back: one person checked in, a workshop choice and the organisation edited.
    const tables = structuredClone(exported.tables);
    const [first] = tables.event_registrations ?? [];
    if (first) first.checked_in_at = '2026-12-10T09:05:00.000Z';
    const org = tables.organisations?.[0];
    if (org) org.description = 'Écrit au portable';
    await t.store.db.updateTable('organisations').set({ description: 'Écrit au bureau' }).where('id', '=', day.organisationId).execute();
    const bundle = sealVenue({ ...exported, kind: 'bundle', tables, base: exported.tables }, passphrase);
    const body = { passphrase, fileName: 'retour.maillage', contentBase64: bundle.toString('base64') };

    const imported = await coordinator.post(`/api/events/${day.eventId}/venue/import`, body);
    expect(imported.status).toBe(200);
    // One registration updated, and the organisation's conflict kept for a decision: two rows written.
    expect(imported.body).toMatchObject({ changed: 2, updated: { event_registrations: 1 } });
    expect(imported.body.conflicts).toEqual([
      expect.objectContaining({ table: 'organisations', id: day.organisationId, reason: 'edited_both_sides', columns: ['description'] }),
    ]);
    const again = await coordinator.post(`/api/events/${day.eventId}/venue/import`, body);
    expect(again.body).toMatchObject({ changed: 0, inserted: {}, updated: {} });
    expect(JSON.stringify(imported.body)).not.toContain('Écrit au portable'); // both versions stay in the database

    // After a reload: the conflict is there to decide, both versions side by side.
    const listed = await coordinator.get(`/api/events/${day.eventId}/venue/decisions`);
    expect(listed.status).toBe(200);
    expect(listed.body.conflicts).toEqual([
      expect.objectContaining({
        table: 'organisations',
        rowKey: day.organisationId,
        status: 'open',
        canTakeLaptop: true,
        territory: expect.objectContaining({ description: 'Écrit au bureau' }),
        laptop: expect.objectContaining({ description: 'Écrit au portable' }),
      }),
    ]);
    const conflictId = listed.body.conflicts[0].id;
    const decide = (decision: string, id = conflictId) =>
      coordinator.post(`/api/events/${day.eventId}/venue/conflicts/${id}/decision`, { decision });
    const took = await decide('took_laptop');
    expect(took.status).toBe(200);
    expect(took.body.conflicts[0]).toMatchObject({ status: 'took_laptop', decidedBy: expect.any(String), decidedAt: expect.any(String) });
    const organisation = await t.store.db
      .selectFrom('organisations')
      .select(['description', 'version'])
      .where('id', '=', day.organisationId)
      .executeTakeFirstOrThrow();
    expect(organisation.description).toBe('Écrit au portable');
    // Moved to its next version like any edit: a proposal read before it is known to be stale.
    expect(organisation.version).toBe(Number(org?.version ?? 0) + 1);
    const twice = await decide('kept_territory');
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'venue_already_decided' });
    expect(twice.body.title).toMatch(/déjà décidé/);
    expect((await decide('kept_territory', crypto.randomUUID())).body).toMatchObject({ code: 'venue_decision_not_found' });
    expect((await decide('peut-être')).status).toBe(400);
    const audit = await t.store.db.selectFrom('audit_log').select('details').where('action', '=', 'venue.conflict.decide').execute();
    expect(audit).toHaveLength(1);
    const afterDecision = await coordinator.post(`/api/events/${day.eventId}/venue/import`, body);
    expect(afterDecision.body).toMatchObject({ changed: 0, conflicts: [] });

    const wrong = await coordinator.post(`/api/events/${day.eventId}/venue/import`, { ...body, passphrase: 'pas la bonne phrase' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'venue_wrong_passphrase' });
    expect(wrong.body.title).toMatch(/Phrase de passe incorrecte/);
    const truncated = await coordinator.post(`/api/events/${day.eventId}/venue/import`, {
      ...body,
      contentBase64: bundle.subarray(0, bundle.length - 20).toString('base64'),
    });
    expect(truncated.body).toMatchObject({ code: 'venue_truncated' });
    const preparation = await coordinator.post(`/api/events/${day.eventId}/venue/import`, {
      ...body,
      contentBase64: sealVenue(exported, passphrase).toString('base64'),
    });
    expect(preparation.body).toMatchObject({ code: 'venue_wrong_kind' });
    const other = await seedVenueDay(t.store.db);
    const elsewhere = await coordinator.post(`/api/events/${other.eventId}/venue/import`, body);
    expect(elsewhere.status).toBe(403); // not her territory
  });
});
