import { inflateSync } from 'node:zlib';
import { hash } from '@node-rs/argon2';
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

const password = 'mot de passe solide';

/** Decodes an 8-bit RGB/RGBA, non-interlaced PNG (what chromium's screenshots are) to RGBA pixels. */
function decodePng(png: Buffer): { width: number; height: number; pixels: Uint8Array } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const colourType = png[25];
  const channels = colourType === 6 ? 4 : 3;
  const chunks: Buffer[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    if (type === 'IDAT') chunks.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * channels;
  const out = new Uint8Array(width * height * 4);
  const prev = new Uint8Array(stride);
  const line = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x] as number;
      const a = x >= channels ? (line[x - channels] as number) : 0;
      const b = prev[x] as number;
      const c = x >= channels ? (prev[x - channels] as number) : 0;
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      line[x] = (v + [0, a, b, (a + b) >> 1, paeth][filter as number]!) & 255;
    }
    for (let x = 0; x < width; x++) {
      out.set([line[x * channels]!, line[x * channels + 1]!, line[x * channels + 2]!, 255], (y * width + x) * 4);
    }
    prev.set(line);
  }
  return { width, height, pixels: out };
}

/** How many pixels are close to an RGB colour. */
function countColour(png: Buffer, hex: string, tolerance = 40): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  const { pixels } = decodePng(png);
  let n = 0;
  for (let i = 0; i < pixels.length; i += 4) {
    if (Math.abs(pixels[i]! - r) + Math.abs(pixels[i + 1]! - g) + Math.abs(pixels[i + 2]! - b) < tolerance) n++;
  }
  return n;
}

/** Bytes as Windows-1252 writes these (Latin-1 range) characters. */
const cp1252 = (s: string) => Buffer.from([...s].map((c) => c.charCodeAt(0)));

describe.skipIf(!chromiumPath)('ecosystem journey in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let territoryId: string;
  let coordinatorId: string;
  beforeAll(async () => {
    const env = process.env.MAILLAGE_WEB_DIST ? { MAILLAGE_WEB_DIST: process.env.MAILLAGE_WEB_DIST } : {};
    [server, browser] = await Promise.all([startServer({ env }), launchBrowser()]);
    const db = server.store.db;
    const epci = await db
      .insertInto('territories')
      .values({
        kind: 'epci',
        name: 'Agglomération de Val-de-Lys (fictive)',
        slug: 'val-de-lys-eco-e2e',
        code: null,
        epci_type: null,
        population: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const commune = await db
      .insertInto('territories')
      .values({
        kind: 'commune',
        name: 'Lysbourg',
        slug: 'lysbourg-eco-e2e',
        code: 'E2E-ECO-1',
        epci_type: null,
        population: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('territory_parents').values({ territory_id: commune.id, parent_id: epci.id }).execute();
    territoryId = epci.id;
    await db
      .insertInto('users')
      .values({ email: 'admin@exemple.fr', display_name: 'Admin', password_hash: await hash(password), is_admin: true })
      .execute();
    const coordinator = await db
      .insertInto('users')
      .values({ email: 'cooperation@exemple.fr', display_name: 'Inès Coopération', password_hash: await hash(password) })
      .returning('id')
      .executeTakeFirstOrThrow();
    coordinatorId = coordinator.id;
    await db
      .insertInto('role_assignments')
      .values({ user_id: coordinator.id, role: 'coordinator', territory_id: epci.id, title: 'Chargée de coopération', created_by: null })
      .execute();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('imports a CSV, assesses a relation, sees it coloured on the map and in its history', async () => {
    const { page, errors, context } = await newContext(browser, desktop);
    await withScreenshot(page, 'ecosystem-journey', async () => {
      await page.goto(`${server.url}/connexion`);
      await page.getByLabel('Adresse e-mail').fill('cooperation@exemple.fr');
      await page.getByLabel('Mot de passe').fill(password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('link', { name: 'Écosystème' }).first().waitFor();

      // 1. Import: a Windows-1252 file with one bad line, then the corrected file.
      await page.goto(`${server.url}/ecosysteme/import?territoire=${territoryId}`);
      await page.getByRole('heading', { name: 'Importer un fichier CSV' }).waitFor();
      const bad =
        'Nom;Type;Commune;Thèmes\r\nCentre social La Passerelle;Centre social;Lysbourg;parentalité\r\nJardins partagés des Tilleuls;Fusée;;alimentation\r\n';
      await page.getByLabel('Fichier CSV').setInputFiles({ name: 'acteurs.csv', mimeType: 'text/csv', buffer: cp1252(bad) });
      await page.getByText(/1 ligne valide, 0 doublon probable, 1 erreur \(encodage windows-1252/).waitFor();
      await page.getByRole('cell', { name: /type « Fusée » inconnu/ }).waitFor();
      expect(await page.getByRole('button', { name: /^Importer/ }).count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      const good = bad.replace('Fusée', 'Association');
      await page.getByLabel('Fichier CSV').setInputFiles({ name: 'acteurs.csv', mimeType: 'text/csv', buffer: cp1252(good) });
      await page.getByRole('button', { name: 'Importer 2 lignes' }).click();
      await page.getByText('2 fiches créées, 0 doublon laissé de côté.').waitFor();

      // 2. The directory finds it despite a typo, and opens its page.
      await page.getByRole('link', { name: 'Annuaire' }).click();
      await page.getByLabel('Rechercher').fill('pasrelle');
      await page.getByRole('link', { name: 'Centre social La Passerelle' }).click();
      await page.getByRole('heading', { name: 'Centre social La Passerelle', level: 1 }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      // 3. Assess the relation with the Jardins twice: an old level, then today's.
      const assess = async (level: string, date: string | null, note: string) => {
        await page.getByLabel('Organisation partenaire', { exact: true }).first().fill('jardins');
        await page.locator('#assess-partner option', { hasText: 'Jardins partagés des Tilleuls' }).waitFor({ state: 'attached' });
        await page.locator('#assess-partner').selectOption({ label: 'Jardins partagés des Tilleuls' });
        await page.getByLabel('Niveau du continuum').selectOption({ label: level });
        if (date) await page.getByLabel('Date du constat').fill(date);
        await page.getByLabel('Note (facultative)').fill(note);
        await page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
        await page.getByText('Évaluation enregistrée : elle s’ajoute à l’historique.').waitFor();
      };
      await assess('3 · Communication', '2025-03-10', 'Premiers échanges');
      await assess('6 · Collaboration', new Date().toISOString().slice(0, 10), 'Projet commun sur l’alimentation');
      const history = page.getByRole('table', { name: 'Historique de la relation avec Jardins partagés des Tilleuls' });
      await history.waitFor();
      const rows = await history.locator('tbody tr').allInnerTexts();
      expect(rows).toHaveLength(2);
      expect(rows[0]).toContain('3 · Communication');
      expect(rows[0]).toContain('Premiers échanges');
      expect(rows[1]).toContain('6 · Collaboration');

      // 4. The map draws the relation in the level's colour, and as it stood before.
      await page.goto(`${server.url}/ecosysteme/carte?territoire=${territoryId}`);
      const map = page.getByTestId('eco-map');
      await page.waitForFunction(
        () =>
          (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('[data-rendered-ms]') !==
          null,
      );
      expect(await map.getAttribute('data-edges')).toBe('1');
      await page.waitForTimeout(300);
      const collaboration = '#2166ac';
      const communication = '#f4a582';
      const now = await map.screenshot();
      expect(countColour(now, collaboration)).toBeGreaterThan(30);
      expect(countColour(now, communication)).toBeLessThan(countColour(now, collaboration));
      await page.getByLabel('Choisir une organisation (au clavier)').selectOption({ label: 'Centre social La Passerelle' });
      await page.getByTestId('map-card').getByText('6 · Collaboration').waitFor();
      await map.evaluate((el) => el.removeAttribute('data-rendered-ms'));
      await page.getByLabel('Telle qu’elle était le').fill('2025-06-01');
      await page.getByText(/2 organisations, 1 relation au 1 juin 2025/).waitFor();
      await page.waitForFunction(
        () =>
          (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('[data-rendered-ms]') !==
          null,
      );
      await page.waitForTimeout(300);
      const before = await map.screenshot();
      expect(countColour(before, communication)).toBeGreaterThan(30);
      expect(countColour(before, collaboration)).toBeLessThan(countColour(before, communication));
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
    await context.close();
  });

  it('shows the dashboard on a phone, with the chart and its table', async () => {
    const { page, context } = await newContext(browser, phone);
    await withScreenshot(page, 'ecosystem-dashboard-phone', async () => {
      await page.goto(`${server.url}/connexion`);
      await page.getByLabel('Adresse e-mail').fill('cooperation@exemple.fr');
      await page.getByLabel('Mot de passe').fill(password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
      await page.goto(`${server.url}/ecosysteme/tableau-de-bord?territoire=${territoryId}`);
      await page.getByRole('table', { name: 'Relations par niveau aujourd’hui' }).waitFor();
      await page.getByRole('table', { name: 'Nombre de relations à chaque niveau, en fin de mois' }).waitFor();
      expect(await page.locator('svg.eco-chart rect').count()).toBeGreaterThan(0);
      const overflow = await page.evaluate(() => {
        const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document
          .documentElement;
        return d.scrollWidth - d.clientWidth;
      });
      expect(overflow).toBeLessThanOrEqual(1);
      expect(await seriousA11yViolations(page)).toEqual([]);
    });
    await context.close();
  });

  it('lets a person see, export and erase their own data', async () => {
    const person = await server.store.db
      .insertInto('people')
      .values({
        name: 'Inès Coopération',
        search_key: 'ines cooperation',
        function: 'Chargée de coopération',
        user_id: coordinatorId,
        email: 'ines@exemple.fr',
        phone: null,
        contact_consent: true,
        contact_consent_on: '2025-02-03',
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { page, errors, context } = await newContext(browser, desktop);
    await withScreenshot(page, 'ecosystem-person', async () => {
      await page.goto(`${server.url}/connexion`);
      await page.getByLabel('Adresse e-mail').fill('cooperation@exemple.fr');
      await page.getByLabel('Mot de passe').fill(password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
      await page.goto(`${server.url}/ecosysteme/personnes/${person.id}`);
      await page.getByRole('heading', { name: 'Inès Coopération', level: 1 }).waitFor();
      await page.getByText(/ines@exemple\.fr/).waitFor();
      await page.getByText(/consentement donné le 3 février 2025/).waitFor();
      const exported = await page.request.get(`${server.url}/api/ecosystem/people/${person.id}/export`);
      expect((await exported.json()).person.name).toBe('Inès Coopération');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Effacer mes données' }).click();
      await page.getByRole('button', { name: 'Oui, effacer' }).click();
      await page.getByText('Vos données ont été effacées.').waitFor();
      const row = await server.store.db.selectFrom('people').selectAll().where('id', '=', person.id).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ name: 'Personne effacée', email: null, user_id: null });
      expect(errors).toEqual([]);
    });
    await context.close();
  });
});
