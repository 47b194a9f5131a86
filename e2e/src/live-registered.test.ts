import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { formatPersonalCode, personalCodeOf } from '@maillage/core';
import { type Browser, chromium } from 'playwright-core';
import QRCode from 'qrcode';
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
  seedFacilitator,
  seriousA11yViolations,
  startServer,
  withScreenshot,
} from './harness';

/** A facilitator of an EPCI, a cooperation day on it with a session, and two checked-in registrations. */
async function seed(server: RunningServer): Promise<{ badges: Record<'nadia' | 'olivier', string>; eventId: string }> {
  const db = server.store.db;
  const { territoryId } = await seedFacilitator(server, {
    territoryName: 'Agglomération des Deux Ponts (fictive)',
    slug: 'deux-ponts-e2e-roster',
  });
  const event = await db
    .insertInto('events')
    .values({
      slug: 'journee-deux-ponts',
      territory_id: territoryId,
      title: 'Journée des Deux Ponts',
      start_date: '2026-12-10',
      end_date: '2026-12-10',
      status: 'published',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('event_sessions')
    .values({ event_id: event.id, kind: 'mise_en_route', title: 'Mise en route', day: '2026-12-10', starts_at: '09:30', ends_at: '10:15' })
    .execute();
  const register = async (name: string) => {
    const badge = randomBytes(12).toString('base64url');
    await db
      .insertInto('event_registrations')
      .values({
        event_id: event.id,
        token_hash: randomBytes(16).toString('hex'),
        badge_code: badge,
        name,
        email: `${randomBytes(4).toString('hex')}@exemple.fr`,
        organisation_kind: 'association',
        consent_at: new Date(),
        status: 'confirmed',
        checked_in_at: new Date(),
      })
      .execute();
    return badge;
  };
  return { badges: { nadia: await register('Nadia Benyamina'), olivier: await register('Olivier Roux') }, eventId: event.id };
}

describe.skipIf(!chromiumPath)('registered participants in a live room, in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let badges: Record<'nadia' | 'olivier', string>;
  let eventId: string;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    ({ badges, eventId } = await seed(server));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a room linked to a day’s session recognises a registered person by name and personal code; the checked-in are added; the projector is full-screen', {
    timeout: 120_000,
  }, async () => {
    const facilitator = await newContext(browser, desktop);
    const console_ = facilitator.page;
    const code = await withScreenshot(console_, 'live-roster-open', async () => {
      await logIn(console_, server.url, 'animation@exemple.fr', password, '/animation');
      await console_.getByRole('heading', { name: 'Ouvrir une salle' }).waitFor();
      await console_.getByLabel('Titre de la salle').fill('Mise en route des Deux Ponts');
      await console_.getByLabel('Journée', { exact: true }).selectOption({ label: 'Journée des Deux Ponts — 10 décembre 2026' });
      await console_.getByLabel('Séquence de la journée').selectOption({ label: '09:30–10:15 · Mise en route' });
      await console_.getByRole('button', { name: 'Ouvrir la salle' }).click();
      const line = await console_.getByText(/Code de la salle : [A-Z0-9]{6}/).textContent();
      return (line ?? '').replace(/.*: /, '').trim();
    });
    expect(code).toMatch(/^[A-Z0-9]{6}$/);

    const { page: mobile, errors } = await newContext(browser, phone);
    await withScreenshot(mobile, 'live-roster-phone', async () => {
      await mobile.goto(`${server.url}/j/${code}`);
      await mobile.getByText('Je suis inscrit·e à la journée').click();
      await mobile.getByLabel('Nom sur votre badge').fill('nadia benyamina');
      expect(await seriousA11yViolations(mobile)).toEqual([]);
      // A wrong code first: the person reads why, and what they typed stays.
      await mobile.getByLabel('Code personnel').fill('AAA-AAA');
      await mobile.getByRole('button', { name: 'Entrer avec mon code' }).click();
      await mobile.getByText('Nous ne trouvons pas votre inscription').waitFor();
      expect(await mobile.getByLabel('Nom sur votre badge').inputValue()).toBe('nadia benyamina');
      await mobile.getByLabel('Code personnel').fill(formatPersonalCode(personalCodeOf(badges.nadia)).toLowerCase());
      await mobile.getByRole('button', { name: 'Entrer avec mon code' }).click();
      await mobile.getByText('Connecté à la salle').waitFor();
    });
    const linked = await server.store.db
      .selectFrom('live_participants')
      .select(['display_name', 'registration_id'])
      .where('display_name', '=', 'Nadia Benyamina')
      .executeTakeFirstOrThrow();
    expect(linked.registration_id).not.toBeNull();

    await withScreenshot(console_, 'live-roster-add', async () => {
      await console_.getByRole('button', { name: 'Ajouter les personnes émargées' }).click();
      await console_.getByText('1 personne ajoutée ; 1 était déjà dans la salle.').waitFor();
    });

    const projector = await newContext(browser, desktop);
    await withScreenshot(projector.page, 'live-roster-projector', async () => {
      await projector.page.goto(`${server.url}/projecteur/${code}`);
      await projector.page.getByText('2 participants').waitFor();
      // Full-screen: no site header, navigation or footer; still one main landmark.
      expect(await projector.page.locator('.site-header, .site-footer').count()).toBe(0);
      expect(await projector.page.getByRole('main').count()).toBe(1);
      expect(await seriousA11yViolations(projector.page)).toEqual([]);
    });
    expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
    await Promise.all([facilitator.context.close(), projector.context.close()]);

    // The day's page lists the room opened for its session, with a link to its console.
    const admin = await newContext(browser, desktop);
    await withScreenshot(admin.page, 'live-roster-day', async () => {
      await logIn(admin.page, server.url, 'admin@exemple.fr', password, `/journees/${eventId}/preparer`);
      const section = admin.page.getByRole('region', { name: 'Animation en direct' });
      await section.getByRole('link', { name: 'Mise en route des Deux Ponts' }).waitFor();
      await section.getByText(`code ${code}, séquence « Mise en route », 2 participants`).waitFor();
    });
    await admin.context.close();
  });

  it('a phone scans its badge with the camera (a fake camera filming the badge’s QR code); the page’s JS up front stays under 80 KB gzip', {
    timeout: 120_000,
  }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maillage-badge-'));
    const video = join(dir, 'badge.y4m');
    writeFileSync(video, badgeVideo(`maillage:badge:${badges.olivier}`));
    // A browser of its own: the camera is a fake device filming the file above.
    const cameraBrowser = await chromium.launch({
      executablePath: chromiumPath as string,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-video-capture=${video}`,
      ],
    });
    try {
      // The room the first journey opened, where Olivier was added as checked in.
      const code = (
        await server.store.db
          .selectFrom('live_rooms')
          .select('code')
          .where('title', '=', 'Mise en route des Deux Ponts')
          .executeTakeFirstOrThrow()
      ).code;
      const context = await cameraBrowser.newContext({ ...phone, permissions: ['camera'] });
      const page = await context.newPage();
      const scripts = new Map<string, Buffer>();
      page.on('response', async (res) => {
        if (res.url().endsWith('.js')) scripts.set(new URL(res.url()).pathname, await res.body().catch(() => Buffer.alloc(0)));
      });
      await withScreenshot(page, 'live-roster-scan', async () => {
        await page.goto(`${server.url}/j/${code}`);
        await page.getByText('Je suis inscrit·e à la journée').click();
        await page.getByRole('button', { name: 'Scanner mon badge' }).waitFor();
        const upFront = [...scripts.values()].reduce((n, body) => n + gzipSync(body, { level: 9 }).length, 0);
        console.log(`participant page JS up front: ${(upFront / 1024).toFixed(1)} KB gzip (${[...scripts.keys()].join(', ')})`);
        expect(upFront).toBeLessThan(80 * 1024);
        await page.getByRole('button', { name: 'Scanner mon badge' }).click();
        await page.getByText('Connecté à la salle').waitFor({ timeout: 30_000 });
        const decoder = [...scripts.keys()].some((f) => /jsQR/i.test(f)) ? 'jsQR, chargé à la demande' : 'BarcodeDetector du navigateur';
        console.log(`badge lu par : ${decoder}`);
      });
      const olivier = await server.store.db
        .selectFrom('live_participants')
        .select(['registration_id'])
        .where('display_name', '=', 'Olivier Roux')
        .execute();
      // Added by the facilitator earlier, then scanned: still one participant, now with a token of their own.
      expect(olivier).toHaveLength(1);
      expect(olivier[0]?.registration_id).not.toBeNull();
      await context.close();
    } finally {
      await cameraBrowser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A short Y4M video (what chromium's fake camera plays) of a QR code, black on white, centred. */
function badgeVideo(text: string): Buffer {
  const w = 640;
  const h = 480;
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const scale = 8;
  const size = modules.size * scale;
  const x0 = Math.floor((w - size) / 2);
  const y0 = Math.floor((h - size) / 2);
  const luma = Buffer.alloc(w * h, 235);
  for (let r = 0; r < modules.size; r++)
    for (let c = 0; c < modules.size; c++)
      if (modules.get(r, c))
        for (let y = 0; y < scale; y++)
          luma.fill(16, (y0 + r * scale + y) * w + x0 + c * scale, (y0 + r * scale + y) * w + x0 + (c + 1) * scale);
  const chroma = Buffer.alloc((w / 2) * (h / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${w} H${h} F10:1 Ip A1:1 C420jpeg\n`), frame, frame]);
}
