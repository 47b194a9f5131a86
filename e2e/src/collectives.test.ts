import { organisationNameKey, searchKey } from '@maillage/core';
import { hash } from '@node-rs/argon2';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumPath,
  desktop,
  launchBrowser,
  logIn,
  newContext,
  password,
  phone,
  type RunningServer,
  seedAdmin,
  seriousA11yViolations,
  sidewaysOverflow,
  startServer,
  withScreenshot,
} from './harness';

const conflictTitle = 'Quelqu’un a enregistré cette section pendant que vous écriviez';

/** A JSON call from inside the page, as the web client makes it (session cookie, CSRF header from its cookie). */
async function call<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const answer = await page.evaluate(
    async ({ method, path, body }) => {
      const g = globalThis as unknown as {
        document: { cookie: string };
        fetch: (url: string, init: unknown) => Promise<{ status: number; text(): Promise<string> }>;
      };
      const csrf = /(?:^|;\s*)maillage_csrf=([^;]+)/.exec(g.document.cookie)?.[1] ?? '';
      const response = await g.fetch(path, {
        method,
        credentials: 'same-origin',
        headers: {
          accept: 'application/json',
          'x-csrf-token': decodeURIComponent(csrf),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, text: await response.text() };
    },
    { method, path, body },
  );
  if (answer.status >= 400) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`);
  return JSON.parse(answer.text) as T;
}

/** The invitation's page address, whether the server gives a path or a whole URL. */
const invitationUrl = (url: string, link: string) => (link.startsWith('http') ? link : `${url}${link}`);

/** Opens an invitation in a fresh browser context and creates the account; the context stays logged in. */
async function acceptInvitation(page: Page, url: string, link: string, displayName: string): Promise<void> {
  await page.goto(invitationUrl(url, link));
  await page.getByLabel('Nom affiché').fill(displayName);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Créer mon compte et accepter' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/invitation'));
}

/** The project sheet's section of that title, in the workspace's « Fiche-projet » tab. */
function section(page: Page, title: string): Locator {
  return page.getByRole('region', { name: title, exact: true });
}

/**
 * The four questions' section, its width against the main column's content box (its width less its
 * padding), and whether it ends inside the screen.
 */
async function questionsWidth(page: Page): Promise<{ ratio: number; inside: boolean }> {
  return (await page.evaluate(`(() => {
    const main = document.querySelector('main');
    const section = document.querySelector('.guiding-questions');
    if (!main || !section) return { ratio: 0, inside: false };
    const style = getComputedStyle(main);
    const column = main.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const box = section.getBoundingClientRect();
    return { ratio: box.width / column, inside: box.left >= 0 && box.right <= window.innerWidth + 1 };
  })()`)) as { ratio: number; inside: boolean };
}

/** Console errors but the failed load a 409 conflict logs (the conflict is expected there). */
const unexpected = (errors: string[]) => errors.filter((e) => !/status of 409/.test(e));

describe.skipIf(!chromiumPath)('collectives journey in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let territoryId: string;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    const env = process.env.MAILLAGE_WEB_DIST ? { MAILLAGE_WEB_DIST: process.env.MAILLAGE_WEB_DIST } : {};
    [server, browser] = await Promise.all([startServer({ env }), launchBrowser()]);
    const db = server.store.db;
    const epci = await db
      .insertInto('territories')
      .values({
        kind: 'epci',
        name: 'Agglomération de Val-de-Lys (fictive)',
        slug: 'val-de-lys-coll-e2e',
        code: null,
        epci_type: null,
        population: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    territoryId = epci.id;
    // An administrator exists, so the instance is past its first run.
    await seedAdmin(server);
    const coordinator = await db
      .insertInto('users')
      .values({ email: 'cooperation@exemple.fr', display_name: 'Inès Coopération', password_hash: await hash(password) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('role_assignments')
      .values({ user_id: coordinator.id, role: 'coordinator', territory_id: epci.id, title: 'Chargée de coopération', created_by: null })
      .execute();
    // The territory's ecosystem: two organisations, a person in each (picked as first members).
    for (const [orgName, kind, personName] of [
      ['Centre social des Tilleuls', 'centre_social', 'Awa Diallo'],
      ['Association Trait d’Union', 'association', 'Samir Haddad'],
    ] as const) {
      const organisation = await db
        .insertInto('organisations')
        .values({
          name: orgName,
          search_key: searchKey(orgName),
          name_key: organisationNameKey(orgName),
          kind,
          siren: null,
          siret: null,
          rna: null,
          commune_id: null,
          description: null,
          address: null,
          website: null,
          public_email: null,
          public_phone: null,
          created_by: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('organisation_territories').values({ organisation_id: organisation.id, territory_id: epci.id }).execute();
      const person = await db
        .insertInto('people')
        .values({ name: personName, search_key: searchKey(personName), function: 'Coordinatrice', user_id: null, created_by: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('person_organisations').values({ person_id: person.id, organisation_id: organisation.id }).execute();
    }
  }, 120_000);
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.close();
  });

  it('two members write the same section at once: the second sees both versions, merges, and nothing is lost', async () => {
    const coordination = await newContext(browser, desktop);
    const a = await newContext(browser, desktop);
    const b = await newContext(browser, phone);
    contexts.push(coordination.context, a.context, b.context);
    const textA = 'Constat d’Awa : les parents du quartier ne viennent plus aux réunions de l’école.';
    const textB = 'Constat de Bruno : la halte-garderie ferme à 17 h, trop tôt pour les parents qui travaillent.';
    let collectiveId = '';
    await withScreenshot(coordination.page, 'collectives-conflict-setup', async () => {
      // The world, through the API as the coordinator: a collective, two guests with an e-mail, their invitations.
      await logIn(coordination.page, server.url, 'cooperation@exemple.fr', password, '/collectifs');
      await coordination.page.getByRole('heading', { name: 'Petits collectifs d’acteurs' }).waitFor();
      const created = await call<{ id: string }>(coordination.page, 'POST', '/api/collectives', {
        territoryId,
        name: 'Parents des Tilleuls',
        urgency: 'Les parents décrochent du lien avec l’école.',
        themes: ['parentalité'],
        personIds: [],
      });
      collectiveId = created.id;
      const links: string[] = [];
      for (const [name, email] of [
        ['Awa Diallo', 'awa@exemple.fr'],
        ['Bruno Martin', 'bruno@exemple.fr'],
      ] as const) {
        const member = await call<{ id: string }>(coordination.page, 'POST', `/api/collectives/${collectiveId}/members`, {
          name,
          organisationName: 'Centre social des Tilleuls',
          email,
          roles: ['animation'],
        });
        const invitation = await call<{ link: string }>(
          coordination.page,
          'POST',
          `/api/collectives/${collectiveId}/members/${member.id}/invitation`,
        );
        links.push(invitation.link);
      }
      await acceptInvitation(a.page, server.url, links[0] as string, 'Awa Diallo');
      await acceptInvitation(b.page, server.url, links[1] as string, 'Bruno Martin');
    });

    // Both open « État des lieux » and start writing.
    for (const { page } of [a, b]) {
      await page.goto(`${server.url}/collectifs/${collectiveId}#fiche`);
      await section(page, 'État des lieux du territoire')
        .getByRole('button', { name: /^Modifier/ })
        .click();
    }
    await a.page.getByRole('textbox', { name: 'Texte', exact: true }).fill(textA);
    await b.page.getByRole('textbox', { name: 'Texte', exact: true }).fill(textB);

    await withScreenshot(a.page, 'collectives-conflict-a', async () => {
      await a.page.getByRole('button', { name: 'Enregistrer la section' }).click();
      await section(a.page, 'État des lieux du territoire').getByText(textA).waitFor();
    });

    await withScreenshot(b.page, 'collectives-conflict-b', async () => {
      await b.page.getByRole('button', { name: 'Enregistrer la section' }).click();
      const message = b.page.getByRole('heading', { name: conflictTitle });
      await message.waitFor();
      // The focus goes to the message, so that a screen reader says it at once.
      await expect
        .poll(() =>
          b.page.evaluate(
            () =>
              (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement
                ?.textContent,
          ),
        )
        .toBe(conflictTitle);
      // Their version beside, read-only; mine still in the form.
      await b.page.getByRole('region', { name: 'La version enregistrée entre-temps' }).getByText(textA).waitFor();
      expect(await b.page.getByRole('textbox', { name: 'Texte', exact: true }).inputValue()).toBe(textB);
      expect(await sidewaysOverflow(b.page)).toBeLessThanOrEqual(1);
      // Merge by hand, then save from their version.
      await b.page.getByRole('button', { name: 'Ajouter leur texte à la fin du mien' }).click();
      const merged = await b.page.getByRole('textbox', { name: 'Texte', exact: true }).inputValue();
      expect(merged).toContain(textA);
      expect(merged).toContain(textB);
      await b.page.getByRole('button', { name: 'Enregistrer ma version réunie' }).click();
      await message.waitFor({ state: 'detached' });
      const saved = section(b.page, 'État des lieux du territoire');
      await saved.getByText(textB, { exact: false }).waitFor();
      await saved.getByText(textA, { exact: false }).waitFor();
    });

    await withScreenshot(a.page, 'collectives-conflict-history', async () => {
      await a.page.reload();
      const s = section(a.page, 'État des lieux du territoire');
      await s.getByText(textA, { exact: false }).waitFor();
      await s.getByText(textB, { exact: false }).waitFor();
      await s.getByRole('button', { name: /^Versions/ }).click();
      const versions = s.locator('.versions');
      await versions
        .getByText(/Awa Diallo/)
        .first()
        .waitFor();
      await versions
        .getByText(/Bruno Martin/)
        .first()
        .waitFor();
      expect(await versions.getByRole('listitem').count()).toBeGreaterThanOrEqual(2);
    });

    // A member renames the collective: an empty name is refused in the app's words, the new name is
    // the page's title, and the other member sees it too.
    await withScreenshot(a.page, 'collectives-rename', async () => {
      await a.page.getByText('Renommer le collectif').click();
      const name = a.page.getByLabel('Nom du collectif');
      await name.fill('  ');
      await a.page.getByRole('button', { name: 'Renommer', exact: true }).click();
      await a.page.getByText('Le nom du collectif est vide : écrivez quelques mots.').waitFor();
      await name.fill('Parents et école aux Tilleuls');
      await a.page.getByRole('button', { name: 'Renommer', exact: true }).click();
      await a.page.getByRole('heading', { level: 1, name: 'Parents et école aux Tilleuls' }).waitFor();
      await b.page.reload();
      await b.page.getByRole('heading', { level: 1, name: 'Parents et école aux Tilleuls' }).waitFor();
    });

    // The four questions use the page's width: on a 1366 px desktop and on a 390 px phone.
    await withScreenshot(a.page, 'collectives-questions-width', async () => {
      await a.page.setViewportSize({ width: 1366, height: 800 });
      await a.page.getByRole('tab', { name: 'Les quatre questions' }).click();
      await a.page.getByRole('heading', { name: 'Les quatre questions', level: 2 }).waitFor();
      const wide = await questionsWidth(a.page);
      expect(wide.ratio, 'largeur des quatre questions / colonne principale à 1366 px').toBeGreaterThanOrEqual(0.9);
      expect(wide.inside).toBe(true);
    });
    await withScreenshot(b.page, 'collectives-questions-phone', async () => {
      await b.page.getByRole('tab', { name: 'Les quatre questions' }).click();
      await b.page.getByRole('heading', { name: 'Les quatre questions', level: 2 }).waitFor();
      const narrow = await questionsWidth(b.page);
      expect(narrow.ratio, 'largeur des quatre questions / colonne principale à 390 px').toBeGreaterThanOrEqual(0.9);
      expect(narrow.inside).toBe(true);
      expect(await sidewaysOverflow(b.page)).toBeLessThanOrEqual(1);
    });
    expect(unexpected(a.errors)).toEqual([]);
    expect(unexpected(b.errors)).toEqual([]);
  });

  it('a coordinator creates a collective by hand, shares the roles, plans an overdue step, and answers a request for support', async () => {
    const { page, errors, context } = await newContext(browser, desktop);
    contexts.push(context);
    let collectiveUrl = '';
    await withScreenshot(page, 'collectives-create', async () => {
      await logIn(page, server.url, 'cooperation@exemple.fr', password, '/collectifs');
      await page.getByRole('button', { name: 'Créer un collectif' }).click();
      const form = page.getByRole('form', { name: 'Créer un collectif' });
      await form.getByLabel('Territoire').waitFor();
      await form.getByLabel('Nom du collectif').fill('Bouger aux Tilleuls');
      await form.getByRole('textbox', { name: 'L’urgence partagée' }).fill('Les jeunes n’ont plus de lieu pour le sport le soir.');
      await form.getByLabel('Thèmes').fill('jeunesse, santé');
      const members = form.getByRole('combobox', { name: 'Premiers membres : chercher une personne de l’écosystème' });
      await members.fill('Awa');
      await page.getByRole('option', { name: /Awa Diallo/ }).click();
      await members.fill('Samir');
      await page.getByRole('option', { name: /Samir Haddad/ }).click();
      await form.getByRole('list', { name: 'Premiers membres choisis' }).getByRole('button', { name: 'Retirer Samir Haddad' }).waitFor();
      await form.getByRole('button', { name: 'Créer le collectif' }).click();
      await page.waitForURL(/\/collectifs\/[0-9a-f-]{36}/);
      collectiveUrl = page.url().replace(/#.*$/, '');
      await page.getByRole('heading', { level: 1, name: 'Bouger aux Tilleuls' }).waitFor();
    });

    await withScreenshot(page, 'collectives-members', async () => {
      const panel = page.getByRole('tabpanel', { name: 'Membres et rôles' });
      await panel.getByRole('heading', { name: 'Awa Diallo' }).waitFor();
      // A guest, with how to reach them and a role.
      const add = page.getByRole('form', { name: 'Ajouter un membre' });
      await add.getByLabel('Une personne invitée (pas dans l’annuaire)').check();
      await add.getByLabel('Nom et prénom').fill('Karim Benali');
      await add.getByLabel('Organisation (facultatif)').fill('Club de boxe des Tilleuls');
      await add.getByLabel('Adresse e-mail (facultatif)').fill('karim@exemple.fr');
      await add.getByLabel('Finances').check();
      await add.getByRole('button', { name: 'Ajouter au collectif' }).click();
      await panel.getByRole('heading', { name: 'Karim Benali' }).waitFor();
      // Awa carries the collective.
      await panel.getByRole('button', { name: 'Modifier les rôles — Awa Diallo' }).click();
      await panel.getByRole('group', { name: 'Rôles de Awa Diallo' }).getByLabel('Porteur · coordination').check();
      await panel.getByRole('button', { name: 'Enregistrer les rôles' }).click();
      const awa = panel.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Awa Diallo' }) });
      await awa.getByText('Porteur · coordination', { exact: true }).waitFor();
      // The continuum between the member organisations is shown as a labelled scale (or said to be unknown).
      await panel.getByRole('heading', { name: 'Où en sont les organisations membres, deux à deux' }).waitFor();
    });

    await withScreenshot(page, 'collectives-steps', async () => {
      await page.getByRole('tab', { name: /^Petits pas/ }).click();
      const panel = page.getByRole('tabpanel', { name: /^Petits pas/ });
      await panel.getByLabel('Le petit pas').fill('Réserver le gymnase pour un essai');
      await panel.getByLabel('Qui le porte').selectOption({ label: 'Awa Diallo' });
      await panel.getByLabel('Pour quand (facultatif)').fill('2020-03-02');
      await panel.getByRole('button', { name: 'Ajouter', exact: true }).click();
      const step = panel.getByRole('listitem').filter({ hasText: 'Réserver le gymnase pour un essai' });
      await step.getByText('En retard').waitFor();
      await panel.getByText('1 petit pas en retard').first().waitFor();
      await page.getByRole('tab', { name: /Petits pas \(1 en retard\)/ }).waitFor();
    });

    // Karim is invited to create an account, then asks for support.
    let link = '';
    await withScreenshot(page, 'collectives-invite', async () => {
      await page.getByRole('tab', { name: 'Membres et rôles' }).click();
      await page.getByRole('button', { name: 'Inviter à créer un compte — Karim Benali' }).click();
      const field = page.getByRole('textbox', { name: 'Lien d’invitation pour Karim Benali' });
      await field.waitFor();
      link = await field.inputValue();
      expect(link).toContain('/invitation/');
    });
    const karim = await newContext(browser, phone);
    contexts.push(karim.context);
    const request = 'Une salle de sport le mardi soir, de 18 h à 20 h, pour un essai en mars.';
    await withScreenshot(karim.page, 'collectives-ask', async () => {
      await acceptInvitation(karim.page, server.url, link, 'Karim Benali');
      await karim.page.goto(`${collectiveUrl}#appui`);
      const panel = karim.page.getByRole('tabpanel', { name: /^Demandes d’appui/ });
      await panel.getByLabel('Type d’appui').selectOption({ label: 'Salle' });
      await panel.getByLabel('Votre demande').fill(request);
      await panel.getByRole('button', { name: 'Envoyer la demande' }).click();
      await panel.getByRole('listitem').filter({ hasText: request }).getByText('Ouverte').waitFor();
      expect(await sidewaysOverflow(karim.page)).toBeLessThanOrEqual(1);
    });

    await withScreenshot(page, 'collectives-answer', async () => {
      await page.goto(`${server.url}/collectifs/demandes?territoire=${territoryId}`);
      await page.getByRole('heading', { level: 1, name: 'Demandes d’appui des collectifs' }).waitFor();
      const item = page.getByRole('listitem').filter({ hasText: request });
      await item.getByRole('link', { name: 'Bouger aux Tilleuls' }).waitFor();
      await item
        .getByLabel('Votre réponse')
        .fill('Le gymnase Jean-Moulin est libre le mardi : je vous mets en lien avec le service des sports.');
      await item.getByLabel('Statut de la demande').selectOption({ label: 'Traitée' });
      await item.getByRole('button', { name: 'Enregistrer la réponse' }).click();
      await item.getByText('Réponse enregistrée.').first().waitFor();
      await item.getByText('Traitée', { exact: true }).first().waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
    });

    await withScreenshot(karim.page, 'collectives-answered', async () => {
      await karim.page.reload();
      const panel = karim.page.getByRole('tabpanel', { name: /^Demandes d’appui/ });
      const item = panel.getByRole('listitem').filter({ hasText: request });
      await item.getByText('Traitée', { exact: true }).waitFor();
      await item.getByText(/Jean-Moulin/).waitFor();
    });

    await withScreenshot(page, 'collectives-a11y', async () => {
      await page.goto(collectiveUrl);
      await page.getByRole('heading', { level: 1, name: 'Bouger aux Tilleuls' }).waitFor();
      for (const tab of [/^Membres et rôles/, /^Fiche-projet/, /^Petits pas/, /^Demandes d’appui/, /^Historique/]) {
        await page.getByRole('tab', { name: tab }).click();
        await page.getByRole('tabpanel', { name: tab }).getByRole('heading').first().waitFor();
        expect(await seriousA11yViolations(page)).toEqual([]);
      }
      // The tabs answer the arrow keys.
      await page.getByRole('tab', { name: /^Historique/ }).focus();
      await page.keyboard.press('Home');
      await expect
        .poll(() =>
          page.evaluate(
            () =>
              (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } }).document.activeElement
                ?.textContent,
          ),
        )
        .toBe('Membres et rôles');
    });

    const small = await newContext(browser, phone);
    contexts.push(small.context);
    await withScreenshot(small.page, 'collectives-phone', async () => {
      await logIn(small.page, server.url, 'cooperation@exemple.fr', password, new URL(collectiveUrl).pathname);
      await small.page.getByRole('heading', { level: 1, name: 'Bouger aux Tilleuls' }).waitFor();
      for (const tab of [/^Membres et rôles/, /^Fiche-projet/, /^Petits pas/, /^Demandes d’appui/]) {
        await small.page.getByRole('tab', { name: tab }).click();
        await small.page.getByRole('tabpanel', { name: tab }).getByRole('heading').first().waitFor();
        expect(await sidewaysOverflow(small.page)).toBeLessThanOrEqual(1);
      }
    });
    expect(unexpected(errors)).toEqual([]);
    expect(unexpected(karim.errors)).toEqual([]);
  });
});
