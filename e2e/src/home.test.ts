import { seedDemo } from '@maillage/db';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumPath,
  desktop,
  launchBrowser,
  logIn,
  newContext,
  phone,
  type RunningServer,
  seriousA11yViolations,
  sidewaysOverflow,
  startServer,
  withScreenshot,
} from './harness';

/** The document's title and whether a selector's box exists (evaluated in the page). */
const titleOf = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: { title: string } }).document.title);

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Getting in and finding things again (issue 16): a home page that leads (join a room, the coming
 * open days, what is mine today, how one gets an account), `/j` without a code, a phone menu,
 * pages with their own titles, refused pages that say so, and Mon compte's RGPD export.
 */
describe.skipIf(!chromiumPath)('home and getting in, in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let member: { email: string; password: string };
  let coordinator: { email: string; password: string };
  const dayTitle = 'Forum des solidarités du Val de Lys';
  // What the coordinator finds as hers today: an open room, a collective she sits in, a pending request.
  const roomTitle = 'Atelier des voisins de la Lys';
  const collectiveName = 'Collectif des jardins partagés';
  const requestText = 'Besoin d’une salle accessible aux personnes à mobilité réduite pour la réunion de rentrée, avec un vidéoprojecteur';
  let roomId: string;
  let collectiveId: string;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const demo = await seedDemo(server.store.db);
    const find = (prefix: string) => {
      const a = demo.accounts.find((x) => x.email.startsWith(prefix));
      if (!a) throw new Error(`no demo account ${prefix}`);
      return a;
    };
    member = find('awa.diallo@');
    coordinator = find('cooperation@');
    // A coming public day on the member's own territory (the demo's days may lie in the past).
    const { db } = server.store;
    const role = await db
      .selectFrom('role_assignments as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select('r.territory_id')
      .where('u.email', '=', member.email)
      .executeTakeFirstOrThrow();
    const coordinatorRole = await db
      .selectFrom('role_assignments as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.territory_id', 'u.id as user_id'])
      .where('u.email', '=', coordinator.email)
      .where('r.role', '=', 'coordinator')
      .executeTakeFirstOrThrow();
    ({ id: roomId } = await db
      .insertInto('live_rooms')
      .values({ code: 'HQ16RM', title: roomTitle, territory_id: coordinatorRole.territory_id, created_by: coordinatorRole.user_id })
      .returning('id')
      .executeTakeFirstOrThrow());
    ({ id: collectiveId } = await db
      .insertInto('collectives')
      .values({ territory_id: coordinatorRole.territory_id, name: collectiveName, themes: '[]', created_by: coordinatorRole.user_id })
      .returning('id')
      .executeTakeFirstOrThrow());
    await db
      .insertInto('collective_members')
      .values({ collective_id: collectiveId, position: 1, display_name: 'Coordinatrice', user_id: coordinatorRole.user_id })
      .execute();
    await db
      .insertInto('collective_support_requests')
      .values({ collective_id: collectiveId, kind: 'salle', text: requestText, asked_at: new Date() })
      .execute();
    await db
      .insertInto('events')
      .values({
        slug: 'forum-solidarites-e2e',
        territory_id: role.territory_id,
        title: dayTitle,
        start_date: inDays(20),
        end_date: inDays(20),
        venue_name: 'Salle des fêtes',
        organisers: '[]',
        partners: '[]',
        themes: '[]',
        takeaways: '[]',
        status: 'published',
      })
      .execute();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('leads a newcomer: join a room by code, the coming open days, accounts by invitation; /j asks for a code', async () => {
    const { page, errors, context } = await newContext(browser, phone);
    await withScreenshot(page, 'home-newcomer', async () => {
      await page.goto(server.url);
      await page.getByRole('heading', { name: 'Bienvenue sur maillage', level: 1 }).waitFor();
      await page.getByRole('heading', { name: 'Rejoindre une salle' }).waitFor();
      const register = page.getByRole('link', { name: `S’inscrire à « ${dayTitle} »` });
      await register.waitFor();
      expect(await register.getAttribute('href')).toBe('/journees/forum-solidarites-e2e');
      await page.getByText('Les comptes sont créés sur invitation').waitFor();
      await expect.poll(() => titleOf(page)).toBe('Bienvenue sur maillage — maillage');
      expect(await seriousA11yViolations(page)).toEqual([]);
      // Nothing overflows the phone's width.
      expect(
        await page.evaluate(
          () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
        ),
      ).toBeLessThanOrEqual(390);

      // An empty code is said on the field; a code typed loosely leads to the room's join page.
      await page.getByRole('button', { name: 'Rejoindre' }).click();
      await page.getByText('Indiquez le code de la salle.').waitFor();
      await page.getByLabel('Code de la salle').fill('k7m 2qx');
      await page.getByRole('button', { name: 'Rejoindre' }).click();
      await page.waitForURL(/\/j\/K7M2QX$/);

      // `/j` alone shows the field, not "Page introuvable".
      await page.goto(`${server.url}/j`);
      await page.getByRole('heading', { name: 'Rejoindre une salle', level: 1 }).waitFor();
      await page.getByLabel('Code de la salle').waitFor();
      expect(await page.getByRole('heading', { name: 'Page introuvable' }).count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
    await context.close();
  });

  it('gives a member on a phone their today, a menu button, the access message and Mon compte’s export', async () => {
    const { page, errors, context } = await newContext(browser, phone);
    await withScreenshot(page, 'home-member-phone', async () => {
      await logIn(page, server.url, member.email, member.password, '/');
      await page.getByRole('heading', { name: /^Bonjour / }).waitFor();
      const today = page.getByRole('region', { name: 'Pour vous aujourd’hui' });
      await today.getByRole('link', { name: dayTitle }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      // The menu folds behind its button: the header stays one line, the links come with the button.
      const button = page.getByRole('button', { name: 'Menu' });
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(await button.getAttribute('aria-controls')).toBe('site-menu');
      const account = page.getByRole('link', { name: 'Mon compte' });
      expect(await account.isVisible()).toBe(false);
      const header = await page.locator('.site-header').boundingBox();
      expect(header?.height ?? 999).toBeLessThan(90);
      await button.click();
      expect(await button.getAttribute('aria-expanded')).toBe('true');
      await account.waitFor();
      // A member is not offered what she cannot use.
      expect(await page.getByRole('link', { name: 'Inviter' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Animation en direct' }).count()).toBe(0);
      await page.keyboard.press('Escape');
      expect(await button.getAttribute('aria-expanded')).toBe('false');
      expect(await account.isVisible()).toBe(false);
      expect(
        await page.evaluate(
          () =>
            (globalThis as unknown as { document: { activeElement: { id: string; textContent: string } } }).document.activeElement
              .textContent,
        ),
      ).toBe('Menu');
      await button.click();
      await account.click();
      await page.getByRole('heading', { name: 'Mon compte', level: 1 }).waitFor();
      expect(await button.getAttribute('aria-expanded')).toBe('false');

      // Mon compte offers her data (RGPD) and its erasure.
      const exportLink = page.getByRole('link', { name: 'Télécharger toutes mes données (JSON)' });
      await exportLink.waitFor();
      await page.getByRole('button', { name: 'Effacer mes données' }).waitFor();
      const href = await exportLink.getAttribute('href');
      expect(href).toMatch(/^\/api\/ecosystem\/people\/[0-9a-f-]{36}\/export$/);
      const data = await page.request.get(`${server.url}${href}`);
      expect(data.status()).toBe(200);
      expect(JSON.stringify(await data.json())).toContain('Awa');
      expect(await seriousA11yViolations(page)).toEqual([]);

      // A page of administrators or coordinators says she has no access — not "the server does not answer".
      for (const path of ['/admin/utilisateurs', '/ecosysteme/import', '/animation', '/invitations']) {
        await page.goto(`${server.url}${path}`);
        await page.getByRole('heading', { name: 'Vous n’avez pas accès à cette page', level: 1 }).waitFor();
        expect(await page.getByText('Le serveur ne répond pas').count()).toBe(0);
      }
      // The directory's tabs leave out importing and curating.
      await page.goto(`${server.url}/ecosysteme`);
      await page.getByRole('link', { name: 'Annuaire' }).waitFor();
      expect(await page.getByRole('link', { name: 'Importer' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: 'Gestion' }).count()).toBe(0);
      expect(errors.filter((e) => !e.includes('403'))).toEqual([]);
    });
    await context.close();
  });

  it('gives a coordinator on a phone her open room, her collective and a pending request, each leading to its page', async () => {
    const { page, errors, context } = await newContext(browser, phone);
    await withScreenshot(page, 'home-coordinator-today', async () => {
      await logIn(page, server.url, coordinator.email, coordinator.password, '/');
      const today = page.getByRole('region', { name: 'Pour vous aujourd’hui' });
      await today.getByRole('heading', { name: 'Salles ouvertes', level: 3 }).waitFor();
      const consoleLink = today.getByRole('link', { name: `Console de « ${roomTitle} »` });
      await consoleLink.waitFor();
      expect(await consoleLink.getAttribute('href')).toBe(`/animation/${roomId}`);
      expect(await today.getByRole('link', { name: `Projecteur de « ${roomTitle} »` }).getAttribute('href')).toBe('/projecteur/HQ16RM');
      await today.getByText(`${roomTitle} — code HQ16RM, 0 participant`).waitFor();
      await today.getByRole('heading', { name: 'Mes collectifs', level: 3 }).waitFor();
      const collective = today.getByRole('link', { name: collectiveName, exact: true });
      expect(await collective.getAttribute('href')).toBe(`/collectifs/${collectiveId}`);
      await today.getByRole('heading', { name: 'Demandes d’appui en attente', level: 3 }).waitFor();
      const request = today.getByRole('link', { name: `${collectiveName} : ${requestText}` });
      expect(await request.getAttribute('href')).toBe(`/collectifs/${collectiveId}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      // Nothing in the section, nor the page, scrolls sideways on a 390 px phone.
      expect(await sidewaysOverflow(page)).toBe(0);
      const section = await today.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(section.scroll).toBeLessThanOrEqual(section.client);

      // Each link leads to its page: the room's console, the collective (for both the collective and the request).
      await consoleLink.click();
      await page.waitForURL(`${server.url}/animation/${roomId}`);
      await page.getByRole('heading', { name: roomTitle, level: 1 }).waitFor();
      await page.goto(server.url);
      await collective.click();
      await page.waitForURL(`${server.url}/collectifs/${collectiveId}`);
      await page.getByRole('heading', { name: collectiveName, level: 1 }).waitFor();
      await page.goto(server.url);
      await request.click();
      await page.waitForURL(`${server.url}/collectifs/${collectiveId}`);
      await page.getByRole('heading', { name: collectiveName, level: 1 }).waitFor();
      expect(errors).toEqual([]);
    });
    await context.close();
  });

  it('gives every page its own title, lists the rooms on /animation, and keeps "Se déconnecter" on one line at 1366 px', async () => {
    const { page, errors, context } = await newContext(browser, { ...desktop, viewport: { width: 1366, height: 800 } });
    await withScreenshot(page, 'home-titles', async () => {
      await logIn(page, server.url, coordinator.email, coordinator.password, '/animation');
      await page.getByRole('heading', { name: 'Ouvrir une salle' }).waitFor();
      await page.getByLabel('Titre de la salle').fill('Atelier du jeudi');
      await page.getByRole('button', { name: 'Ouvrir la salle' }).click();
      await page.waitForURL(/\/animation\/[0-9a-f-]{36}$/);
      await page.goto(`${server.url}/animation`);
      const rooms = page.getByRole('region', { name: 'Vos salles' });
      await rooms.getByRole('link', { name: 'Console de « Atelier du jeudi »' }).waitFor();
      await rooms.getByRole('link', { name: 'Projecteur de « Atelier du jeudi »' }).waitFor();
      await rooms
        .getByText(/Code [A-Z0-9]+ · 0 participant/)
        .first()
        .waitFor();

      const logout = page.getByRole('button', { name: 'Se déconnecter' });
      const box = await logout.boundingBox();
      expect(box?.height ?? 999).toBeLessThanOrEqual(48);
      expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);

      const paths = [
        '/',
        '/compte',
        '/journees',
        '/ecosysteme',
        '/collectifs',
        '/territoires',
        '/animation',
        '/indicateurs',
        '/chemins',
        '/journal',
      ];
      const titles: string[] = [];
      for (const path of paths) {
        await page.goto(`${server.url}${path}`);
        const h1 = page.locator('h1').first();
        await h1.waitFor();
        // The title follows the heading once the page has loaded what it names.
        await expect
          .poll(
            async () =>
              (await titleOf(page)).includes(((await h1.textContent()) ?? '').replace(/\s+/g, ' ').trim()) &&
              (await titleOf(page)) !== 'maillage',
          )
          .toBe(true);
        const title = await titleOf(page);
        expect(title).toMatch(/ — maillage$/);
        titles.push(title);
      }
      expect(new Set(titles).size).toBe(paths.length);
      expect(errors).toEqual([]);
    });
    await context.close();
  });
});
