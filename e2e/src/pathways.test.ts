import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';
import type { Browser, Page } from 'playwright-core';
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

const newChange = 'Les parents siègent au conseil de chaque école du quartier';

/** A PDF's pages and page size, read by poppler's pdfinfo (an independent reader). */
function pdfInfo(pdf: Buffer): { pages: number; size: string } {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-plan-'));
  try {
    const file = join(dir, 'plan.pdf');
    writeFileSync(file, pdf);
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]), size: /^Page size:\s+(.*)$/m.exec(info)?.[1] ?? '' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function logInAs(page: Page, url: string, suite: string) {
  await page.goto(`${url}/connexion?suite=${encodeURIComponent(suite)}`);
  await page.getByLabel('Adresse e-mail').fill('cooperation@exemple.fr');
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
}

/**
 * Refusals the journey provokes on purpose (an empty indicator, 400; a backward link, 422) are
 * logged by chromium as failed loads; they are not errors of the page.
 */
const pageErrors = (errors: string[]) => errors.filter((e) => !/status of (400|422)\b/.test(e));

describe.skipIf(!chromiumPath)('change pathways journey in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let territoryId: string;
  let pathwayUrl: string;
  beforeAll(async () => {
    const env = process.env.MAILLAGE_WEB_DIST ? { MAILLAGE_WEB_DIST: process.env.MAILLAGE_WEB_DIST } : {};
    [server, browser] = await Promise.all([startServer({ env }), launchBrowser()]);
    const db = server.store.db;
    const territory = await db
      .insertInto('territories')
      .values({
        kind: 'commune',
        name: 'Lysbourg',
        slug: 'lysbourg-chemins-e2e',
        code: 'E2E-PW-1',
        epci_type: null,
        population: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    territoryId = territory.id;
    // An administrator exists, so the app is past its first launch.
    await seedAdmin(server);
    const coordinator = await db
      .insertInto('users')
      .values({ email: 'cooperation@exemple.fr', display_name: 'Inès Coopération', password_hash: await hash(password) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('role_assignments')
      .values({
        user_id: coordinator.id,
        role: 'coordinator',
        territory_id: territory.id,
        title: 'Cheffe de projet contrat de ville',
        created_by: null,
      })
      .execute();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a pathway from the template, adds and links a change, an indicator, a review, reads a version, prints the plan', async () => {
    const { page, errors, context } = await newContext(browser, desktop);
    await withScreenshot(page, 'pathways-journey', async () => {
      await logInAs(page, server.url, `/chemins?territoire=${territoryId}`);
      await page.getByRole('heading', { level: 1, name: 'Chemins de changement' }).waitFor();

      // 1. Create from seed 003's template.
      await page.getByLabel('Titre du chemin').fill('Coéducation à Lysbourg');
      await page.getByRole('button', { name: 'Créer le chemin' }).click();
      await page.getByRole('heading', { level: 1, name: 'Coéducation à Lysbourg' }).waitFor();
      pathwayUrl = page.url();
      expect(pathwayUrl).toMatch(/\/chemins\/[0-9a-f-]{36}$/);
      await page.getByText('Dans nos quartiers, les parents ont pris toute leur place').waitFor();

      // 2. The graph: each change is a button reached by the keyboard; Enter opens it.
      const boxes = page.locator('.pathway-graph [data-change]');
      await boxes.first().waitFor();
      expect(await boxes.count()).toBeGreaterThan(5);
      await boxes.first().focus();
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 2, name: /^Changement — / }).waitFor();
      await page.getByRole('button', { name: 'Fermer' }).click();

      // 3. Add a medium-term change: not linked yet, so flagged in words.
      await page.locator('#add-horizon').selectOption('moyen');
      await page.locator('#add-text').fill(newChange);
      await page.getByRole('button', { name: 'Ajouter le changement' }).click();
      // The box's text is cut into lines; its title (its accessible name) holds it whole.
      const newBox = page.locator('.pathway-graph [data-change]').filter({ has: page.locator('title', { hasText: newChange }) });
      await newBox.waitFor();
      expect(await newBox.locator('title').textContent()).toContain('Non relié à la vision');
      await page.getByRole('button', { name: `Moyen terme : ${newChange} (⚠ Non relié à la vision)` }).waitFor();

      // axe on the editor (graph view).
      expect(await seriousA11yViolations(page)).toEqual([]);

      // 4. The list view, then open the new change and link it.
      await page.getByRole('button', { name: 'Liste', exact: true }).click();
      const item = page.locator('.pathway-list .change-item', { hasText: newChange });
      await item.getByText('Non relié à la vision').waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await item.getByRole('button', { name: /^Ouvrir/ }).click();
      await page.getByRole('heading', { level: 2, name: 'Changement — Moyen terme' }).waitFor();

      // A backward link (toward a short-term change) is refused with the server's French words.
      const shortTerm = await page.locator('#link-to option', { hasText: 'Court terme' }).first().getAttribute('value');
      await page.locator('#link-to').selectOption(shortTerm as string);
      await page.getByRole('button', { name: 'Ajouter le lien' }).click();
      await page.getByRole('alert').filter({ hasText: 'Ce lien remonte le temps' }).waitFor();

      // Toward the vision: accepted, the change is no longer flagged.
      await page.locator('#link-to').selectOption('vision');
      await page.getByLabel('Pourquoi ce changement mène à l’autre').fill('Des parents qui décident avec l’école prennent leur place.');
      await page.getByRole('button', { name: 'Ajouter le lien' }).click();
      await page.getByText('Pourquoi : Des parents qui décident').waitFor();
      await expect.poll(() => item.getByText('Non relié à la vision').count()).toBe(0);

      // 5. An indicator: empty fields are said under each, then saved.
      await page.getByText('Ajouter un indicateur', { exact: true }).first().click();
      const form = page.getByRole('form', { name: 'Ajouter un indicateur' });
      await form.getByRole('button', { name: 'Ajouter un indicateur' }).click();
      await form.getByText('le nom de l’indicateur est requis').waitFor();
      await form.getByText('l’unité est requise').waitFor();
      await form.getByLabel('Changement mesuré').selectOption({ label: `Moyen terme — ${newChange}` });
      await form.getByLabel('Nom de l’indicateur').fill('Écoles avec des parents au conseil');
      await form.getByLabel('Unité', { exact: true }).fill('%');
      await form.getByLabel('Valeur de départ').fill('20');
      await form.getByLabel('Année de départ').fill('2025');
      await form.getByLabel('Valeur cible').fill('80');
      await form.getByLabel('Année cible').fill('2029');
      await form.getByRole('button', { name: 'Ajouter un indicateur' }).click();
      await page.getByRole('heading', { level: 3, name: 'Écoles avec des parents au conseil' }).waitFor();

      // 6. A review: a light per change, shown with its word and its symbol.
      const reviewed = page.locator('fieldset.review-change', { hasText: newChange });
      await reviewed.getByLabel('À risque').check();
      await reviewed.getByLabel('Commentaire').fill('Deux écoles sur dix ont ouvert leur conseil.');
      await page.getByRole('button', { name: 'Enregistrer la revue' }).click();
      await page.getByText('Revue enregistrée.').waitFor();
      await page.locator('article.review').getByText('▲ À risque').waitFor();

      // 7. Versions: every write made one; version 1 reads back without the new change.
      await page.getByRole('button', { name: 'Lire version 1' }).click();
      await page.getByRole('heading', { name: 'Vous lisez la version 1 (lecture seule)' }).waitFor();
      await page.getByRole('button', { name: 'Liste', exact: true }).click();
      await page.locator('.pathway-list').waitFor();
      expect(await page.locator('.pathway-list .change-text', { hasText: newChange }).count()).toBe(0);
      await page.getByRole('button', { name: 'Revenir à la version actuelle' }).click();

      // 8. The one-page plan: a PDF of exactly one page.
      const planResponse = page.waitForResponse((r) => r.url().includes('/plan.pdf'));
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Télécharger le plan (PDF)' }).click();
      const response = await planResponse;
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain('application/pdf');
      const saved = await (await download).path();
      expect(pdfInfo(readFileSync(saved)).pages).toBe(1);

      // 9. The workshop canvas without wifi: the three horizons and the vision, one A3 landscape page.
      await page.getByRole('link', { name: 'Canevas d’atelier à imprimer (A3)' }).click();
      await page.getByRole('heading', { level: 1, name: 'Coéducation à Lysbourg' }).waitFor();
      for (const name of ['Court terme', 'Moyen terme', 'Long terme', 'Vision']) {
        await page.getByRole('heading', { level: 2, name }).waitFor();
      }
      expect(await seriousA11yViolations(page)).toEqual([]);
      const canvas = pdfInfo(await page.pdf({ preferCSSPageSize: true, printBackground: true }));
      expect(canvas.pages).toBe(1);
      expect(canvas.size).toMatch(/^119\d\.\d+ x 841\.\d+ pts \(A3\)/); // landscape: wider than tall

      expect(pageErrors(errors)).toEqual([]);
    });
    await context.close();
  }, 180_000);

  it('runs a workshop: a phone proposes a change by horizon, the facilitator accepts it into the pathway', async () => {
    expect(pathwayUrl, 'the first journey created the pathway').toBeDefined();
    const { page, errors, context } = await newContext(browser, desktop);
    const proposal = 'Les familles organisent une fête de quartier avec les écoles';
    await withScreenshot(page, 'pathways-workshop', async () => {
      await logInAs(page, server.url, '/animation');
      await page.getByRole('heading', { name: 'Ouvrir une salle' }).waitFor();
      await page.getByLabel('Titre de la salle').fill('Atelier coéducation');
      await page.getByRole('button', { name: 'Ouvrir la salle' }).click();
      const code = ((await page.getByText(/Code de la salle : [A-Z0-9]{6}/).textContent()) ?? '').replace(/.*: /, '').trim();
      await page.getByLabel('Type d’activité').selectOption('pathway');
      await page.getByLabel('Consigne ou question').fill('Quels changements voyez-vous ?');
      await page.getByRole('button', { name: 'Ajouter une activité' }).click();
      await page.locator('li', { hasText: 'Quels changements voyez-vous ?' }).getByRole('button', { name: 'Lancer', exact: true }).click();

      // A phone joins by the code and proposes a medium-term change.
      const phoneContext = await newContext(browser, phone);
      const p = phoneContext.page;
      await p.goto(`${server.url}/j/${code}`);
      await p.getByLabel('Votre nom').fill('Rose');
      await p.getByLabel('Votre structure').selectOption('association');
      await p.getByRole('button', { name: 'Rejoindre' }).click();
      await p.getByLabel('Horizon', { exact: true }).selectOption({ label: 'Moyen terme' });
      await p.getByLabel('Le changement que vous proposez').fill(proposal);
      await p.getByRole('button', { name: 'Proposer' }).click();
      expect(pageErrors(phoneContext.errors)).toEqual([]);
      await phoneContext.context.close();

      // The console accepts it into the pathway, and says so.
      const workshop = page.locator('.pathway-workshop-console');
      await workshop.getByLabel('Chemin que l’atelier alimente').selectOption({ label: 'Coéducation à Lysbourg — Lysbourg' });
      await workshop.getByRole('button', { name: `Accepter : ${proposal}` }).click();
      await workshop.getByText('✔ Acceptée : ajoutée au chemin.').waitFor();

      await page.goto(pathwayUrl);
      await page.getByRole('button', { name: 'Liste', exact: true }).click();
      await page.locator('.pathway-list .change-item', { hasText: proposal }).getByText('Non relié à la vision').waitFor();
      expect(pageErrors(errors)).toEqual([]);
    });
    await context.close();
  }, 180_000);

  it('shows the list view at 390 px without sideways scrolling, and it passes axe', async () => {
    expect(pathwayUrl, 'the first journey created the pathway').toBeDefined();
    const { page, errors, context } = await newContext(browser, phone);
    await withScreenshot(page, 'pathways-phone', async () => {
      await logInAs(page, server.url, new URL(pathwayUrl).pathname);
      await page.getByRole('heading', { level: 1, name: 'Coéducation à Lysbourg' }).waitFor();
      // Narrow screens open on the list.
      await page.locator('.pathway-list .change-text', { hasText: newChange }).waitFor();
      const overflow = await page.evaluate(() => {
        const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document
          .documentElement;
        return d.scrollWidth - d.clientWidth;
      });
      expect(overflow).toBeLessThanOrEqual(0);
      expect(await seriousA11yViolations(page)).toEqual([]);

      // The territory's page leads to its pathways.
      await page.goto(`${server.url}/territoires/lysbourg-chemins-e2e`);
      await page.getByRole('heading', { level: 2, name: 'Chemins de changement' }).waitFor();
      await page.getByRole('link', { name: 'Coéducation à Lysbourg' }).waitFor();
      expect(pageErrors(errors)).toEqual([]);
    });
    await context.close();
  }, 120_000);
});
