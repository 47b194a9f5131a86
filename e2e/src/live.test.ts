import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
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
  seriousA11yViolations,
  startServer,
  withScreenshot,
} from './harness';

describe.skipIf(!chromiumPath)('live facilitation in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    await seedFacilitator(server, { territoryName: 'Agglomération des Trois Rives (fictive)', slug: 'trois-rives-e2e-live' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a facilitator opens a room, three phones join, get groups and send keywords, the projector shows them merged', {
    timeout: 180_000,
  }, async () => {
    const facilitator = await newContext(browser, desktop);
    const console_ = facilitator.page;
    const code = await withScreenshot(console_, 'live-console-open', async () => {
      await logIn(console_, server.url, 'animation@exemple.fr', password, '/animation');
      await console_.getByRole('heading', { name: 'Ouvrir une salle' }).waitFor();
      await console_.getByLabel('Titre de la salle').fill('Journée de coopération des Trois Rives');
      await console_.getByRole('button', { name: 'Ouvrir la salle' }).click();
      const line = await console_.getByText(/Code de la salle : [A-Z0-9]{6}/).textContent();
      return (line ?? '').replace(/.*: /, '').trim();
    });
    expect(code).toMatch(/^[A-Z0-9]{6}$/);

    await withScreenshot(console_, 'live-console-activities', async () => {
      for (const [kind, prompt] of [
        ['icebreaker', 'Mise en route : les plus beaux exemples de coopération'],
        ['keyword', 'Qu’est-ce qui rend la coopération possible ?'],
      ] as const) {
        await console_.getByLabel('Type d’activité').selectOption(kind);
        await console_.getByLabel('Consigne ou question').fill(prompt);
        await console_.getByRole('button', { name: 'Ajouter une activité' }).click();
        await console_.getByRole('heading', { name: new RegExp(prompt.slice(0, 20)) }).waitFor();
      }
      expect(await seriousA11yViolations(console_)).toEqual([]);
    });

    const projector = await newContext(browser, desktop);
    await withScreenshot(projector.page, 'live-projector', async () => {
      await projector.page.goto(`${server.url}/projecteur/${code}`);
      await projector.page.getByRole('heading', { name: 'Journée de coopération des Trois Rives' }).waitFor();
      await projector.page.locator('.live-code', { hasText: code }).waitFor();
      const qr = projector.page.getByRole('img', { name: `QR code pour rejoindre la salle ${code}` });
      await qr.waitFor();
      expect(await qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    });

    const people = [
      ['Inès', 'association', 'Confiance'],
      ['Malo', 'caf', 'la confiance '],
      ['Yanis', 'collectivite', 'Écoute'],
    ] as const;
    const phones = [];
    for (const [name, kind] of people) {
      const p = await newContext(browser, phone);
      await withScreenshot(p.page, `live-phone-join-${name}`, () => joinOnPhone(p.page, server.url, code, name, kind));
      phones.push(p);
    }
    expect(await seriousA11yViolations(phones[0]!.page)).toEqual([]);
    await projector.page.getByText('3 participants').waitFor();

    await withScreenshot(console_, 'live-console-groups', async () => {
      const icebreaker = console_.locator('li', { hasText: 'Mise en route' });
      await icebreaker.getByLabel('Personnes par groupe').fill('3');
      await icebreaker.getByRole('button', { name: 'Former les groupes' }).click();
    });
    for (const p of phones) {
      await withScreenshot(p.page, 'live-phone-group', async () => {
        await p.page.getByText('Groupe 1').waitFor();
        await p.page.getByText('Rendez-vous : Panneau 1').waitFor();
      });
    }

    await console_.locator('li', { hasText: 'Qu’est-ce qui rend' }).getByRole('button', { name: 'Lancer' }).click();
    for (const [i, [, , word]] of people.entries()) {
      const p = phones[i]!.page;
      await withScreenshot(p, 'live-phone-keyword', async () => {
        await p.getByRole('heading', { name: 'Qu’est-ce qui rend la coopération possible ?' }).waitFor();
        await p.getByLabel('Votre mot-clé').fill(word);
        await p.getByRole('button', { name: 'Envoyer' }).click();
        await p.getByText(`Reçu : « ${word.trim()} »`).waitFor();
      });
    }
    expect(await seriousA11yViolations(phones[1]!.page)).toEqual([]);

    await withScreenshot(projector.page, 'live-projector-cloud', async () => {
      const cloud = projector.page.getByRole('list', { name: 'Qu’est-ce qui rend la coopération possible ?' });
      await cloud.getByText('Confiance (2)').waitFor();
      await cloud.getByText('Écoute (1)').waitFor();
      expect(await cloud.getByRole('listitem').count()).toBe(2);
    });

    // The facilitator merges the two words; the projector follows.
    await withScreenshot(console_, 'live-console-merge', async () => {
      const row = console_.getByRole('row', { name: /Écoute/ });
      await row.getByLabel('Fusionner « Écoute » avec').selectOption({ label: 'Confiance' });
      await row.getByRole('button', { name: 'Fusionner' }).click();
    });
    await projector.page.getByText('Confiance (3)').waitFor();

    // The cloud as an image: a real PNG, of the size drawn.
    await withScreenshot(console_, 'live-console-png', async () => {
      const [download] = await Promise.all([
        console_.waitForEvent('download'),
        console_.getByRole('button', { name: 'Exporter le nuage en image (PNG)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^nuage-.*\.png$/);
      const png = readFileSync((await download.path()) as string);
      expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
      expect(png.readUInt32BE(16)).toBeGreaterThan(400); // IHDR width
    });

    // Paper: the slips print, and a word written on a sheet is typed back into the cloud.
    await withScreenshot(console_, 'live-console-paper', async () => {
      const [slips] = await Promise.all([
        console_.waitForEvent('download'),
        console_.getByRole('link', { name: 'Fiches individuelles (PDF)' }).click(),
      ]);
      expect(
        readFileSync((await slips.path()) as string)
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      await console_.getByLabel('Mot-clé (ligne 1)').fill('Partage');
      await console_.getByRole('button', { name: 'Enregistrer les mots' }).click();
    });
    await projector.page.getByText('Partage (1)').waitFor();

    await console_.getByLabel('Durée (minutes)').fill('2');
    await console_.getByRole('button', { name: 'Lancer le minuteur' }).click();
    await projector.page
      .getByRole('timer')
      .filter({ hasText: /0[12]:\d\d/ })
      .waitFor();
    await phones[2]!.page
      .getByRole('timer')
      .filter({ hasText: /0[12]:\d\d/ })
      .waitFor();
    expect(await seriousA11yViolations(projector.page)).toEqual([]);

    for (const p of [facilitator, projector, ...phones]) {
      expect(p.errors).toEqual([]);
      await p.context.close();
    }
  });

  it('a world café with a host and rounds, an idea wall with a vote, and collectives that become records, then the room closes', {
    timeout: 240_000,
  }, async () => {
    const facilitator = await newContext(browser, desktop);
    const console_ = facilitator.page;
    await logIn(console_, server.url, 'animation@exemple.fr', password, '/animation');
    await console_.getByRole('heading', { name: 'Ouvrir une salle' }).waitFor();
    await console_.getByLabel('Titre de la salle').fill('Après-midi des collectifs');
    await console_.getByRole('button', { name: 'Ouvrir la salle' }).click();
    const code = ((await console_.getByText(/Code de la salle : [A-Z0-9]{6}/).textContent()) ?? '').replace(/.*: /, '').trim();

    const people = [
      ['Rose', 'association'],
      ['Karim', 'caf'],
      ['Léa', 'bailleur'],
      ['Omar', 'centre_social'],
    ] as const;
    const phones = [];
    for (const [name, kind] of people) {
      const p = await newContext(browser, phone);
      await joinOnPhone(p.page, server.url, code, name, kind);
      phones.push(p);
    }
    const [host, mover, voter] = phones as [(typeof phones)[number], (typeof phones)[number], (typeof phones)[number]];
    const projector = await newContext(browser, desktop);
    await projector.page.goto(`${server.url}/projecteur/${code}`);
    await projector.page.getByText('4 participants').waitFor();

    // World café: three themed tables, Rose hosts the first, two rounds.
    await withScreenshot(console_, 'live-console-cafe', async () => {
      await console_.getByLabel('Type d’activité').selectOption('worldcafe');
      await console_.getByLabel('Consigne ou question').fill('World café : que vous inspirent ces thèmes ?');
      await console_
        .getByLabel('Tables (une par ligne : thème | lieu)')
        .fill('Bien-être et parentalité | près des fenêtres\nJeunesse\nEmploi');
      await console_.getByLabel('Nombre de tours').fill('2');
      await console_.getByLabel('Minutes par tour').fill('5');
      await console_.getByRole('button', { name: 'Ajouter une activité' }).click();
      const cafe = console_.locator('li', { hasText: 'World café : que vous' });
      await cafe.getByLabel('Table 1 · Bien-être et parentalité').selectOption({ label: 'Rose' });
      await cafe.getByRole('button', { name: 'Planifier les rotations' }).click();
      await cafe.getByRole('table', { name: /Qui va à quelle table/ }).waitFor();
      await cafe.getByRole('button', { name: 'Lancer', exact: true }).click();
      await cafe.getByRole('button', { name: 'Lancer le tour 1' }).click();
      expect(await seriousA11yViolations(console_)).toEqual([]);
    });
    await withScreenshot(mover.page, 'live-phone-cafe', async () => {
      await mover.page.getByRole('heading', { name: 'Tour 1 : votre table' }).waitFor();
      await mover.page.getByText(/^Table [123]$/).waitFor();
      await mover.page.getByText(/Au tour 2 : table [123]/).waitFor();
      expect(await seriousA11yViolations(mover.page)).toEqual([]);
    });
    await withScreenshot(host.page, 'live-phone-host', async () => {
      await host.page.getByRole('heading', { name: 'Vous êtes l’hôte de la table 1' }).waitFor();
      await host.page.getByLabel('Synthèse de la table (tour 1)').fill('Les parents veulent des lieux pour se retrouver.');
      await host.page.getByRole('button', { name: 'Enregistrer la synthèse' }).click();
    });
    await projector.page.getByText('Les parents veulent des lieux pour se retrouver.').waitFor();
    await projector.page
      .getByRole('timer')
      .filter({ hasText: /0[45]:\d\d/ })
      .waitFor();

    // Idea wall: Karim posts, Léa votes, everyone sees the vote.
    await console_.getByLabel('Type d’activité').selectOption('ideas');
    await console_.getByLabel('Consigne ou question').fill('Labo d’idées : vos envies d’agir');
    await console_.getByLabel('Thèmes (un par ligne)').fill('Jeunesse\nSanté');
    await console_.getByRole('button', { name: 'Ajouter une activité' }).click();
    await console_.locator('li', { hasText: 'Labo d’idées' }).getByRole('button', { name: 'Lancer', exact: true }).click();
    await withScreenshot(mover.page, 'live-phone-idea', async () => {
      await mover.page.getByLabel('Thème', { exact: true }).selectOption({ label: 'Santé' });
      await mover.page.getByLabel('Votre idée').fill('Une maison de santé ouverte le samedi');
      await mover.page.getByRole('button', { name: 'Proposer' }).click();
      await mover.page.getByText(/1 idée proposée/).waitFor();
    });
    await withScreenshot(voter.page, 'live-phone-vote', async () => {
      const vote = voter.page.getByRole('button', { name: /Une maison de santé ouverte le samedi/ });
      await vote.click();
      await voter.page.getByRole('button', { name: /👍 1/, pressed: true }).waitFor();
    });
    await projector.page.getByText('Une maison de santé ouverte le samedi').waitFor();

    // Forming collectives: four urgencies, one collective proposed, accepted, stored, answered.
    await console_.getByLabel('Type d’activité').selectOption('collectives');
    await console_.getByLabel('Consigne ou question').fill('Quelle urgence partagez-vous ?');
    await console_.getByLabel('Thèmes (un par ligne)').fill('Parentalité\nSanté');
    await console_.getByRole('button', { name: 'Ajouter une activité' }).click();
    const forming = console_.locator('li', { hasText: 'Quelle urgence partagez-vous' });
    await forming.getByRole('button', { name: 'Lancer', exact: true }).click();
    for (const [i, p] of phones.entries()) {
      await p.page.getByLabel('L’urgence sur laquelle vous voulez agir').fill(`Les familles isolées du quartier (${i + 1})`);
      await p.page.getByRole('checkbox', { name: 'Parentalité' }).check();
      await p.page.getByRole('button', { name: 'Envoyer' }).click();
      await p.page.getByText(/Reçu : « Les familles isolées/).waitFor();
    }
    await withScreenshot(console_, 'live-console-urgencies', () => forming.getByText('4 urgences déclarées').waitFor());
    await forming.getByRole('button', { name: 'Proposer des collectifs' }).click();
    await withScreenshot(host.page, 'live-phone-collective', async () => {
      // Named from what brought it together (the shared theme and word), with the urgencies shown.
      await host.page.getByRole('heading', { name: 'Parentalité et familles' }).waitFor();
      await host.page.getByText('« Les familles isolées du quartier (2) »').waitFor();
      await projector.page.getByRole('heading', { name: 'Parentalité et familles' }).waitFor();
      // The urgencies that brought it together show on the projector too.
      await projector.page.getByText('« Les familles isolées du quartier (2) »').waitFor();
      // A member renames it from her phone; an empty name is refused in the app's words.
      await host.page.getByText('Renommer notre collectif').click();
      await host.page.getByLabel('Nouveau nom').fill(' ');
      await host.page.getByRole('button', { name: 'Renommer' }).click();
      await host.page.getByText('Le nom du collectif est vide : écrivez quelques mots.').waitFor();
      await host.page.getByLabel('Nouveau nom').fill('Familles du quartier');
      await host.page.getByRole('button', { name: 'Renommer' }).click();
      await host.page.getByRole('heading', { name: 'Familles du quartier' }).waitFor();
      await host.page.getByRole('button', { name: 'Je rejoins ce collectif' }).click();
      await host.page.getByText('Vous avez rejoint ce collectif.').waitFor();
    });
    await withScreenshot(console_, 'live-console-collectives', async () => {
      await forming.getByRole('button', { name: 'Enregistrer les collectifs dans maillage' }).click();
      await forming.getByRole('link', { name: 'Familles du quartier' }).click();
      await console_.getByRole('heading', { name: 'Familles du quartier', level: 1 }).waitFor();
      // The collective's page names its territory and links to the room it came from.
      await console_.getByText(/^Territoire : /).waitFor();
      await console_.getByRole('link', { name: /Formé dans la salle/ }).waitFor();
      await console_.getByText('Rose').first().waitFor();
      // The collective's workspace: its four guiding questions are one of its tabs.
      await console_.getByRole('tab', { name: 'Les quatre questions' }).click();
      const q4 = console_.getByLabel(/4\. Quels sont vos prochains petits pas/);
      await q4.fill('Se retrouver au centre social dans quinze jours.');
      await console_.getByRole('button', { name: 'Enregistrer la réponse' }).nth(3).click();
      await console_.getByText('Réponse enregistrée.').first().waitFor();
      expect(await seriousA11yViolations(console_)).toEqual([]);
    });
    await console_.goBack();
    await console_.getByRole('button', { name: /Clore la salle/ }).click();
    await console_.getByText(/Salle close/).waitFor();
    // Closed, the console still leads to each collective the room formed.
    await withScreenshot(console_, 'live-console-closed-collectives', async () => {
      const link = console_.getByRole('link', { name: 'Familles du quartier' });
      expect(await link.getAttribute('href')).toMatch(/^\/collectifs\/[0-9a-f-]{36}$/);
    });
    await voter.page.getByText('La salle est close : merci pour votre participation !').waitFor();
    // The projector says it too, and no longer shows how to join.
    await withScreenshot(projector.page, 'live-projector-closed', async () => {
      await projector.page.getByText('La salle est close : merci pour votre participation !').waitFor();
      expect(await projector.page.locator('.live-qr').count()).toBe(0);
      expect(await projector.page.getByText(`/j/${code}`, { exact: false }).count()).toBe(0);
    });

    for (const p of [facilitator, projector, ...phones]) {
      expect(p.errors).toEqual([]);
      await p.context.close();
    }
  });
});
