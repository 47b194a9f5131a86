import { randomBytes } from 'node:crypto';
import { joinCodeFrom } from '@maillage/core';
import { liveRepo } from '@maillage/db';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumPath,
  desktop,
  joinOnPhone,
  launchBrowser,
  logIn,
  newContext,
  password,
  phone,
  type RunningServer,
  seedFacilitator,
  startServer,
  withScreenshot,
} from './harness';

const sizes = [
  { width: 1024, height: 768 },
  { width: 1366, height: 768 },
  { width: 1600, height: 900 },
  { width: 1920, height: 1080 },
] as const;

type Seeded = { code: string; roomId: string };

/** A room seeded straight into the store (before any screen opens it), with `count` participants. */
async function seedRoom(server: RunningServer, territoryId: string, title: string, count: number) {
  const repo = liveRepo(server.store.db);
  const room = await repo.createRoom({
    code: joinCodeFrom((n) => new Uint8Array(randomBytes(n))),
    title,
    territoryId,
    eventSessionId: null,
    createdBy: null,
  });
  if (room === 'code_taken') throw new Error('code collision');
  const people: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = await repo.createParticipant(room.id, {
      tokenHash: randomBytes(8).toString('hex'),
      name: `Personne fictive ${i + 1}`,
      organisationKind: 'association',
      territory: null,
    });
    people.push(p.participant.id);
  }
  return { room, people, repo };
}

/** Nothing of the current activity is outside the screen, and the page does not scroll. */
async function assertFits(page: Page, what: string, selector: string) {
  // Runs in the page (the e2e project has no DOM types): the document's scroll, each element's box.
  const report = (await page.evaluate(`(() => {
    const sel = ${JSON.stringify(selector)};
    const doc = document.documentElement;
    const out = [];
    if (doc.scrollHeight > window.innerHeight + 1) out.push('la page défile en hauteur (' + doc.scrollHeight + ' > ' + window.innerHeight + ')');
    if (doc.scrollWidth > window.innerWidth + 1) out.push('la page défile en largeur (' + doc.scrollWidth + ' > ' + window.innerWidth + ')');
    const items = [...document.querySelectorAll(sel)];
    if (items.length === 0) out.push('rien ne correspond à ' + sel);
    for (const el of items) {
      const r = el.getBoundingClientRect();
      if (r.top < -1 || r.left < -1 || r.bottom > window.innerHeight + 1 || r.right > window.innerWidth + 1)
        out.push((el.textContent || '').slice(0, 40) + ' hors de l’écran (' + [r.left, r.top, r.right, r.bottom].map(Math.round).join(',') + ')');
    }
    return { out, count: items.length };
  })()`)) as { out: string[]; count: number };
  expect(report.out, what).toEqual([]);
  return report.count;
}

describe.skipIf(!chromiumPath)('the room: projector, cloud, closed room, wrong code, phones', () => {
  let server: RunningServer;
  let browser: Browser;
  let territoryId: string;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    ({ territoryId } = await seedFacilitator(server, { territoryName: 'Agglomération du Val Fictif', slug: 'val-fictif-e2e-room' }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the projector fits 1024×768 to 1920×1080 without scrolling, before and during a world café, an idea wall, a cloud and a poll', {
    timeout: 300_000,
  }, async () => {
    const title = 'Journée de coopération du Val Fictif : ateliers de l’après-midi';
    const rooms: (Seeded & { what: string; selector: string })[] = [];

    const lobby = await seedRoom(server, territoryId, title, 3);
    rooms.push({
      code: lobby.room.code,
      roomId: lobby.room.id,
      what: 'accueil',
      selector: '.live-projector-head h1, .live-code, .live-qr',
    });

    const cafe = await seedRoom(server, territoryId, title, 12);
    const cafeId = crypto.randomUUID();
    const themes = ['Parentalité', 'Jeunesse', 'Emploi', 'Santé', 'Logement', 'Culture'];
    await cafe.repo.append(cafe.room.id, [
      {
        event: {
          type: 'activity.added',
          activityId: cafeId,
          kind: 'worldcafe',
          prompt: 'World café : que vous inspirent ces thèmes pour le quartier ?',
          tables: themes.map((theme, i) => ({ id: `t${i + 1}`, theme, place: `Salle ${i + 1}, près des fenêtres` })),
          rounds: 3,
          minutes: 20,
        },
      },
      { event: { type: 'activity.started', activityId: cafeId } },
      {
        event: {
          type: 'cafe.hosts',
          activityId: cafeId,
          hosts: themes.map((_, i) => ({ table: `t${i + 1}`, participantId: cafe.people[i] as string })),
        },
      },
      { event: { type: 'cafe.round', activityId: cafeId, round: 0 } },
      ...themes.map((_, i) => ({
        event: {
          type: 'synthesis.written' as const,
          activityId: cafeId,
          table: `t${i + 1}`,
          round: 0,
          participantId: cafe.people[i] as string,
          text: 'Les habitants veulent des lieux pour se retrouver, des horaires adaptés et une information claire sur ce qui existe déjà.',
        },
      })),
    ]);
    rooms.push({
      code: cafe.room.code,
      roomId: cafe.room.id,
      what: 'world café',
      selector: '.live-prompt, .live-cafe-tables li, .live-synthesis',
    });

    const wall = await seedRoom(server, territoryId, title, 12);
    const wallId = crypto.randomUUID();
    await wall.repo.append(wall.room.id, [
      {
        event: {
          type: 'activity.added',
          activityId: wallId,
          kind: 'ideas',
          prompt: 'Labo d’idées : vos envies d’agir',
          options: ['Jeunesse', 'Santé'],
        },
      },
      { event: { type: 'activity.started', activityId: wallId } },
      ...Array.from({ length: 24 }, (_, i) => ({
        event: {
          type: 'idea.posted' as const,
          activityId: wallId,
          participantId: wall.people[i % 12] as string,
          theme: i % 2,
          text: `Idée ${i + 1} : un lieu ouvert le samedi pour les jeunes et les familles, avec une permanence partagée`,
        },
      })),
    ]);
    rooms.push({ code: wall.room.code, roomId: wall.room.id, what: 'mur d’idées', selector: '.live-prompt, .live-wall li' });

    const cloud = await seedRoom(server, territoryId, title, 30);
    const cloudId = crypto.randomUUID();
    const words = [
      'Confiance',
      'Écoute',
      'Temps',
      'Respect',
      'Partage',
      'Proximité',
      'Bienveillance',
      'Moyens',
      'Reconnaissance',
      'Engagement',
    ];
    await cloud.repo.append(cloud.room.id, [
      {
        event: {
          type: 'activity.added',
          activityId: cloudId,
          kind: 'keyword',
          prompt: 'Qu’est-ce qui rend la coopération possible ?',
          mode: 'person',
          wordsPerPerson: 3,
        },
      },
      { event: { type: 'activity.started', activityId: cloudId } },
      ...cloud.people.map((p, i) => ({
        // Confiance 10 times, Écoute 6, Temps 4, the others once or twice.
        event: {
          type: 'keyword.submitted' as const,
          activityId: cloudId,
          participantId: p,
          text: words[i < 10 ? 0 : i < 16 ? 1 : i < 20 ? 2 : 3 + ((i - 20) % 7)] as string,
        },
      })),
      ...cloud.people.slice(0, 20).map((p, i) => ({
        event: { type: 'keyword.submitted' as const, activityId: cloudId, participantId: p, text: `Mot rare ${i + 1}`, slot: 1 },
      })),
    ]);
    rooms.push({ code: cloud.room.code, roomId: cloud.room.id, what: 'nuage', selector: '.live-prompt, .live-cloud li' });

    const poll = await seedRoom(server, territoryId, title, 8);
    const pollId = crypto.randomUUID();
    const levels = ['Concurrence', 'Coexistence', 'Communication', 'Assistance', 'Coordination', 'Collaboration', 'Intégration'];
    await poll.repo.append(poll.room.id, [
      {
        event: {
          type: 'activity.added',
          activityId: pollId,
          kind: 'poll',
          prompt: 'Où en est notre coopération ?',
          pollKind: 'continuum',
          options: levels,
        },
      },
      { event: { type: 'activity.started', activityId: pollId } },
      ...poll.people.map((p, i) => ({ event: { type: 'vote.cast' as const, activityId: pollId, participantId: p, choices: [i % 7] } })),
    ]);
    rooms.push({ code: poll.room.code, roomId: poll.room.id, what: 'sondage', selector: '.live-prompt, .live-tally tr' });

    for (const size of sizes) {
      const screen = await newContext(browser, { ...desktop, viewport: size });
      for (const r of rooms) {
        await screen.page.goto(`${server.url}/projecteur/${r.code}`);
        await screen.page.getByRole('heading', { name: title }).waitFor();
        if (r.what === 'accueil') await screen.page.locator('.live-qr').waitFor();
        else
          await screen.page
            .locator(r.selector.split(', ').at(-1) as string)
            .first()
            .waitFor();
        const label = `${r.what} à ${size.width}×${size.height}`;
        const count = await withScreenshot(screen.page, `live-projector-${r.what.replace(/\W+/g, '-')}-${size.width}x${size.height}`, () =>
          assertFits(screen.page, label, r.selector),
        );
        if (r.what === 'world café') expect(count, label).toBeGreaterThanOrEqual(1 + 6 + 6);
        if (r.what === 'mur d’idées') expect(count, label).toBeGreaterThanOrEqual(1 + 24);
        if (r.what === 'sondage') expect(count, label).toBe(1 + 7);
        if (r.what !== 'accueil') {
          // Once an activity runs, the code and QR code are a corner: a small part of the screen.
          const qr = await screen.page.locator('.live-qr').boundingBox();
          expect(qr && qr.height * qr.width, label).toBeLessThan(size.height * size.width * 0.02);
          const stage = await screen.page.locator('.live-projector-stage').boundingBox();
          expect(stage?.height, label).toBeGreaterThan(size.height * 0.7);
        }
      }
      expect(screen.errors).toEqual([]);
      await screen.context.close();
    }

    // The cloud: sized by count, and stable as words arrive (from a phone asked for three words).
    const projector = await newContext(browser, { ...desktop, viewport: { width: 1366, height: 768 } });
    await projector.page.goto(`${server.url}/projecteur/${cloud.room.code}`);
    const list = projector.page.getByRole('list', { name: 'Qu’est-ce qui rend la coopération possible ?' });
    await list.getByText('Confiance (', { exact: false }).waitFor();
    type Boxes = Record<string, { x: number; y: number; size: string }>;
    const boxes = async () =>
      (await projector.page.evaluate(`Object.fromEntries([...document.querySelectorAll('.live-cloud li')].map((el) => {
        const r = el.getBoundingClientRect();
        return [el.firstChild.textContent, { x: Math.round(r.x), y: Math.round(r.y), size: getComputedStyle(el).fontSize }];
      }))`)) as Boxes;
    const before = await boxes();
    expect(Number.parseFloat(before.Confiance?.size ?? '0')).toBeGreaterThan(2 * Number.parseFloat(before['Mot rare 1']?.size ?? '99'));
    const p = await newContext(browser, phone);
    await joinOnPhone(p.page, server.url, cloud.room.code, 'Zoé');
    await withScreenshot(p.page, 'live-phone-three-words', async () => {
      await p.page.getByText('L’animation demande jusqu’à 3 mots : un par case.').waitFor();
      await p.page.getByLabel('Mot-clé 1').fill('Ouverture');
      await p.page.getByLabel('Mot-clé 2').fill('Patience');
      await p.page.getByLabel('Mot-clé 3').fill('Humour');
      expect(await p.page.getByLabel('Mot-clé 4').count()).toBe(0);
      await p.page.getByRole('button', { name: 'Envoyer' }).click();
      await p.page.getByText('Reçu : « Ouverture », « Patience », « Humour »', { exact: false }).waitFor();
    });
    for (const w of ['Ouverture', 'Patience', 'Humour']) await list.getByText(`${w} (1)`).waitFor();
    const after = await boxes();
    for (const [label, box] of Object.entries(before)) expect(after[label], `${label} n’a pas bougé`).toEqual(box);
    await assertFits(projector.page, 'nuage après les nouveaux mots', '.live-cloud li');
    for (const c of [projector, p]) {
      expect(c.errors).toEqual([]);
      await c.context.close();
    }
  });

  it('a wrong code is said before the form; a closed room shows closed in the console and on its join page; the phone puts the activity before the group card', {
    timeout: 180_000,
  }, async () => {
    const stranger = await newContext(browser, phone);
    await withScreenshot(stranger.page, 'live-join-wrong-code', async () => {
      await stranger.page.goto(`${server.url}/j/ZZZZ99`);
      await stranger.page.getByRole('heading', { name: 'Code ZZZZ99 inconnu' }).waitFor();
      await stranger.page.getByText('Aucune salle ne correspond à ce code').waitFor();
      expect(await stranger.page.getByLabel('Votre nom').count()).toBe(0);
    });

    const facilitator = await newContext(browser, desktop);
    const console_ = facilitator.page;
    await logIn(console_, server.url, 'animation@exemple.fr', password, '/animation');
    await console_.getByLabel('Titre de la salle').fill('Salle qui fermera');
    await console_.getByRole('button', { name: 'Ouvrir la salle' }).click();
    const codeLine = console_.getByText(/Code de la salle : [A-Z0-9]{6}/);
    const code = ((await codeLine.textContent()) ?? '').replace(/.*: /, '').trim();
    // Large enough to read out: the code at 32 px or more, the address beside it.
    expect(
      await codeLine.evaluate((el) =>
        Number.parseFloat((globalThis as unknown as { getComputedStyle(e: unknown): { fontSize: string } }).getComputedStyle(el).fontSize),
      ),
    ).toBeGreaterThanOrEqual(32);
    await console_.getByText(`Pour rejoindre : ${new URL(server.url).host}/j/${code}`).waitFor();

    for (const [kind, prompt] of [
      ['icebreaker', 'Mise en route'],
      ['keyword', 'Un mot pour la journée'],
    ] as const) {
      await console_.getByLabel('Type d’activité').selectOption(kind);
      await console_.getByLabel('Consigne ou question').fill(prompt);
      if (kind === 'keyword') await console_.getByLabel('Mots par personne (1 à 3)').fill('2');
      await console_.getByRole('button', { name: 'Ajouter une activité' }).click();
      await console_.getByRole('heading', { name: new RegExp(prompt) }).waitFor();
    }
    await console_.getByText('2 mots par personne').waitFor();

    const phones = [];
    for (const name of ['Inès', 'Malo']) {
      const ph = await newContext(browser, phone);
      await joinOnPhone(ph.page, server.url, code, name);
      phones.push(ph);
    }
    const icebreaker = console_.locator('li', { hasText: 'Mise en route' });
    await icebreaker.getByLabel('Personnes par groupe').fill('2');
    await icebreaker.getByRole('button', { name: 'Former les groupes' }).click();
    const ines = phones[0]!.page;
    await ines.getByText('Groupe 1').waitFor();
    await console_.locator('li', { hasText: 'Un mot pour la journée' }).getByRole('button', { name: 'Lancer' }).click();
    await withScreenshot(ines, 'live-phone-activity-first', async () => {
      const prompt = ines.getByRole('heading', { name: 'Un mot pour la journée' });
      await prompt.waitFor();
      const promptBox = await prompt.boundingBox();
      const groupBox = await ines.locator('.live-group').boundingBox();
      expect(promptBox && groupBox && promptBox.y < groupBox.y).toBe(true);
      // The answer is on the first screen of a 390×844 phone.
      const field = await ines.getByLabel('Mot-clé 1').boundingBox();
      expect(field && field.y + field.height).toBeLessThan(844);
    });

    await withScreenshot(console_, 'live-console-closed', async () => {
      await console_.getByRole('button', { name: /Clore la salle/ }).click();
      await console_.getByText(/Salle close/).waitFor();
      await console_.getByText('Plus rien ne se lance dans une salle close', { exact: false }).waitFor();
      for (const name of ['Lancer', 'Former les groupes', 'Lancer le minuteur', 'Ajouter une activité', 'Clore la salle']) {
        expect(await console_.getByRole('button', { name, exact: true }).count(), name).toBe(0);
      }
    });
    await withScreenshot(stranger.page, 'live-join-closed', async () => {
      await stranger.page.goto(`${server.url}/j/${code}`);
      await stranger.page.getByRole('heading', { name: 'Salle qui fermera : salle close' }).waitFor();
      await stranger.page.getByText('Cette salle est close : on ne peut plus la rejoindre', { exact: false }).waitFor();
      expect(await stranger.page.getByLabel('Votre nom').count()).toBe(0);
    });
    // The wrong code's 404 is the only error the browser logs.
    expect(stranger.errors.filter((e) => !e.includes('404'))).toEqual([]);
    for (const c of [facilitator, stranger, ...phones]) {
      if (c !== stranger) expect(c.errors).toEqual([]);
      await c.context.close();
    }
  });
});
