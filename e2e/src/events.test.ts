import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { organisationNameKey, searchKey } from '@maillage/core';
import { hash } from '@node-rs/argon2';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumPath,
  desktop,
  launchBrowser,
  newContext,
  password,
  phone,
  type RunningServer,
  seedAdmin,
  seriousA11yViolations,
  startServer,
  withScreenshot,
} from './harness';

const dir = mkdtempSync(join(tmpdir(), 'maillage-e2e-events-'));

function pdfText(bytes: Buffer, name: string): string {
  const path = join(dir, `${name}.pdf`);
  writeFileSync(path, bytes);
  return execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
}

async function seedPeople(server: RunningServer): Promise<void> {
  const db = server.store.db;
  const territory = await db
    .insertInto('territories')
    .values({
      kind: 'epci',
      name: 'Agglomération de Val-de-Lys (fictive)',
      slug: 'val-de-lys-e2e',
      code: null,
      epci_type: null,
      population: null,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const passwordHash = await hash(password);
  await seedAdmin(server);
  const coordinator = await db
    .insertInto('users')
    .values({ email: 'coordination@exemple.fr', display_name: 'Claire Coordination', password_hash: passwordHash })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('role_assignments')
    .values({ user_id: coordinator.id, role: 'coordinator', territory_id: territory.id, title: 'Chargée de coopération', created_by: null })
    .execute();
  // An organisation of the territory's ecosystem, for the public form's search.
  const name = 'Centre social des Tilleuls';
  const organisation = await db
    .insertInto('organisations')
    .values({
      name,
      search_key: searchKey(name),
      name_key: organisationNameKey(name),
      kind: 'centre_social',
      siren: null,
      siret: null,
      rna: null,
      commune_id: null,
      description: null,
      address: null,
      website: null,
      public_email: 'accueil@tilleuls.exemple.fr',
      public_phone: null,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('organisation_territories').values({ organisation_id: organisation.id, territory_id: territory.id }).execute();
}

async function logIn(page: Page, url: string, email: string, next: string): Promise<void> {
  await page.goto(`${url}/connexion?suite=${next}`);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/**
 * The organisation: chosen from the territory's ecosystem with the keyboard, tapped in the list,
 * or typed and kept with "my organisation is not listed".
 */
type OrganisationWay = 'keyboard' | 'tap' | 'not-listed';

/** Registers one person on the public page, from a phone; returns the personal page's URL. */
async function register(page: Page, url: string, name: string, email: string, workshop: string, way: OrganisationWay): Promise<string> {
  await page.goto(url);
  await page.getByRole('heading', { name: 'S’inscrire' }).waitFor();
  if (way === 'tap') {
    // Sent empty: no browser pop-up, the app's errors under the fields, the focus on the first one.
    await page.getByRole('button', { name: 'M’inscrire' }).click();
    const nameField = page.getByLabel('Nom et prénom');
    await expect
      .poll(() =>
        nameField.evaluate((el) => el === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement),
      )
      .toBe(true);
    expect(await nameField.getAttribute('aria-invalid')).toBe('true');
    const described = (await nameField.getAttribute('aria-describedby')) ?? '';
    const message = await page.locator(`[id="${described.split(' ').pop()}"]`).textContent();
    expect(message).toBe('Indiquez votre nom et prénom.');
    expect(await page.getByLabel('Adresse e-mail').getAttribute('aria-invalid')).toBe('true');
    expect(await nameField.evaluate((el) => (el as unknown as { form: { noValidate: boolean } | null }).form?.noValidate)).toBe(true);
  }
  await page.getByLabel('Nom et prénom').fill(name);
  await page.getByLabel('Adresse e-mail').fill(email);
  const organisation = page.getByRole('combobox', { name: 'Structure', exact: true });
  if (way === 'not-listed') {
    await organisation.fill('Collectif des Hirondelles');
    await page.getByRole('option', { name: 'Mon organisation n’est pas dans la liste : garder « Collectif des Hirondelles »' }).click();
    await expect.poll(() => organisation.getAttribute('aria-expanded')).toBe('false');
    expect(await organisation.inputValue()).toBe('Collectif des Hirondelles');
  } else {
    await organisation.pressSequentially('tilleu', { delay: 30 });
    const option = page.getByRole('option', { name: 'Centre social des Tilleuls' });
    await option.waitFor();
    expect(await organisation.getAttribute('aria-expanded')).toBe('true');
    if (way === 'keyboard') {
      await organisation.press('ArrowDown');
      expect(await organisation.getAttribute('aria-activedescendant')).toBe(await option.getAttribute('id'));
      await organisation.press('Enter');
    } else await option.tap();
    await page.getByText('Choisie dans l’annuaire : Centre social des Tilleuls').waitFor();
    expect(await organisation.inputValue()).toBe('Centre social des Tilleuls');
  }
  // A full workshop's option says so after its title: pick the option by its text.
  const option = page.getByLabel('Choix n° 1').first().locator('option', { hasText: workshop });
  await page
    .getByLabel('Choix n° 1')
    .first()
    .selectOption((await option.getAttribute('value'))!);
  await page.getByLabel('Je déjeune sur place').check();
  await page.getByLabel(/J’accepte que ces informations/).check();
  if (way === 'keyboard') await page.getByLabel(/J’accepte de figurer/).check();
  await page.getByRole('button', { name: 'M’inscrire' }).click();
  await page.getByRole('heading', { name: 'Mon inscription', exact: true }).waitFor();
  return page.url();
}

describe.skipIf(!chromiumPath)('cooperation day journey in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let organiser: { context: BrowserContext; page: Page; errors: string[] };
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    await seedPeople(server);
    organiser = await newContext(browser, desktop);
  });
  afterAll(async () => {
    await organiser?.context.close();
    await browser?.close();
    await server?.close();
  });

  // A long journey: about a minute on a loaded 2-core machine, so its own timeout, as the live journeys.
  it('creates a day with two parallel workshops in two rooms, publishes it, registers three people, promotes on cancellation, checks in, prints', {
    timeout: 240_000,
  }, async () => {
    const { page, errors } = organiser;
    let eventId = '';
    let publicUrl = '';
    await withScreenshot(page, 'events-create', async () => {
      await page.goto(`${server.url}/connexion?suite=/journees`);
      await page.getByLabel('Adresse e-mail').fill('coordination@exemple.fr');
      await page.getByLabel('Mot de passe').fill(password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { name: 'Journées de coopération' }).waitFor();
      await page.getByLabel('Titre').fill('Journée de coopération de Val-de-Lys');
      await page.getByLabel('Date (premier jour)').fill('2037-03-12');
      await page.getByLabel('Partir de').selectOption({ label: 'Un programme vide' });
      await page.getByRole('button', { name: 'Créer la journée' }).click();
      await page.getByRole('heading', { name: 'Préparer : Journée de coopération de Val-de-Lys' }).waitFor();
      eventId = page.url().split('/').at(-2)!;
    });

    await withScreenshot(page, 'events-programme', async () => {
      await page.getByRole('button', { name: 'Ajouter une salle' }).click();
      await page.getByRole('button', { name: 'Ajouter une salle' }).click();
      await page.getByLabel('Nom de la salle 1').fill('Salle Chardon');
      await page.getByLabel('Nom de la salle 2').fill('Salle Myrtilles');
      await page.getByRole('button', { name: 'Ajouter une séquence' }).click();
      await page.getByRole('button', { name: 'Ajouter une séquence' }).click();
      const cards = page.locator('fieldset.session-card');
      await expect.poll(() => cards.count()).toBe(2);
      // Cards move as their times change (they are sorted by time slot): find them by their legend, the title.
      await cards.nth(0).getByLabel('Titre').fill('Co-développement');
      const codev = page.locator('fieldset.session-card', { has: page.locator('legend', { hasText: 'Co-développement' }) });
      const serious = page.locator('fieldset.session-card', { has: page.locator('legend', { hasText: 'Nouvel atelier' }) });
      await serious.getByLabel('Titre').fill('Serious game');
      await codev.getByLabel('Début').fill('14:00');
      await codev.getByLabel('Fin').fill('15:30');
      await codev.getByLabel('Capacité (vide : sans limite)').fill('2');
      await codev.getByLabel('Salle', { exact: true }).selectOption({ label: 'Salle Chardon' });
      await codev.getByLabel(/Intervenants/).fill('Émilie Martin, Murielle Roux');
      const seriousCard = page.locator('fieldset.session-card', { has: page.locator('legend', { hasText: 'Serious game' }) });
      await seriousCard.getByLabel('Début').fill('14:00');
      await seriousCard.getByLabel('Fin').fill('15:30');
      // Same room at the same time: flagged as you edit, before saving.
      await seriousCard.getByLabel('Salle', { exact: true }).selectOption({ label: 'Salle Chardon' });
      await page.getByText('1 conflit à corriger').waitFor();
      await page.getByText('Salle réservée deux fois en même temps : « Co-développement » et « Serious game ».').first().waitFor();
      await seriousCard.getByLabel('Salle', { exact: true }).selectOption({ label: 'Salle Myrtilles' });
      await page.getByText('Aucun conflit dans le programme.').waitFor();
      await page.getByRole('button', { name: 'Enregistrer le programme' }).click();
      await page.getByText('Programme enregistré.').waitFor();
      // Parallel workshops sit side by side in one time slot.
      const slot = page.locator('.grid-slot', { hasText: '14:00 – 15:30' });
      await expect.poll(() => slot.locator('fieldset.session-card').count()).toBe(2);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Publier' }).click();
      await page.getByText('Publiée', { exact: true }).waitFor();
      publicUrl = (await page.getByRole('link', { name: 'Page publique' }).getAttribute('href'))!;
    });

    const phones = await Promise.all([0, 1, 2].map(() => newContext(browser, phone)));
    const personal: string[] = [];
    try {
      const ways: OrganisationWay[] = ['tap', 'keyboard', 'not-listed'];
      for (const [i, name] of ['Personne Un', 'Personne Deux', 'Personne Trois'].entries()) {
        const p = phones[i]!.page;
        await withScreenshot(p, `events-register-${i + 1}`, async () => {
          personal.push(await register(p, `${server.url}${publicUrl}`, name, `personne${i + 1}@exemple.fr`, 'Co-développement', ways[i]!));
          if (i === 0) {
            // No mail server here: the page says no e-mail is coming and offers the link to copy or download.
            await p.getByText(/Aucun e-mail ne vous sera envoyé/).waitFor();
            expect(await p.getByLabel('Lien de votre inscription').inputValue()).toBe(personal[0]!.replace(/\?.*$/, ''));
            expect(await p.getByRole('link', { name: 'Télécharger le lien' }).getAttribute('download')).toBe('mon-inscription.txt');
            await p.getByRole('button', { name: 'Copier le lien' }).waitFor();
            expect(await seriousA11yViolations(p)).toEqual([]);
          }
        });
      }
      const third = phones[2]!.page;
      await third.getByText('Co-développement : liste d’attente').waitFor();
      await phones[1]!.page.getByText('Co-développement : place confirmée').waitFor();

      const first = phones[0]!.page;
      await withScreenshot(first, 'events-cancel', async () => {
        await first.getByRole('button', { name: 'Annuler mon inscription' }).click();
        await first.getByRole('button', { name: 'Confirmer l’annulation' }).click();
        await first.getByText(/Votre inscription est annulée/).waitFor();
        expect(await seriousA11yViolations(first)).toEqual([]);
      });
      await withScreenshot(third, 'events-promoted', async () => {
        await third.goto(personal[2]!);
        await third.getByText('Co-développement : place confirmée').waitFor();
      });
      expect(server.mailer.sent.some((m) => m.to === 'personne3@exemple.fr' && m.subject.startsWith('Une place s’est libérée'))).toBe(true);
      const ics = await third.request.get(
        `${personal[2]!.replace('/inscription/', '/api/registrations/').replace(/\?.*$/, '')}/calendar.ics`,
      );
      expect(await ics.text()).toContain('DTSTART:20370312T130000Z'); // 14:00 in Paris (UTC+1 in March)
      for (const ph of phones) expect(ph.errors).toEqual([]);
    } finally {
      for (const ph of phones) await ph.context.close();
    }

    // Two check-in phones: each sees the other's arrivals pushed by the server (its stream), not
    // by the fallback poll (which reads /attendance every 4 s while the stream is down).
    const secondPhone = await newContext(browser, phone);
    try {
      await withScreenshot(page, 'events-checkin', async () => {
        await page.goto(`${server.url}/journees/${eventId}/accueil`);
        await page.getByText('Présents : 0 sur 2 attendus').waitFor();
        const streamOpen = secondPhone.page.waitForResponse((r) => /\/api\/events\/[^/]+\/attendance\/stream$/.test(r.url()));
        const countReads: string[] = [];
        secondPhone.page.on('request', (r) => {
          if (/\/api\/events\/[^/]+\/attendance(\?|$)/.test(r.url())) countReads.push(r.url());
        });
        await logIn(secondPhone.page, server.url, 'coordination@exemple.fr', `/journees/${eventId}/accueil`);
        await secondPhone.page.getByText('Présents : 0 sur 2 attendus').waitFor();
        expect((await streamOpen).status()).toBe(200); // the server has subscribed this phone before answering
        const readsBefore = countReads.length;
        await page.getByLabel('Nom ou structure').fill('Personne Deux');
        await page.getByRole('button', { name: 'Marquer présent·e Personne Deux' }).click();
        await page.getByText('Personne Deux est arrivé·e.').waitFor();
        await page.getByText('Présents : 1 sur 2 attendus').waitFor();
        await secondPhone.page.getByText('Présents : 1 sur 2 attendus').waitFor();
        expect(countReads.slice(readsBefore), 'the second phone polled instead of hearing the stream').toEqual([]);
        expect(await seriousA11yViolations(page)).toEqual([]);
      });
      expect(secondPhone.errors).toEqual([]);
    } finally {
      await secondPhone.context.close();
    }

    await withScreenshot(page, 'events-ecosystem', async () => {
      await page.goto(`${server.url}/journees/${eventId}/inscriptions`);
      await page.getByRole('heading', { name: 'Écosystème' }).waitFor();
      // Accessibility needs: a column, and a filter (nobody of the three wrote one).
      await page.getByRole('columnheader', { name: 'Besoins d’accessibilité' }).waitFor();
      await page.getByLabel('Besoins d’accessibilité').selectOption({ label: 'Avec un besoin indiqué' });
      await page.getByText('0 inscription affichée').waitFor();
      await page.getByLabel('Besoins d’accessibilité').selectOption({ label: 'Sans besoin indiqué' });
      await page.getByText('3 inscriptions affichées').waitFor();
      await page.getByLabel('Besoins d’accessibilité').selectOption({ label: 'Tous' });
      await page.getByRole('button', { name: 'Créer dans l’écosystème toutes les inscriptions non reliées' }).click();
      await page.getByText(/2 inscription\(s\) traitée\(s\) : 2 personne\(s\) créée\(s\)/).waitFor();
      // Personne Un cancelled: she stays out of the ecosystem.
      await expect.poll(() => page.getByRole('cell', { name: 'Reliée', exact: true }).count()).toBe(2);
      const people = await server.store.db.selectFrom('people').select(['name', 'email']).orderBy('name').execute();
      // Only Personne Deux agreed to appear in the directory with her e-mail.
      expect(people).toEqual([
        { name: 'Personne Deux', email: 'personne2@exemple.fr' },
        { name: 'Personne Trois', email: null },
      ]);
      const hirondelles = await server.store.db
        .selectFrom('organisations')
        .select('id')
        .where('name', '=', 'Collectif des Hirondelles')
        .execute();
      expect(hirondelles).toHaveLength(1);
      expect(await seriousA11yViolations(page)).toEqual([]);
    });

    // A fourth person waits for the full co-development workshop; the organiser moves her to the
    // serious game of the same time slot, which has room.
    const fourth = await newContext(browser, phone);
    try {
      await register(fourth.page, `${server.url}${publicUrl}`, 'Personne Quatre', 'personne4@exemple.fr', 'Co-développement', 'not-listed');
      await fourth.page.getByText('Co-développement : liste d’attente').waitFor();
      expect(fourth.errors).toEqual([]);
    } finally {
      await fourth.context.close();
    }
    await withScreenshot(page, 'events-move-waitlisted', async () => {
      await page.goto(`${server.url}/journees/${eventId}/inscriptions`);
      const move = page.getByLabel('Déplacer Personne Quatre vers un autre atelier');
      await move.selectOption({ label: 'Serious game' });
      await page.getByRole('button', { name: 'Déplacer' }).click();
      await page.getByText('Personne Quatre a une place dans « Serious game ».').waitFor();
      const row = page.getByRole('row', { name: /Personne Quatre/ });
      await expect.poll(() => row.textContent()).toMatch(/Serious game \(place confirmée\)/);
      expect(await move.count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
    });

    await withScreenshot(page, 'events-pdfs', async () => {
      const get = async (path: string) => Buffer.from(await (await page.request.get(`${server.url}/api/events/${eventId}/${path}`)).body());
      const programme = pdfText(await get('programme.pdf'), 'programme');
      expect(programme).toContain('Co-développement');
      expect(programme).toContain('14:00 – 15:30');
      expect(programme).toContain('Salle Myrtilles');
      const badges = pdfText(await get('badges.pdf'), 'badges');
      expect(badges).toContain('Personne Deux');
      expect(badges).toContain('Personne Trois');
      expect(badges).not.toContain('Personne Un');
      const sheet = pdfText(await get('emargement.pdf'), 'emargement');
      expect(sheet).toContain('Feuille d’émargement');
      expect(sheet).toContain('Personne Trois');
      const signs = pdfText(await get('salles.pdf'), 'salles');
      expect(signs).toContain('Salle Chardon');
    });
    expect(errors).toEqual([]);
  });

  it('says on its public page that a past day took place, and offers no registration form', async () => {
    const territory = await server.store.db
      .selectFrom('territories')
      .select('id')
      .where('slug', '=', 'val-de-lys-e2e')
      .executeTakeFirstOrThrow();
    await server.store.db
      .insertInto('events')
      .values({
        slug: 'journee-passee-e2e',
        territory_id: territory.id,
        title: 'Journée passée',
        start_date: '2020-03-12',
        end_date: '2020-03-12',
        status: 'published',
      })
      .execute();
    const visitor = await newContext(browser, phone);
    try {
      const { page } = visitor;
      await withScreenshot(page, 'events-past-day', async () => {
        await page.goto(`${server.url}/journees/journee-passee-e2e`);
        await page.getByText('Cette journée a eu lieu le jeudi 12 mars 2020.').waitFor();
        await page.getByText('Cette journée est passée : les inscriptions sont closes.').waitFor();
        expect(await page.getByRole('button', { name: 'M’inscrire' }).count()).toBe(0);
        expect(await seriousA11yViolations(page)).toEqual([]);
      });
      expect(visitor.errors).toEqual([]);
    } finally {
      await visitor.context.close();
    }
  });

  it('lets an administrator without a coordinator role choose any territory for a new day', async () => {
    const admin = await newContext(browser, desktop);
    try {
      const { page } = admin;
      await withScreenshot(page, 'events-admin-territory', async () => {
        await logIn(page, server.url, 'admin@exemple.fr', '/journees');
        await page.getByRole('heading', { name: 'Nouvelle journée' }).waitFor();
        await page.getByLabel('Titre').fill('Journée des administrateurs');
        const territory = page.getByRole('combobox', { name: 'Territoire', exact: true });
        await territory.pressSequentially('agglomeration val-de-lys', { delay: 20 });
        await page.getByRole('option', { name: /Agglomération de Val-de-Lys/ }).click();
        await page.getByLabel('Date (premier jour)').fill('2037-04-02');
        await page.getByRole('button', { name: 'Créer la journée' }).click();
        await page.getByRole('heading', { name: 'Préparer : Journée des administrateurs' }).waitFor();
      });
      const created = await server.store.db
        .selectFrom('events as e')
        .innerJoin('territories as t', 't.id', 'e.territory_id')
        .select('t.name')
        .where('e.title', '=', 'Journée des administrateurs')
        .executeTakeFirstOrThrow();
      expect(created.name).toBe('Agglomération de Val-de-Lys (fictive)');
      expect(admin.errors).toEqual([]);
    } finally {
      await admin.context.close();
    }
  });
});
