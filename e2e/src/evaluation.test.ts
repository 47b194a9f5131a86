import { ecosystemRepo } from '@maillage/db';
import { hash } from '@node-rs/argon2';
import type { Browser, Page } from 'playwright-core';
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
  startServer,
  withScreenshot,
} from './harness';

/** A JSON call from the logged-in page, with its CSRF header: how the world's coordinator sets things up. */
async function call(page: Page, method: string, url: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  return page.evaluate(
    async ([m, u, b]) => {
      const doc = (globalThis as unknown as { document: { cookie: string } }).document;
      const csrf = decodeURIComponent(/(?:^|;\s*)maillage_csrf=([^;]+)/.exec(doc.cookie)?.[1] ?? '');
      const res = await fetch(u as string, {
        method: m as string,
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, accept: 'application/json' },
        body: JSON.stringify(b),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    [method, url, body] as const,
  );
}

/** The refusals the journey provokes on purpose are logged by chromium as failed loads. */
const pageErrors = (errors: string[]) => errors.filter((e) => !/status of (400|409|422)\b/.test(e));

describe.skipIf(!chromiumPath)('evaluation journey in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let territoryId: string;
  let indicatorId: string;
  let runId: string;
  let runCode: string;
  beforeAll(async () => {
    const env = process.env.MAILLAGE_WEB_DIST ? { MAILLAGE_WEB_DIST: process.env.MAILLAGE_WEB_DIST } : {};
    [server, browser] = await Promise.all([startServer({ env }), launchBrowser()]);
    const db = server.store.db;
    const territory = await db
      .insertInto('territories')
      .values({
        kind: 'epci',
        name: 'Agglomération des mesures',
        slug: 'mesures-e2e',
        code: 'E2E-EV-1',
        epci_type: null,
        population: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    territoryId = territory.id;
    await seedAdmin(server);
    const people: Record<string, string> = {};
    for (const [email, name, role] of [
      ['coordination@exemple.fr', 'Claire Coordination', 'coordinator'],
      ['partenaire@exemple.fr', 'Paul Partenaire', 'member'],
    ] as const) {
      const user = await db
        .insertInto('users')
        .values({ email, display_name: name, password_hash: await hash(password) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .insertInto('role_assignments')
        .values({ user_id: user.id, role, territory_id: territoryId, title: null, created_by: null })
        .execute();
      people[email] = user.id;
    }
    const organisation = (name: string) =>
      ecosystemRepo(db).insertOrganisation(
        {
          name,
          kind: 'association',
          siren: null,
          siret: null,
          rna: null,
          communeId: null,
          territoryIds: [territoryId],
          themeIds: [],
          description: null,
          address: null,
          website: null,
          publicEmail: null,
          publicPhone: null,
        },
        null,
        null,
      );
    const centre = await organisation('Centre social des Tilleuls');
    const caf = await organisation('CAF de l’agglomération');
    // Paul works at the centre social: the ecosystem's person linked to his account.
    const person = await db
      .insertInto('people')
      .values({ name: 'Paul Partenaire', search_key: 'paul partenaire', user_id: people['partenaire@exemple.fr'] as string })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('person_organisations').values({ person_id: person.id, organisation_id: centre }).execute();
    // The coordinator defines the indicator and opens a barometer, through the API from a logged-in page.
    const { page, context } = await newContext(browser, desktop);
    await logIn(page, server.url, 'coordination@exemple.fr', password, '/indicateurs');
    await page.getByRole('heading', { level: 1, name: 'Indicateurs' }).waitFor();
    const created = await call(page, 'POST', '/api/indicators', {
      territoryId,
      name: 'Familles accompagnées',
      unit: 'familles',
      frequency: 'annuelle',
      baselineValue: 100,
      baselineYear: 2023,
      targetValue: 300,
      targetYear: 2027,
      firstPeriod: '2024',
      reporterIds: [centre, caf],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    indicatorId = created.body.id as string;
    const run = await call(page, 'POST', '/api/barometer/runs', {
      territoryId,
      collectiveId: null,
      title: 'Baromètre du partenariat 2026',
    });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    runId = run.body.id as string;
    runCode = run.body.code as string;
    await context.close();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a partner reports a value, with a decimal comma, and reads it in the table under the chart', async () => {
    const { page, errors, context } = await newContext(browser, desktop);
    await withScreenshot(page, 'evaluation-indicator', async () => {
      await logIn(page, server.url, 'partenaire@exemple.fr', password, '/indicateurs');
      await page.getByRole('heading', { level: 1, name: 'Indicateurs' }).waitFor();
      // What Paul owes: the periods over since 2024.
      await page.getByRole('heading', { level: 2, name: 'À renseigner' }).waitFor();
      const chart = page.waitForResponse((r) => r.url().endsWith(`/api/indicators/${indicatorId}/chart.svg`));
      await page.getByRole('link', { name: 'Familles accompagnées' }).first().click();
      await page.getByRole('heading', { level: 1, name: 'Familles accompagnées' }).waitFor();
      expect((await chart).status()).toBe(200);
      expect(await page.getByRole('img', { name: /Graphique de l’indicateur « Familles accompagnées »/ }).count()).toBe(1);

      // Errors in French under each field.
      const form = page.getByRole('form', { name: 'Renseigner une valeur' });
      await form.getByLabel('Période').fill('T3 2025');
      await form.getByLabel('Valeur (familles)').fill('beaucoup');
      await form.getByRole('button', { name: 'Enregistrer la valeur' }).click();
      await form.getByText('Période invalide. Une année, par exemple 2026.').waitFor();
      await form.getByText('Valeur invalide : un nombre, par exemple 12,5.').waitFor();

      await form.getByLabel('Période').fill('2025');
      await form.getByLabel('Valeur (familles)').fill('142,5');
      await form.getByLabel('Commentaire (facultatif)').fill('Chiffre du bilan annuel');
      const reloadedChart = page.waitForResponse((r) => r.url().endsWith('/chart.svg'));
      await form.getByRole('button', { name: 'Enregistrer la valeur' }).click();
      expect((await reloadedChart).status()).toBe(200);
      await page.getByText('Valeur enregistrée pour 2025 (version 1).').waitFor();
      const row = page.getByRole('row', { name: /^2025/ });
      await row.getByRole('cell', { name: '142,5' }).first().waitFor();

      // The history of the period: its versions.
      await page.getByRole('button', { name: 'Voir les versions' }).click();
      await page.getByText(/Version 1 : 142,5/).waitFor();

      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(pageErrors(errors)).toEqual([]);
    });
    await context.close();
  });

  it('three members answer the barometer on their phones; the results show each factor with its spread', async () => {
    for (const rating of [3, 4, 5]) {
      const { page, errors, context } = await newContext(browser, phone);
      await withScreenshot(page, `evaluation-barometer-${rating}`, async () => {
        await page.goto(`${server.url}/barometre/${runCode}`);
        await page.getByRole('heading', { level: 1, name: 'Baromètre du partenariat 2026' }).waitFor();
        const statements = page.locator('fieldset.barometer-statement');
        expect(await statements.count()).toBe(40);
        if (rating === 3) {
          // Keyboard: the first scale is a radio group the arrows move in.
          await statements.first().getByLabel('1 — pas du tout d’accord').check();
          await page.keyboard.press('ArrowDown');
          expect(await statements.first().getByLabel('2 — plutôt pas d’accord').isChecked()).toBe(true);
          expect(await seriousA11yViolations(page)).toEqual([]);
          const width = await page.evaluate(
            () =>
              (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
          );
          expect(width).toBeLessThanOrEqual(390);
        }
        for (let i = 0; i < 40; i++) {
          await statements
            .nth(i)
            .locator(`input[value="${i % 2 === 0 ? rating : Math.max(1, rating - 1)}"]`)
            .check();
        }
        await page.getByRole('button', { name: 'Envoyer mes réponses' }).click();
        await page.getByRole('heading', { level: 1, name: 'Merci ! Vos réponses sont enregistrées.' }).waitFor();
        expect(pageErrors(errors)).toEqual([]);
      });
      await context.close();
    }
    const { page, errors, context } = await newContext(browser, phone);
    await withScreenshot(page, 'evaluation-barometer-results', async () => {
      // From the indicators page, the territory's barometers lead to their results.
      await logIn(page, server.url, 'coordination@exemple.fr', password, '/indicateurs');
      await page.getByRole('heading', { level: 2, name: 'Baromètres de la coopération' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByRole('link', { name: 'Baromètre du partenariat 2026' }).click();
      expect(page.url()).toContain(`/barometre/resultats/${runId}`);
      await page.getByRole('heading', { level: 1, name: 'Baromètre du partenariat 2026' }).waitFor();
      await page.getByText('3 réponses').first().waitFor();
      await page.getByRole('columnheader', { name: 'Dispersion' }).waitFor();
      const rows = page.locator('tbody tr');
      expect(await rows.count()).toBe(20);
      await rows
        .first()
        .getByRole('cell', { name: /Point fort|À discuter|Point de vigilance/ })
        .waitFor();
      expect(pageErrors(errors)).toEqual([]);
    });
    await context.close();
  });

  it('a person takes the quiz on a phone and reads a profile', async () => {
    const { page, errors, context } = await newContext(browser, phone);
    await withScreenshot(page, 'evaluation-quiz', async () => {
      await page.goto(`${server.url}/quiz`);
      await page.getByRole('heading', { level: 1, name: 'Quel coopérateur je suis ?' }).waitFor();
      for (let n = 1; n <= 12; n++) {
        await page.getByText(`Question ${n} sur 12`).waitFor();
        await page
          .locator('.quiz-choices input[type="radio"]')
          .nth(n % 4)
          .check();
        await page.getByRole('button', { name: n === 12 ? 'Voir mon profil' : 'Suivante' }).click();
      }
      await page
        .getByRole('heading', { level: 2, name: /^Votre profil : / })
        .first()
        .waitFor();
      await page.getByRole('heading', { level: 2, name: 'Ce qui vous motive à coopérer, par ordre' }).waitFor();
      const quizWidth = await page.evaluate(
        () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
      );
      expect(quizWidth).toBeLessThanOrEqual(390);
      expect(await page.locator('.share-token a').getAttribute('href')).toMatch(/^\/quiz\/[\w-]{20,}$/);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(pageErrors(errors)).toEqual([]);
    });
    await context.close();
  });
});
