import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { hash } from '@node-rs/argon2';
import type { Browser } from 'playwright-core';
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
    await seedAdmin(server);
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
      // A template to fill in, which the import reads: a file named for its kind, with the columns' headers.
      const template = page.getByTestId('import-template');
      expect(await template.getAttribute('download')).toBe('modele-import-organisations.csv');
      const [download] = await Promise.all([page.waitForEvent('download'), template.click()]);
      expect(download.suggestedFilename()).toBe('modele-import-organisations.csv');
      const templateText = readFileSync(await download.path(), 'utf8');
      expect(templateText.split(/\r?\n/)[0]).toMatch(/^(\uFEFF)?Nom;Type;/);
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

      // 2. The import leads to what it created; the directory finds it despite a typo, and opens its page.
      await page.getByRole('link', { name: 'Voir ce qui a été importé' }).click();
      await page.getByRole('link', { name: 'Jardins partagés des Tilleuls' }).waitFor();
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
      // The second save's message reads as the first's: wait for its row, not for the message.
      await expect.poll(() => history.locator('tbody tr').count()).toBe(2);
      const rows = await history.locator('tbody tr').allInnerTexts();
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
      const collaboration = '#2166ac';
      const communication = '#f4a582';
      // Sigma draws the edge on its next frames: the picture is read again until it shows.
      let now: Buffer = Buffer.alloc(0);
      await expect.poll(async () => countColour((now = await map.screenshot()), collaboration)).toBeGreaterThan(30);
      expect(countColour(now, communication)).toBeLessThan(countColour(now, collaboration));
      const pick = page.getByLabel('Choisir une organisation (au clavier)');
      await pick.selectOption({ label: 'Centre social La Passerelle' });
      await page.getByTestId('map-card').getByText('6 · Collaboration').waitFor();
      // The organisation chosen from the keyboard list is highlighted on the map itself.
      const chosenId = await pick.inputValue();
      await expect.poll(() => map.getAttribute('data-highlighted')).toBe(chosenId);
      await map.evaluate((el) => el.removeAttribute('data-rendered-ms'));
      await page.getByLabel('Telle qu’elle était le').fill('2025-06-01');
      await page.getByText(/2 organisations, 1 relation au 1 juin 2025/).waitFor();
      await page.waitForFunction(
        () =>
          (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document.querySelector('[data-rendered-ms]') !==
          null,
      );
      let before: Buffer = Buffer.alloc(0);
      await expect.poll(async () => countColour((before = await map.screenshot()), communication)).toBeGreaterThan(30);
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

  it('fits the map on a 390 px phone, with every organisation labelled', async () => {
    const { page, context } = await newContext(browser, phone);
    await withScreenshot(page, 'ecosystem-map-phone', async () => {
      await page.goto(`${server.url}/connexion`);
      await page.getByLabel('Adresse e-mail').fill('cooperation@exemple.fr');
      await page.getByLabel('Mot de passe').fill(password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));
      await page.goto(`${server.url}/ecosysteme/carte?territoire=${territoryId}`);
      const map = page.getByTestId('eco-map');
      await page.locator('[data-rendered-ms]').waitFor();
      const viewport = page.viewportSize()?.width ?? 0;
      expect(viewport).toBe(390);
      const box = await map.boundingBox();
      expect(box?.width ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(viewport);
      const overflow = await page.evaluate(() => {
        const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document
          .documentElement;
        return d.scrollWidth - d.clientWidth;
      });
      expect(overflow).toBeLessThanOrEqual(1);
      // Two organisations far apart: both labelled (sigma alone left small, isolated ones bare).
      const nodes = Number(await map.getAttribute('data-nodes'));
      await expect.poll(async () => Number(await map.getAttribute('data-labels'))).toBe(nodes);
    });
    await context.close();
  });

  it('edits an organisation, adds a person who declares an acquaintance, adds a theme, and merges a duplicate', async () => {
    const db = server.store.db;
    const passerelle = await db
      .selectFrom('organisations')
      .select(['id', 'commune_id'])
      .where('name', '=', 'Centre social La Passerelle')
      .executeTakeFirstOrThrow();
    const bruno = await db
      .insertInto('people')
      .values({ name: 'Bruno Martin', search_key: 'bruno martin', function: 'Animateur', user_id: null, created_by: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('person_organisations').values({ person_id: bruno.id, organisation_id: passerelle.id }).execute();
    const { page, errors, context } = await newContext(browser, desktop);
    await withScreenshot(page, 'ecosystem-upkeep', async () => {
      await page.goto(`${server.url}/connexion`);
      await page.getByLabel('Adresse e-mail').fill('cooperation@exemple.fr');
      await page.getByLabel('Mot de passe').fill(password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/connexion'));

      // 1. Edit the card: a wrong web address is refused next to its field, which takes the focus.
      await page.goto(`${server.url}/ecosysteme/organisations/${passerelle.id}`);
      await page.getByRole('link', { name: 'Modifier la fiche' }).click();
      await page.getByRole('heading', { name: 'Modifier « Centre social La Passerelle »', level: 1 }).waitFor();
      expect(await page.getByLabel('Commune').inputValue()).toBe(passerelle.commune_id);
      const website = page.getByLabel('Site web');
      await website.fill('passerelle point fr');
      await page.getByLabel('Description (facultative)').fill('Accueil des familles, ateliers parents-enfants');
      await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
      await page.getByText('adresse web invalide').waitFor();
      expect(await website.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await website.getAttribute('aria-describedby')) ?? '';
      const errorId = describedBy.split(' ').find((id) => id.endsWith('-error'));
      expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe('adresse web invalide : elle commence par https:// ou http://');
      expect(await website.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement)).toBe(true);
      expect(await page.getByLabel('Description (facultative)').inputValue()).toBe('Accueil des familles, ateliers parents-enfants');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await website.fill('https://passerelle.exemple.fr');
      await page.keyboard.press('Enter');
      await page.getByText('Modifications enregistrées.').waitFor();
      await page.getByRole('link', { name: 'https://passerelle.exemple.fr' }).waitFor();
      await page.getByText('Accueil des familles, ateliers parents-enfants').waitFor();

      // 2. Add a person from the card; on her card, declare that she knows Bruno.
      await page.getByRole('link', { name: 'Ajouter une personne' }).click();
      await page.getByRole('heading', { name: 'Ajouter une personne', level: 1 }).waitFor();
      await page.getByLabel('Prénom et nom').fill('Awa Diallo');
      await page.getByLabel('Fonction').fill('Référente familles');
      await page.getByLabel('Courriel (facultatif)').fill('awa@exemple.fr');
      await page.getByRole('button', { name: 'Enregistrer la personne' }).click();
      // Without consent, contact details are refused, on the consent box.
      await page.getByText('des coordonnées ne peuvent être enregistrées qu’avec le consentement de la personne').waitFor();
      expect(await page.getByLabel(/a donné son accord/).getAttribute('aria-invalid')).toBe('true');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByLabel(/a donné son accord/).check();
      await page.getByRole('button', { name: 'Enregistrer la personne' }).click();
      await page.getByRole('heading', { name: 'Awa Diallo', level: 1 }).waitFor();
      await page.getByText('Aucune interconnaissance enregistrée.').waitFor();
      await page.getByLabel('Rechercher une personne').fill('bruno');
      await page.locator('#knows-person option', { hasText: 'Bruno Martin' }).waitFor({ state: 'attached' });
      await page.getByLabel('Personne connue').selectOption({ label: 'Bruno Martin (Centre social La Passerelle)' });
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await page.getByText('Enregistré : Awa Diallo connaît Bruno Martin.').waitFor();
      await page.getByRole('region', { name: 'Connaît' }).getByRole('link', { name: 'Bruno Martin' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      // 3. A duplicate created anyway, then a theme and the merge on the upkeep page.
      await page.goto(`${server.url}/ecosysteme/organisations/nouvelle?territoire=${territoryId}`);
      await page.getByLabel('Nom', { exact: true }).fill('Centre Social la Passerelle');
      await page.getByLabel('Type', { exact: true }).selectOption({ label: 'Centre social' });
      await page.getByLabel('Commune').selectOption({ value: passerelle.commune_id as string });
      await page.getByRole('button', { name: 'Enregistrer l’organisation' }).click();
      await page.getByRole('button', { name: 'Ce n’est pas la même : créer quand même' }).click();
      await page.getByRole('heading', { name: 'Centre Social la Passerelle', level: 1 }).waitFor();
      await page.getByRole('link', { name: 'Doublons et thèmes du territoire' }).click();
      await page.getByRole('heading', { name: 'Gestion de l’écosystème', level: 1 }).waitFor();
      await page.getByLabel('Nouveau thème').fill('Accès aux droits numériques');
      await page.getByRole('button', { name: 'Ajouter le thème' }).click();
      await page.getByText('Thème « Accès aux droits numériques » ajouté.').waitFor();
      await page.getByLabel('Nouveau thème').fill('accès aux droits numeriques');
      await page.getByRole('button', { name: 'Ajouter le thème' }).click();
      await page.getByText('Ce thème existe déjà pour ce territoire', { exact: false }).waitFor();
      await page.getByText('Même nom dans la même commune', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Fusionner…' }).click();
      // The card with the relation and the people is proposed as the one kept; the summary says what moves.
      expect(await page.getByRole('radio', { name: 'Centre social La Passerelle', exact: true }).isChecked()).toBe(true);
      await page.getByRole('radio', { name: 'Centre Social la Passerelle', exact: true }).check();
      await page.getByText('Les 2 personnes, 1 relation et 1 thème de « Centre social La Passerelle » passent à la fiche gardée').waitFor();
      await page.getByRole('radio', { name: 'Centre social La Passerelle', exact: true }).check();
      await page.getByText('« Centre Social la Passerelle » disparaît de l’annuaire').waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Fusionner « Centre Social la Passerelle » dans « Centre social La Passerelle »' }).focus();
      await page.keyboard.press('Enter');
      await page.getByText('« Centre Social la Passerelle » a été fusionnée dans « Centre social La Passerelle ».').waitFor();
      await page.getByText('Aucun doublon probable.').waitFor();
      const merged = await db
        .selectFrom('organisations')
        .select('merged_into')
        .where('name', '=', 'Centre Social la Passerelle')
        .executeTakeFirstOrThrow();
      expect(merged.merged_into).toBe(passerelle.id);
      // The browser logs the refusals the journey provoked on purpose (wrong address, contact
      // without consent; duplicate organisation, existing theme), and nothing else.
      expect(errors.map((e) => e.replace(/^Failed to load resource: the server responded with a status of (\d+).*$/, '$1')).sort()).toEqual(
        ['400', '400', '409', '409'],
      );
    });
    await context.close();
  }, 240_000);

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
