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

describe.skipIf(!chromiumPath)('web shell in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sends a new instance to the first-run page, creates the administrator, and is accessible', async () => {
    const { page, errors, context } = await newContext(browser, desktop);
    await withScreenshot(page, 'shell-first-run', async () => {
      await page.goto(server.url);
      await page.getByRole('heading', { name: 'Premier lancement' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByLabel('Nom affiché').fill('Camille Admin');
      await page.getByLabel('Adresse e-mail').fill('camille@exemple.fr');
      await page.getByLabel('Mot de passe').fill('mot de passe solide');
      await page.getByRole('button', { name: 'Créer l’administrateur' }).click();
      await page.getByRole('heading', { name: 'Bonjour Camille Admin' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
    await context.close();
  });

  it('works on a phone-sized screen with the keyboard skip link, and switches to English', async () => {
    const { page, context } = await newContext(browser, phone);
    await withScreenshot(page, 'shell-phone', async () => {
      await page.goto(`${server.url}/connexion`);
      await page.getByRole('heading', { name: 'Connexion' }).waitFor();
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(
        () => (globalThis as unknown as { document: { activeElement: { textContent: string } } }).document.activeElement.textContent,
      );
      expect(focused).toBe('Aller au contenu');
      await page.getByLabel('Langue').selectOption('en');
      await page.getByRole('heading', { name: 'Log in' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
    });
    await context.close();
  });
});
