import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumPath,
  desktop,
  launchBrowser,
  newContext,
  phone,
  type RunningServer,
  seriousA11yViolations,
  startServer,
  withScreenshot,
} from './harness';

/** Every page of the journey is checked with axe-core: no serious or critical violation. */
async function accessible(page: Page, where: string) {
  const violations = await seriousA11yViolations(page);
  expect(violations, `axe-core on ${where}`).toEqual([]);
}

describe.skipIf(!chromiumPath)('foundation journey in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('first-run setup → create a quartier → invite a member → the member accepts, logs in → logout', async () => {
    const admin = await newContext(browser, desktop);
    let link = '';
    await withScreenshot(admin.page, 'foundation-admin', async () => {
      const page = admin.page;
      await page.goto(server.url);
      await page.getByRole('heading', { name: 'Premier lancement' }).waitFor();
      await accessible(page, 'premier lancement');
      await page.getByLabel('Nom affiché').fill('Camille Lefort');
      await page.getByLabel('Adresse e-mail').fill('camille.lefort@exemple.fr');
      await page.getByLabel('Mot de passe').fill('mot de passe solide');
      await page.getByRole('button', { name: 'Créer l’administrateur' }).click();
      await page.getByRole('heading', { name: 'Bonjour Camille Lefort' }).waitFor();

      // A quartier, attached to a commune picked from the official list.
      await page.goto(`${server.url}/territoires/nouveau`);
      await page.getByRole('heading', { name: 'Nouveau territoire' }).waitFor();
      await page.getByLabel('Nom', { exact: true }).fill('Les Tilleuls');
      await page.getByRole('combobox', { name: 'Communes' }).fill('Sevran');
      await page
        .getByRole('option', { name: /^Sevran/ })
        .first()
        .click();
      await page.getByText('1 commune retenue').waitFor();
      await accessible(page, 'nouveau territoire');
      await page.getByRole('button', { name: 'Créer le territoire' }).click();
      await page.getByRole('heading', { name: 'Les Tilleuls' }).waitFor();

      // Invite a member of an organisation on it.
      await page.getByRole('link', { name: 'Inviter' }).click();
      await page.getByRole('heading', { name: 'Inviter quelqu’un' }).waitFor();
      await page.getByLabel('Rechercher un territoire par son nom').fill('Tilleuls');
      const territory = page.getByRole('combobox', { name: 'Territoire' });
      await expect.poll(async () => (await territory.locator('option').allTextContents()).join('|')).toContain('Les Tilleuls');
      await territory.selectOption({ label: 'Les Tilleuls — quartier' });
      await page.getByLabel('Rôle').selectOption({ label: 'Membre d’une organisation' });
      await page.getByLabel('Adresse e-mail').fill('noa.berthier@exemple.fr');
      await page.getByRole('button', { name: 'Créer l’invitation' }).click();
      await page.getByText('Invitation créée pour noa.berthier@exemple.fr.').waitFor();
      await page.getByText('Aucun serveur d’envoi n’est configuré').waitFor();
      link = await page.getByLabel('Lien d’invitation').inputValue();
      expect(link).toMatch(new RegExp(`^${server.url}/invitation/[A-Za-z0-9_-]{43}$`));
      await page.getByRole('cell', { name: 'En attente' }).waitFor();
      await accessible(page, 'inviter');
      expect(admin.errors).toEqual([]);
    });

    // The member, on a phone.
    const member = await newContext(browser, phone);
    await withScreenshot(member.page, 'foundation-member', async () => {
      const page = member.page;
      await page.goto(link);
      await page.getByRole('heading', { name: 'Invitation' }).waitFor();
      await page.getByText('Camille Lefort vous invite comme Membre d’une organisation sur le territoire « Les Tilleuls ».').waitFor();
      await accessible(page, 'invitation');
      await page.getByLabel('Nom affiché').fill('Noa Berthier');
      await page.getByLabel('Mot de passe').fill('le mot de passe de Noa');
      await page.getByRole('button', { name: 'Créer mon compte et accepter' }).click();
      await page.getByRole('heading', { name: 'Bonjour Noa Berthier' }).waitFor();
      await accessible(page, 'accueil du membre');

      await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.getByRole('link', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { name: 'Connexion' }).waitFor();
      await accessible(page, 'connexion');
      await page.getByLabel('Adresse e-mail').fill('noa.berthier@exemple.fr');
      await page.getByLabel('Mot de passe').fill('le mot de passe de Noa');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { name: 'Bonjour Noa Berthier' }).waitFor();
      // A member may not invite: no entry in the menu.
      expect(await page.getByRole('link', { name: 'Inviter' }).count()).toBe(0);
      // On a phone the navigation folds behind the menu button.
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('link', { name: 'Mon compte' }).click();
      await page.getByText('Membre d’une organisation — Les Tilleuls').waitFor();
      await accessible(page, 'mon compte');
      await page.getByRole('button', { name: 'Menu' }).click();
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.getByRole('link', { name: 'Se connecter' }).waitFor();
      expect(member.errors).toEqual([]);
    });

    // The link is single use.
    const again = await newContext(browser, desktop);
    await again.page.goto(link);
    await again.page.getByText('Cette invitation n’existe pas, a expiré, a été révoquée ou a déjà été utilisée').waitFor();

    // The administrator sees the whole story in the audit log.
    await withScreenshot(admin.page, 'foundation-audit', async () => {
      await admin.page.getByRole('link', { name: 'Journal' }).click();
      await admin.page.getByRole('heading', { name: 'Journal des modifications' }).waitFor();
      await admin.page.getByRole('cell', { name: 'Invitation acceptée' }).waitFor();
      await accessible(admin.page, 'journal');
    });

    // The administration pages on a phone: accessible, and nothing wider than the screen.
    const adminPhone = await newContext(browser, phone);
    await withScreenshot(adminPhone.page, 'foundation-admin-phone', async () => {
      const page = adminPhone.page;
      await page.goto(`${server.url}/connexion`);
      await page.getByLabel('Adresse e-mail').fill('camille.lefort@exemple.fr');
      await page.getByLabel('Mot de passe').fill('mot de passe solide');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { name: 'Bonjour Camille Lefort' }).waitFor();
      for (const [path, heading, ready] of [
        ['/invitations', 'Inviter quelqu’un', 'Acceptée'],
        ['/admin/utilisateurs', 'Utilisateurs', 'noa.berthier@exemple.fr'],
        ['/journal', 'Journal des modifications', 'Invitation acceptée'],
        ['/compte', 'Mon compte', 'Administrateur·rice'],
      ] as const) {
        await page.goto(`${server.url}${path}`);
        await page.getByRole('heading', { name: heading, exact: true }).waitFor();
        await page.getByText(ready).first().waitFor();
        await accessible(page, `${path} sur téléphone`);
        const width = await page.evaluate(
          () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
        );
        expect(width, `${path} is wider than the phone`).toBeLessThanOrEqual(390);
      }
      // An e-mail the mail server refused ten times: the administrator sees it and sends it again.
      const refused = await server.store.db
        .insertInto('mail_outbox')
        .values({
          to_address: 'inconnue@exemple.fr',
          subject: 'Votre invitation',
          body: 'Bonjour',
          attempts: 10,
          last_error: '550 boîte inconnue',
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await page.goto(`${server.url}/admin/utilisateurs`);
      const outbox = page.getByRole('region', { name: 'E-mails non remis' });
      await outbox.getByRole('cell', { name: '550 boîte inconnue' }).waitFor();
      await outbox.getByRole('button', { name: 'Réessayer l’envoi à inconnue@exemple.fr' }).click();
      await outbox.getByText('L’e-mail à inconnue@exemple.fr sera renvoyé tout de suite.').waitFor();
      await outbox.getByText(/^Nouvel essai le/).waitFor();
      const again = await server.store.db
        .selectFrom('mail_outbox')
        .select('attempts')
        .where('id', '=', refused.id)
        .executeTakeFirstOrThrow();
      expect(again.attempts).toBe(0);
      const width = await page.evaluate(
        () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
      );
      expect(width, 'the outbox table is wider than the phone').toBeLessThanOrEqual(390);
      expect(adminPhone.errors).toEqual([]);
    });
    await Promise.all([admin.context.close(), member.context.close(), again.context.close(), adminPhone.context.close()]);
    // A long journey (four browser contexts, two argon2 hashes, axe on eleven pages) on a shared machine.
  }, 240_000);
});
