import { seedDemo } from '@maillage/db';
import type { Browser } from 'playwright-core';
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

describe.skipIf(!chromiumPath)('territories in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let coordinator: { email: string; password: string };
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const demo = await seedDemo(server.store.db);
    const account = demo.accounts.find((a) => a.email.startsWith('cooperation@'));
    if (!account) throw new Error('no demo coordinator');
    coordinator = account;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('finds Saint-Étienne without accents or hyphen and opens its page', async () => {
    const { page, errors, context } = await newContext(browser, desktop);
    await withScreenshot(page, 'territories-search', async () => {
      await page.goto(`${server.url}/territoires`);
      await page.getByRole('heading', { name: 'Territoires', level: 1 }).waitFor();
      await page.getByLabel('Rechercher un territoire').fill('saint etienne');
      const first = page.locator('.territory-results a').first();
      await page.getByRole('link', { name: 'Saint-Étienne (42)' }).waitFor();
      expect(await first.textContent()).toBe('Saint-Étienne (42)');
      await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/territoires? trouvés?/);
      expect(page.url()).toContain('q=saint+etienne');
      expect(await seriousA11yViolations(page)).toEqual([]);

      await page.getByRole('link', { name: 'Saint-Étienne (42)' }).click();
      await page.getByRole('heading', { name: 'Saint-Étienne', level: 1 }).waitFor();
      expect(page.url()).toMatch(/\/territoires\/saint-etienne-42$/);
      await page.getByRole('link', { name: 'Loire (42)' }).waitFor();
      await page.getByRole('link', { name: 'Saint-Étienne Métropole' }).waitFor();
      expect(await page.getByText('Commune', { exact: true }).count()).toBeGreaterThan(0);
      expect(await seriousA11yViolations(page)).toEqual([]);

      // Up to the metropole: its communes are listed.
      await page.getByRole('link', { name: 'Saint-Étienne Métropole' }).click();
      await page.getByRole('heading', { name: 'Saint-Étienne Métropole', level: 1 }).waitFor();
      await page.getByRole('heading', { name: /^Communes/, level: 2 }).waitFor();
      await page.getByRole('link', { name: 'Firminy (42)' }).waitFor();
      expect(errors).toEqual([]);
    });
    await context.close();
  });

  it('lets the coordinator of the agglomeration describe a quartier, on a phone', async () => {
    const { page, errors, context } = await newContext(browser, phone);
    await withScreenshot(page, 'territories-create', async () => {
      await page.goto(`${server.url}/territoires/nouveau`);
      await page.getByRole('heading', { name: 'Connexion' }).waitFor();
      await page.getByLabel('Adresse e-mail').fill(coordinator.email);
      await page.getByLabel('Mot de passe').fill(coordinator.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { name: 'Nouveau territoire' }).waitFor();

      // Submitting without a commune keeps what was typed and names the field at fault.
      await page.getByLabel('Nom').fill('Les Hauts de Lysbourg');
      await page.getByLabel('Type').selectOption('quartier');
      await page.getByRole('button', { name: 'Créer le territoire' }).click();
      await page.getByText('choisissez au moins une commune').waitFor();
      expect(await page.getByLabel('Nom').inputValue()).toBe('Les Hauts de Lysbourg');

      await page.getByLabel('Code officiel (facultatif)').fill('');
      const communes = page.getByLabel('Communes');
      await communes.fill('lysbou');
      await page.getByRole('option', { name: 'Lysbourg' }).waitFor();
      expect(await communes.getAttribute('aria-expanded')).toBe('true');
      expect(await seriousA11yViolations(page)).toEqual([]);
      // Keyboard: arrow down then Enter picks the first suggestion.
      await communes.press('ArrowDown');
      await communes.press('Enter');
      await page.getByRole('button', { name: 'Retirer Lysbourg' }).waitFor();
      await page.getByRole('button', { name: 'Créer le territoire' }).click();

      await page.getByRole('heading', { name: 'Les Hauts de Lysbourg', level: 1 }).waitFor();
      expect(page.url()).toMatch(/\/territoires\/les-hauts-de-lysbourg$/);
      await page.getByRole('link', { name: 'Lysbourg' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      // Renamed and extended to the second commune: same address, two communes.
      await page.getByRole('link', { name: 'Modifier ce territoire' }).click();
      await page.getByRole('heading', { name: 'Modifier le territoire' }).waitFor();
      expect(await page.getByLabel('Nom').inputValue()).toBe('Les Hauts de Lysbourg');
      await page.getByRole('button', { name: 'Retirer Lysbourg' }).waitFor();
      await page.getByLabel('Nom').fill('Les Hauts du Lys');
      await page.getByLabel('Communes').fill('bellerive');
      await page.getByRole('option', { name: 'Bellerive-sur-Lys' }).click();
      await page.getByRole('button', { name: 'Retirer Bellerive-sur-Lys' }).waitFor();
      await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
      await page.getByRole('heading', { name: 'Les Hauts du Lys', level: 1 }).waitFor();
      expect(page.url()).toMatch(/\/territoires\/les-hauts-de-lysbourg$/);
      await page.getByRole('link', { name: 'Bellerive-sur-Lys' }).waitFor();

      // The commune's page lists it among its quartiers.
      await page.getByRole('link', { name: 'Lysbourg', exact: true }).click();
      await page.getByRole('heading', { name: 'Lysbourg', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Les Hauts du Lys' }).waitFor();
      const stored = await server.store.db
        .selectFrom('territories')
        .select(['kind', 'created_by'])
        .where('slug', '=', 'les-hauts-de-lysbourg')
        .executeTakeFirstOrThrow();
      expect(stored.kind).toBe('quartier');
      expect(stored.created_by).not.toBeNull();
      const width = await page.evaluate(
        () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
      );
      expect(width).toBeLessThanOrEqual(390);
      // The one failed request is the deliberate submission without a commune.
      expect(errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    });
    await context.close();
  });

  it('shows the territories a coordinator holds a role on, on the home page', async () => {
    const { page, context } = await newContext(browser, desktop);
    await withScreenshot(page, 'territories-home', async () => {
      await page.goto(`${server.url}/connexion`);
      await page.getByLabel('Adresse e-mail').fill(coordinator.email);
      await page.getByLabel('Mot de passe').fill(coordinator.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { name: 'Mes territoires' }).waitFor();
      await page.getByRole('link', { name: 'Communauté d’agglomération du Val-de-Lys' }).click();
      await page.getByRole('heading', { name: 'Communauté d’agglomération du Val-de-Lys', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Bellerive-sur-Lys', exact: true }).waitFor();
      await page.getByRole('link', { name: 'Les Coteaux (Bellerive-sur-Lys, Lysbourg)' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
    });
    await context.close();
  });
});
