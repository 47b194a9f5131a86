import { createCollectives } from '@maillage/db';
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
  seriousA11yViolations,
  startServer,
  withScreenshot,
} from './harness';

/** Fictional participants; each answers every question with the same choice (0: passeur and nécessité, 3: rassembleur and plaisir). */
const people = [
  ['Capucine Ferrand', 'association', 0],
  ['Yanis Roumier', 'caf', 0],
  ['Odile Marchetti', 'collectivite', 3],
] as const;

/** Answers the twelve questions, one screen each, always with the same choice. */
async function answerQuiz(page: Page, choice: number): Promise<void> {
  for (let n = 1; n <= 12; n++) {
    await page.getByText(`Question ${n} sur 12`).waitFor();
    await page.getByRole('radio').nth(choice).check();
    await page.getByRole('button', { name: n === 12 ? 'Voir mon profil' : 'Suivante' }).click();
  }
}

const bar = (page: Page, key: string) => page.locator(`.live-projector .quiz-mix-bars li[data-key="${key}"]`);

describe.skipIf(!chromiumPath)('« Quel coopérateur je suis ? » in a live room, in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let territoryId: string;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    ({ territoryId } = await seedFacilitator(server, {
      territoryName: 'Communauté du Val d’Orge (fictive)',
      slug: 'val-orge-e2e-quiz',
      email: 'formation@exemple.fr',
      displayName: 'Awa Formatrice',
    }));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a facilitator launches the quiz, three phones answer and see their profile, the projector shows the distribution and no one’s answers', {
    timeout: 240_000,
  }, async () => {
    const facilitator = await newContext(browser, desktop);
    const console_ = facilitator.page;
    const code = await withScreenshot(console_, 'quiz-live-console-open', async () => {
      await logIn(console_, server.url, 'formation@exemple.fr', password, '/animation');
      await console_.getByRole('heading', { name: 'Ouvrir une salle' }).waitFor();
      await console_.getByLabel('Titre de la salle').fill('Formation à la coopération');
      await console_.getByRole('button', { name: 'Ouvrir la salle' }).click();
      const line = await console_.getByText(/Code de la salle : [A-Z0-9]{6}/).textContent();
      return (line ?? '').replace(/.*: /, '').trim();
    });
    expect(code).toMatch(/^[A-Z0-9]{6}$/);

    await withScreenshot(console_, 'quiz-live-console-add', async () => {
      await console_.getByLabel('Type d’activité').selectOption('quiz');
      // The quiz offers its own title.
      expect(await console_.getByLabel('Consigne ou question').inputValue()).toBe('Quel coopérateur je suis ?');
      await console_.getByRole('button', { name: 'Ajouter une activité' }).click();
      await console_.getByRole('heading', { name: 'Quel coopérateur je suis ?' }).waitFor();
    });

    const projector = await newContext(browser, desktop);
    await projector.page.goto(`${server.url}/projecteur/${code}`);
    await projector.page.getByRole('heading', { name: 'Formation à la coopération' }).waitFor();

    const phones = [];
    for (const [name, kind] of people) {
      const p = await newContext(browser, phone);
      await joinOnPhone(p.page, server.url, code, name, kind);
      phones.push(p);
    }
    await projector.page.getByText('3 participants').waitFor();

    await console_.locator('li', { hasText: 'Quel coopérateur je suis ?' }).getByRole('button', { name: 'Lancer' }).click();
    await projector.page.getByText('0 personne a répondu').waitFor();

    for (const [i, [, , choice]] of people.entries()) {
      const p = phones[i]!.page;
      await withScreenshot(p, `quiz-live-phone-${i + 1}`, async () => {
        await p.getByRole('heading', { name: 'Quel coopérateur je suis ?' }).waitFor();
        if (i === 0) expect(await seriousA11yViolations(p)).toEqual([]);
        await answerQuiz(p, choice);
        const profile = choice === 0 ? 'Passeur ou passeuse de liens' : 'Rassembleur ou rassembleuse';
        await p.getByRole('heading', { name: `Votre profil : ${profile}` }).waitFor();
        await p.getByRole('heading', { name: 'Ce qui vous motive à coopérer, par ordre' }).waitFor();
        const first = await p.locator('.quiz ol li').first().textContent();
        expect(first).toMatch(choice === 0 ? /Nécessité/ : /Plaisir/);
      });
    }
    expect(await seriousA11yViolations(phones[2]!.page)).toEqual([]);

    await withScreenshot(projector.page, 'quiz-live-projector', async () => {
      await projector.page.getByText('3 personnes ont répondu').waitFor();
      expect(await bar(projector.page, 'passeur').getAttribute('data-count')).toBe('2');
      expect(await bar(projector.page, 'rassembleur').getAttribute('data-count')).toBe('1');
      expect(await bar(projector.page, 'batisseur').getAttribute('data-count')).toBe('0');
      expect(await bar(projector.page, 'necessite').getAttribute('data-count')).toBe('2');
      expect(await bar(projector.page, 'plaisir').getAttribute('data-count')).toBe('1');
      await bar(projector.page, 'passeur').getByText('2 personnes').waitFor();
      // Counts only: no name, no one's profile text or answer.
      const text = (await projector.page.locator('body').textContent()) ?? '';
      for (const [name] of people) expect(text).not.toContain(name);
      expect(text).not.toContain('Votre profil');
      expect(text).not.toContain('saluez chacun');
      expect(await seriousA11yViolations(projector.page)).toEqual([]);
    });

    // A reload keeps the phone's result (the answers are in the room's log), and the person may keep it behind a link.
    const kept = phones[2]!.page;
    await kept.reload();
    await kept.getByRole('heading', { name: 'Votre profil : Rassembleur ou rassembleuse' }).waitFor();
    await kept.getByRole('button', { name: 'Garder mon résultat (un lien)' }).click();
    const link = kept.getByRole('link', { name: /\/quiz\// });
    await link.waitFor();
    await kept.goto(`${server.url}${await link.getAttribute('href')}`);
    await kept.getByRole('heading', { name: 'Votre profil : Rassembleur ou rassembleuse' }).waitFor();

    for (const p of [facilitator, projector, ...phones]) {
      expect(p.errors).toEqual([]);
      await p.context.close();
    }
  });

  it('a result shared with a collective shows in its mix as bars; the collective opens a barometer, gives its link, closes it and reads it', {
    timeout: 180_000,
  }, async () => {
    const [collectiveId] = await createCollectives(server.store.db, [
      { territoryId, name: 'Collectif des jardins partagés (fictif)', urgency: '', themes: [], origin: null, members: [], createdBy: null },
    ]);
    const desk = await newContext(browser, desktop);
    const page = desk.page;
    await logIn(page, server.url, 'formation@exemple.fr', password, '/quiz');
    await withScreenshot(page, 'quiz-share', async () => {
      await answerQuiz(page, 1);
      await page.getByRole('heading', { name: 'Votre profil : Bâtisseur ou bâtisseuse' }).waitFor();
      await page.getByLabel('Collectif', { exact: true }).selectOption({ label: 'Collectif des jardins partagés (fictif)' });
      await page.getByRole('button', { name: 'Partager', exact: true }).click();
      await page.getByText('Résultat partagé avec : Collectif des jardins partagés (fictif)').waitFor();
    });

    await withScreenshot(page, 'quiz-collective-evaluation', async () => {
      await page.goto(`${server.url}/collectifs/${collectiveId}#evaluation`);
      await page.getByRole('heading', { name: 'Le mélange des profils du collectif' }).waitFor();
      await page.getByText('1 personne a répondu').waitFor();
      const mix = page.locator('.quiz-mix-bars li');
      expect(await mix.and(page.locator('[data-key="batisseur"]')).getAttribute('data-count')).toBe('1');
      expect(await mix.and(page.locator('[data-key="passeur"]')).getAttribute('data-count')).toBe('0');
      expect(await mix.and(page.locator('[data-key="securite"]')).getAttribute('data-count')).toBe('1');
      expect(await seriousA11yViolations(page)).toEqual([]);
    });

    await withScreenshot(page, 'quiz-collective-barometer', async () => {
      await page.getByLabel('Titre du baromètre').fill('Baromètre de printemps');
      await page.getByRole('button', { name: 'Ouvrir le baromètre' }).click();
      await page.getByText(/Lien à partager aux membres : .*\/barometre\//).waitFor();
      await page.getByRole('button', { name: 'Clore « Baromètre de printemps »' }).click();
      await page.getByText(/· clos/).waitFor();
      expect(await page.getByText(/Lien à partager aux membres/).count()).toBe(0);
      await page.getByRole('link', { name: 'Baromètre de printemps' }).click();
      await page.getByRole('heading', { name: 'Baromètre de printemps', level: 1 }).waitFor();
    });
    expect(desk.errors).toEqual([]);
    await desk.context.close();
  });
});
