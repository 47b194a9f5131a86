import { exportDay, extractDay, loadDay, sealVenue, type Store } from '@maillage/db';
import { openTestStore, seedVenueDay, type VenueFixture } from '@maillage/db/testing';
import { buildApp, createMailer, readConfig } from '@maillage/server';
import { hash } from '@node-rs/argon2';
import type { FastifyInstance } from 'fastify';
import type { VenuePayload } from '@maillage/core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, desktop, launchBrowser, logIn, newContext, phone, seriousA11yViolations, withScreenshot } from './harness';

const password = 'mot de passe de la journée';
const email = 'awa.portable@exemple.fr';

/**
 * The laptop at the venue, as phones reach it: the day exported from a territory's store, loaded
 * into the laptop's own store (as `maillage venue serve` does), served on 127.0.0.2 — a loopback
 * address other than localhost, as a phone on the hotspot reaches the laptop by its address.
 */
describe.skipIf(!chromiumPath)('the day on a laptop, in chromium through 127.0.0.2', () => {
  let territory: Store;
  let laptop: Store;
  let app: FastifyInstance;
  let browser: Browser;
  let url: string;
  let day: VenueFixture;
  let exported: VenuePayload;

  beforeAll(async () => {
    [territory, laptop, browser] = await Promise.all([openTestStore('pglite'), openTestStore('pglite'), launchBrowser()]);
    day = await seedVenueDay(territory.db, { passwordHash: await hash(password), role: 'coordinator', email });
    const payload = await exportDay(territory.db, day.eventId);
    if (!payload) throw new Error('no day exported');
    exported = payload;
    await loadDay(laptop.db, payload);
    const config = readConfig({ LOG_LEVEL: 'silent', PORT: '1' });
    app = await buildApp(
      { config, store: laptop, mailer: createMailer(undefined, config.SMTP_FROM), now: () => new Date(), version: 'e2e' },
      { logger: false },
    );
    await app.listen({ port: 0, host: '127.0.0.2' });
    const address = app.server.address();
    url = `http://127.0.0.2:${typeof address === 'object' && address ? address.port : 0}`;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await laptop?.close();
    await territory?.close();
  });

  it('a phone joins the room by its code and the console sees it; the welcome desk checks someone in', { timeout: 180_000 }, async () => {
    const facilitator = await newContext(browser, desktop);
    const console_ = facilitator.page;
    await logIn(console_, url, email, password, `/animation/${day.roomId}`);
    await console_.getByText('0 participant dans la salle').waitFor();

    const p = await newContext(browser, phone);
    await withScreenshot(p.page, 'venue-phone-join', async () => {
      await p.page.goto(`${url}/j/${day.roomCode}`);
      await p.page.getByRole('heading', { name: `Rejoindre la salle ${day.roomCode}` }).waitFor();
      await p.page.getByLabel('Votre nom').fill('Inès au portable');
      await p.page.getByLabel('Votre structure').selectOption('association');
      await p.page.getByRole('button', { name: 'Rejoindre' }).click();
      await p.page.getByText('Connecté à la salle').waitFor();
    });
    await console_.getByText('1 participant dans la salle').waitFor();
    await console_.getByText('Inès au portable').first().waitFor({ state: 'attached' }); // in the folded list of participants

    await withScreenshot(console_, 'venue-checkin', async () => {
      await console_.goto(`${url}/journees/${day.eventId}/accueil`);
      await console_.getByText('Présents : 0 sur 4 attendus').waitFor();
      await console_.getByLabel('Nom ou structure').fill('Léa Fontaine');
      await console_.getByRole('button', { name: 'Marquer présent·e Léa Fontaine' }).click();
      await console_.getByText('Léa Fontaine est arrivé·e.').waitFor();
      await console_.getByText('Présents : 1 sur 4 attendus').waitFor();
      expect(await seriousA11yViolations(console_)).toEqual([]);
    });
    const lea = await laptop.db
      .selectFrom('event_registrations')
      .select('checked_in_at')
      .where('id', '=', day.registrations[0] as string)
      .executeTakeFirstOrThrow();
    expect(lea.checked_in_at).not.toBeNull();
    expect(p.errors).toEqual([]);
    expect(facilitator.errors).toEqual([]);
    await p.context.close();
    await facilitator.context.close();
  });

  it('back home, the coordinator imports the return file and, after a reload, decides the conflict: cancelled here, present at the venue', {
    timeout: 180_000,
  }, async () => {
    const lea = day.registrations[0] as string;
    await laptop.db
      .updateTable('event_registrations')
      .set({ checked_in_at: new Date() })
      .where('id', '=', lea)
      .where('checked_in_at', 'is', null)
      .execute();
    // On the territory's instance, during the day, her registration was cancelled.
    await territory.db
      .updateTable('event_registrations')
      .set({ status: 'cancelled', cancelled_at: new Date() })
      .where('id', '=', lea)
      .execute();
    const bundle = sealVenue(
      { ...exported, kind: 'bundle', tables: await extractDay(laptop.db, day.eventId, { everyRoom: true }), base: exported.tables },
      'une phrase pour le retour',
    );
    const config = readConfig({ LOG_LEVEL: 'silent', PORT: '1' });
    const home = await buildApp(
      { config, store: territory, mailer: createMailer(undefined, config.SMTP_FROM), now: () => new Date(), version: 'e2e' },
      { logger: false },
    );
    await home.listen({ port: 0, host: '127.0.0.1' });
    const address = home.server.address();
    const homeUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const coordinator = await newContext(browser, desktop);
    const page = coordinator.page;
    try {
      await logIn(page, homeUrl, email, password, `/journees/${day.eventId}/preparer`);
      await page.getByRole('heading', { name: '2. Rapporter la journée (fichier retour du portable)' }).waitFor();
      await page
        .getByLabel('Fichier retour')
        .setInputFiles({ name: 'journee-retour.maillage', mimeType: 'application/octet-stream', buffer: bundle });
      await page.locator('input[name="venue-import-passphrase"]').fill('une phrase pour le retour');
      await page.getByRole('button', { name: 'Importer le retour' }).click();
      await page.getByText('1 conflit à trancher').waitFor();

      await withScreenshot(page, 'venue-decide-conflict', async () => {
        await page.reload(); // kept by the server, not only in the import's answer
        const decisions = page.getByRole('region', { name: 'À décider après la journée' });
        await decisions.getByText('1 point à décider', { exact: false }).waitFor();
        await decisions.getByRole('columnheader', { name: 'Ordinateur de la journée' }).waitFor();
        await decisions.getByRole('cell', { name: 'annulée', exact: true }).waitFor(); // the territory's status, beside the laptop's
        expect(await seriousA11yViolations(page)).toEqual([]);
        await decisions.getByRole('button', { name: 'Prendre la version de la journée' }).click();
        await decisions.getByText('Décision enregistrée pour « Léa Fontaine ».').waitFor();
        await decisions.getByText('version de la journée prise', { exact: false }).waitFor();
        await decisions.getByText('Tout ce que le retour de la journée a laissé à décider est décidé.').waitFor();
      });
      const registration = await territory.db
        .selectFrom('event_registrations')
        .select(['status', 'checked_in_at', 'cancelled_at'])
        .where('id', '=', lea)
        .executeTakeFirstOrThrow();
      expect(registration).toMatchObject({ status: 'confirmed', cancelled_at: null });
      expect(registration.checked_in_at).not.toBeNull();
      expect(coordinator.errors).toEqual([]);
    } finally {
      await coordinator.context.close();
      await home.close();
    }
  });
});
