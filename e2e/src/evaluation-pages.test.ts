import { readFileSync } from 'node:fs';
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

const scrollWidth = (page: Page) =>
  page.evaluate(
    () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth,
  );

/** A measurements file as a French spreadsheet saves it: Windows-1252, `;`, decimal comma. */
function windows1252(text: string): Buffer {
  const bytes = [...text].map((c) => {
    const code = c.codePointAt(0) as number;
    if (code < 0x100) return code;
    const cp1252: Record<string, number> = { '’': 0x92, '€': 0x80, '«': 0xab, '»': 0xbb };
    const mapped = cp1252[c];
    if (mapped === undefined) throw new Error(`not in Windows-1252: ${c}`);
    return mapped;
  });
  return Buffer.from(bytes);
}

describe.skipIf(!chromiumPath)('evaluation pages in chromium: import, dashboard, observed changes, continuum', () => {
  let server: RunningServer;
  let browser: Browser;
  let indicatorId: string;
  let changeText: string;
  beforeAll(async () => {
    const env = process.env.MAILLAGE_WEB_DIST ? { MAILLAGE_WEB_DIST: process.env.MAILLAGE_WEB_DIST } : {};
    [server, browser] = await Promise.all([startServer({ env }), launchBrowser()]);
    const db = server.store.db;
    const territory = await db
      .insertInto('territories')
      .values({
        kind: 'epci',
        name: 'Communauté des Coteaux',
        slug: 'coteaux-e2e',
        code: 'E2E-EV-2',
        epci_type: null,
        population: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const territoryId = territory.id;
    // An administrator exists: the app is past its first launch.
    await seedAdmin(server);
    const user = await db
      .insertInto('users')
      .values({ email: 'coordination@exemple.fr', display_name: 'Claire Coordination', password_hash: await hash(password) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('role_assignments')
      .values({ user_id: user.id, role: 'coordinator', territory_id: territoryId, title: null, created_by: null })
      .execute();
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
    const centre = await organisation('Maison des Coteaux');
    const elan = await organisation('Association Élan');
    const { page, context } = await newContext(browser, desktop);
    await logIn(page, server.url, 'coordination@exemple.fr', password, '/indicateurs');
    await page.getByRole('heading', { level: 1, name: 'Indicateurs' }).waitFor();
    const created = await call(page, 'POST', '/api/indicators', {
      territoryId,
      name: 'Jeunes accueillis',
      unit: 'jeunes',
      frequency: 'annuelle',
      baselineValue: 40,
      baselineYear: 2023,
      targetValue: 120,
      targetYear: 2027,
      firstPeriod: '2024',
      reporterIds: [centre, elan],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    indicatorId = created.body.id as string;
    const pathway = await call(page, 'POST', '/api/pathways', { title: 'Chemin des Coteaux', territoryId });
    expect(pathway.status, JSON.stringify(pathway.body)).toBe(201);
    changeText = 'Les structures jeunesse orientent ensemble';
    const change = await call(page, 'POST', `/api/pathways/${pathway.body.id as string}/changes`, { horizon: 'court', text: changeText });
    expect(change.status, JSON.stringify(change.body)).toBe(201);
    await context.close();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('imports a Windows-1252 CSV with decimal commas: the errors by line first, then the preview, then the value on the indicator', async () => {
    const { page, errors, context } = await newContext(browser, desktop);
    await withScreenshot(page, 'evaluation-pages-import', async () => {
      await logIn(page, server.url, 'coordination@exemple.fr', password, '/indicateurs');
      await page.getByRole('link', { name: 'Importer des mesures (CSV)' }).click();
      await page.getByRole('heading', { level: 1, name: 'Importer des mesures' }).waitFor();
      const file = page.getByLabel('Fichier CSV des mesures');

      // A wrong file: every problem is named by its line, nothing can be imported.
      await file.setInputFiles({
        name: 'mesures-fausses.csv',
        mimeType: 'text/csv',
        buffer: windows1252(
          'indicateur;période;valeur;organisation\nJeunes accueillis;2025;beaucoup;Maison des Coteaux\nJeunes accueillis;2025;3;Inconnue\n',
        ),
      });
      await page.getByRole('table', { name: 'Erreurs par ligne' }).waitFor();
      await page.getByRole('row', { name: /^2 valeur valeur non numérique : « beaucoup »/ }).waitFor();
      await page.getByRole('row', { name: /^3 organisation organisation inconnue ou non autorisée : « Inconnue »/ }).waitFor();
      await page.getByText('2 erreurs empêchent l’import').waitFor();
      expect(await page.getByRole('button', { name: /^Importer/ }).count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);

      // The right file: the preview lists the lines with the indicators' and partners' names.
      await file.setInputFiles({
        name: 'mesures-2025.csv',
        mimeType: 'text/csv',
        buffer: windows1252(
          'Indicateur;Période;Valeur;Organisation;Commentaire\nJeunes accueillis;2025;61,5;Maison des Coteaux;Bilan d’activité\nJeunes accueillis;2025;24;Association Élan;\n',
        ),
      });
      const preview = page.getByRole('table', { name: 'Lignes qui seront importées' });
      await preview.getByRole('row', { name: /^2 Jeunes accueillis Maison des Coteaux 2025 61,5/ }).waitFor();
      await preview.getByRole('row', { name: /^3 Jeunes accueillis Association Élan 2025 24/ }).waitFor();
      await page.getByText(/2 lignes valides.*encodage windows-1252/i).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Importer les 2 valeurs' }).click();
      await page.getByText('2 valeurs importées, dont 0 correction.').waitFor();

      // The values are on the indicator, the partner's in the table and the total under it.
      await page.getByRole('link', { name: 'Jeunes accueillis' }).click();
      await page.getByRole('heading', { level: 1, name: 'Jeunes accueillis' }).waitFor();
      expect(page.url()).toContain(`/indicateurs/${indicatorId}`);
      const row = page.getByRole('row', { name: /^2025/ });
      await row.getByRole('cell', { name: '61,5' }).first().waitFor();
      await row.getByRole('cell', { name: '85,5' }).waitFor();
      expect(errors).toEqual([]);
    });
    await context.close();
  }, 120_000);

  it('the dashboard shows the indicator against its target with its chart, which downloads as a PNG', async () => {
    const { page, errors, context } = await newContext(browser, desktop);
    await withScreenshot(page, 'evaluation-pages-dashboard', async () => {
      await logIn(page, server.url, 'coordination@exemple.fr', password, '/indicateurs');
      await page.getByRole('link', { name: 'Tableau de bord du territoire' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tableau de bord du territoire' }).waitFor();
      const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: 'Jeunes accueillis' }) });
      await card.getByRole('img', { name: /Graphique de l’indicateur « Jeunes accueillis »/ }).waitFor();
      await card.getByText('85,5 jeunes (2025)').waitFor();
      await card.getByText('120 jeunes (2027)').waitFor();
      // (85,5 − 40) / (120 − 40) of the way to the target.
      await card.getByText('57 %').waitFor();
      await card.getByRole('link', { name: 'Télécharger le graphique (SVG)' }).waitFor();
      const download = page.waitForEvent('download');
      await card.getByRole('button', { name: 'Télécharger en PNG' }).click();
      const png = await download;
      expect(png.suggestedFilename()).toBe('jeunes-accueillis.png');
      const bytes = readFileSync(await png.path());
      expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(bytes.readUInt32BE(16)).toBeGreaterThan(400);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
    await context.close();
  }, 120_000);

  it('records an observed change on a phone, sees it in the timeline and ties it to a pathway change', async () => {
    const { page, errors, context } = await newContext(browser, phone);
    await withScreenshot(page, 'evaluation-pages-observed', async () => {
      await logIn(page, server.url, 'coordination@exemple.fr', password, '/indicateurs/changements-observes');
      await page.getByRole('heading', { level: 1, name: 'Changements observés' }).waitFor();
      await page.getByText('Aucun changement observé noté pour l’instant.').waitFor();
      const form = page.getByRole('form', { name: 'Noter un changement observé' });
      // Nothing said: the server's errors in French under the fields.
      await form.getByRole('button', { name: 'Enregistrer le changement' }).click();
      await form.getByText('dites ce qui a changé').waitFor();
      await form.getByText('nommez l’acteur qui a changé, ou choisissez son organisation').waitFor();
      await form.getByLabel('Date de l’observation').fill('2026-03-12');
      await form.getByLabel('Qui a changé ?', { exact: true }).fill('Collège Jean Fictif');
      await form.getByLabel('Relation').check();
      await form.getByLabel('Qu’est-ce qui a changé ?').fill('Le collège invite les associations à ses conseils pédagogiques.');
      await form.getByLabel('Preuves').fill('Compte rendu du conseil du 12 mars');
      await form.getByRole('button', { name: 'Enregistrer le changement' }).click();
      await page.getByText('Changement observé enregistré : il apparaît dans la frise.').waitFor();
      const timeline = page.getByRole('region', { name: 'Frise des changements observés' });
      await timeline.getByRole('heading', { level: 3, name: /^Mars 2026 · 1 changement/ }).waitFor();
      const item = timeline.getByRole('listitem').filter({ hasText: 'Collège Jean Fictif' }).last();
      await item.getByText('Le collège invite les associations à ses conseils pédagogiques.').waitFor();
      await item.getByText('Rattacher à un changement d’un chemin').click();
      await item.getByLabel('Changement', { exact: true }).selectOption({ label: changeText });
      await item.getByRole('button', { name: 'Rattacher', exact: true }).click();
      await item.getByText(`Chemin des Coteaux — « ${changeText} »`).waitFor();
      // The period shown: nothing was observed after March.
      await page.getByLabel('Observés depuis le').fill('2026-04-01');
      await page.getByText('Aucun changement observé noté pour l’instant.').waitFor();
      await page.getByLabel('Observés depuis le').fill('2026-03-01');
      await item.getByText('Le collège invite les associations à ses conseils pédagogiques.').waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
      expect(await seriousA11yViolations(page)).toEqual([]);
      // The empty form sent on purpose is refused (400): chromium logs it as a failed load.
      expect(errors.filter((e) => !/status of 400\b/.test(e))).toEqual([]);
    });
    await context.close();
  }, 120_000);

  it('the continuum page answers "has cooperation moved since last year?" with its chart', async () => {
    const { page, errors, context } = await newContext(browser, phone);
    await withScreenshot(page, 'evaluation-pages-continuum', async () => {
      await logIn(page, server.url, 'coordination@exemple.fr', password, '/indicateurs');
      await page.getByRole('heading', { level: 1, name: 'Indicateurs' }).waitFor();
      const svg = page.waitForResponse((r) => r.url().includes('/api/barometer/continuum.svg'));
      await page.getByRole('link', { name: 'La coopération dans le temps' }).click();
      await page.getByRole('heading', { level: 1, name: 'La coopération dans le temps' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'La coopération a-t-elle bougé depuis l’an dernier ?' }).waitFor();
      await page.getByText(/^On ne peut pas encore le dire : aucune paire n’était évaluée le /).waitFor();
      expect((await svg).status()).toBe(200);
      await page.getByRole('img', { name: /Graphique en barres empilées : pour Communauté des Coteaux/ }).waitFor();
      await page.getByRole('table', { name: 'Nombre de paires à chaque niveau, par date' }).waitFor();
      await page.getByRole('button', { name: 'Télécharger en PNG' }).waitFor();
      // The distribution at another date: the two years before it.
      await page.getByLabel('Jusqu’au').fill('2025-12-31');
      await page.getByRole('heading', { level: 2, name: 'Répartition des niveaux du 31 décembre 2023 au 31 décembre 2025' }).waitFor();
      expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
    await context.close();
  }, 120_000);
});
