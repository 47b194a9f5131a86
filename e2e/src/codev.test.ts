import { readFileSync } from 'node:fs';
import type { CodevRecordView } from '@maillage/core';
import { createCollectives } from '@maillage/db';
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

/** A territory, its facilitator, and a collective the session is held for. */
async function seed(server: RunningServer): Promise<{ collectiveId: string }> {
  const { territoryId } = await seedFacilitator(server, {
    territoryName: 'Communauté des Deux Vallées (fictive)',
    slug: 'deux-vallees-e2e-codev',
  });
  const [collectiveId] = await createCollectives(server.store.db, [
    {
      territoryId,
      name: 'Collectif des familles (fictif)',
      urgency: 'Les familles isolées',
      themes: ['Parentalité'],
      origin: null,
      members: [],
      createdBy: null,
    },
  ]);
  return { collectiveId: collectiveId as string };
}

/** The timer shows the step's full length, give or take the seconds already gone (no elapsed time asserted). */
const fullStep = (minutes: number) =>
  new RegExp(`^(${String(minutes).padStart(2, '0')}:00|${String(minutes - 1).padStart(2, '0')}:[0-5]\\d)$`);

describe.skipIf(!chromiumPath)('co-development session in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let collectiveId: string;
  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    ({ collectiveId } = await seed(server));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an animateur runs the six steps with their timer on a projector, the porteur and three contributors on phones; proposals are posted, the action plan is stored', {
    timeout: 300_000,
  }, async () => {
    const facilitator = await newContext(browser, desktop);
    const console_ = facilitator.page;
    await logIn(console_, server.url, 'animation@exemple.fr', password, '/animation');
    await console_.getByRole('heading', { name: 'Ouvrir une salle' }).waitFor();
    await console_.getByLabel('Titre de la salle').fill('Co-développement des Deux Vallées');
    await console_.getByRole('button', { name: 'Ouvrir la salle' }).click();
    const code = ((await console_.getByText(/Code de la salle : [A-Z0-9]{6}/).textContent()) ?? '').replace(/.*: /, '').trim();

    const projector = await newContext(browser, desktop);
    await projector.page.goto(`${server.url}/projecteur/${code}`);
    await projector.page.getByRole('heading', { name: 'Co-développement des Deux Vallées' }).waitFor();

    const names = ['Nadia', 'Alix', 'Bao', 'Cyan'] as const;
    const phones = [];
    for (const name of names) {
      const p = await newContext(browser, phone);
      await withScreenshot(p.page, `codev-join-${name}`, () => joinOnPhone(p.page, server.url, code, name, 'association'));
      phones.push(p);
    }
    type Phone = (typeof phones)[number];
    const [porteur, alix, bao, cyan] = phones as [Phone, Phone, Phone, Phone];
    await projector.page.getByText('4 participants').waitFor();

    // The animateur adds the session: a problem, the six steps, Nadia as porteur, for the collective.
    await withScreenshot(console_, 'codev-console-add', async () => {
      const form = console_.locator('form', { has: console_.getByRole('heading', { name: 'Ajouter une séance de co-développement' }) });
      await form.getByLabel('Titre de la séance (facultatif)').fill('Séance de Nadia');
      await form.getByLabel('Type de sujet').selectOption('probleme');
      await expect.poll(() => form.getByLabel('Porteur du sujet').locator('option', { hasText: 'Nadia' }).count()).toBe(1);
      await form.getByLabel('Porteur du sujet').selectOption({ label: 'Nadia' });
      await form.getByLabel('Collectif concerné (facultatif)').selectOption({ label: 'Collectif des familles (fictif)' });
      await form.getByRole('button', { name: 'Ajouter la séance' }).click();
      const session = console_.locator('li', { hasText: 'Séance de Nadia' });
      await session.getByRole('button', { name: 'Lancer', exact: true }).click();
      expect(await seriousA11yViolations(console_)).toEqual([]);
    });
    const session = console_.locator('li', { hasText: 'Séance de Nadia' });

    // Paper fallback: the step cards and the timer page print.
    const [cards] = await Promise.all([
      console_.waitForEvent('download'),
      session.getByRole('link', { name: 'Cartes des étapes et page du minuteur (PDF)' }).click(),
    ]);
    expect(
      readFileSync((await cards.path()) as string)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    await porteur.page.getByText('Vous êtes le porteur du sujet.').waitFor();
    await alix.page.getByText('Vous êtes contributeur.').waitFor();

    const steps = [
      ['Exposé', 10],
      ['Questions de clarification', 15],
      ['Contrat', 5],
      ['Consultation', 25],
      ['Synthèse et plan d’action', 15],
      ['Conclusion et apprentissages', 10],
    ] as const;
    const secret = 'Je crains la réaction de ma directrice';
    for (const [i, [label, minutes]] of steps.entries()) {
      await withScreenshot(console_, `codev-step-${i + 1}`, async () => {
        if (i > 0) await session.getByRole('button', { name: 'Étape suivante' }).click();
        await projector.page.getByRole('heading', { name: label, exact: true }).waitFor();
        await projector.page.getByText(`Étape ${i + 1} sur 6`).waitFor();
        await cyan.page.getByRole('heading', { name: label, exact: true }).waitFor();
        await session.getByRole('button', { name: 'Lancer le minuteur de l’étape' }).click();
        await session.getByRole('button', { name: 'Mettre en pause' }).waitFor();
        await projector.page
          .getByRole('timer')
          .filter({ hasText: fullStep(minutes) })
          .waitFor();
        await porteur.page
          .getByRole('timer')
          .filter({ hasText: fullStep(minutes) })
          .waitFor();
      });
      if (label === 'Exposé') {
        // Pause and resume the step's timer.
        await session.getByRole('button', { name: 'Mettre en pause' }).click();
        await session.getByText(/Minuteur en pause : \d\d:\d\d restantes\./).waitFor();
        await session.getByRole('button', { name: 'Reprendre le minuteur' }).click();
        await projector.page.getByRole('timer').waitFor();
        await withScreenshot(porteur.page, 'codev-porteur-subject', async () => {
          const subject = porteur.page.locator('form', { has: porteur.page.getByLabel('Mon sujet') });
          await subject.getByLabel('Mon sujet').fill('Les familles ne viennent plus aux ateliers du samedi');
          await subject.getByRole('button', { name: 'Enregistrer' }).click();
          await subject.getByText('Enregistré.').waitFor();
          const notes = porteur.page.locator('form', { has: porteur.page.getByLabel('Mes notes (visibles par moi seul)') });
          await notes.getByLabel('Mes notes (visibles par moi seul)').fill(secret);
          await notes.getByRole('button', { name: 'Enregistrer mes notes' }).click();
          await notes.getByText('Notes enregistrées.').waitFor();
          expect(await seriousA11yViolations(porteur.page)).toEqual([]);
        });
        await projector.page.getByText('Les familles ne viennent plus aux ateliers du samedi').waitFor();
      }
      if (label === 'Contrat') {
        const contract = porteur.page.locator('form', { has: porteur.page.getByLabel('Ma demande au groupe') });
        await contract.getByLabel('Ma demande au groupe').fill('Aidez-moi à recréer le lien avant la rentrée');
        await contract.getByRole('button', { name: 'Enregistrer' }).click();
        await projector.page.getByText('Aidez-moi à recréer le lien avant la rentrée').waitFor();
      }
      if (label === 'Consultation') {
        const proposals = [
          [alix, 'Aller à la sortie de l’école avec un café', false],
          [bao, 'Décaler l’atelier au mercredi après-midi', true],
          [cyan, 'Demander aux familles qui venaient ce qui a changé', false],
        ] as const;
        for (const [p, text, signed] of proposals) {
          await withScreenshot(p.page, 'codev-proposal', async () => {
            await p.page.getByLabel('Votre proposition').fill(text);
            if (signed) await p.page.getByRole('checkbox', { name: 'Signer avec mon nom' }).check();
            await p.page.getByRole('button', { name: 'Envoyer la proposition' }).click();
            await p.page.getByText('1 proposition envoyée.').waitFor();
          });
        }
        expect(await seriousA11yViolations(bao.page)).toEqual([]);
        await withScreenshot(projector.page, 'codev-projector-proposals', async () => {
          const list = projector.page.getByRole('list', { name: 'Propositions' });
          await expect.poll(() => list.getByRole('listitem').count()).toBe(3);
          await list.getByText('Décaler l’atelier au mercredi après-midi — Bao').waitFor();
          await list.getByText('Aller à la sortie de l’école avec un café — anonyme').waitFor();
          await list.getByText('Demander aux familles qui venaient ce qui a changé — anonyme').waitFor();
        });
        // The porteur listens: no proposal form on the porteur's phone.
        expect(await porteur.page.getByLabel('Votre proposition').count()).toBe(0);
      }
      if (label === 'Synthèse et plan d’action') {
        await withScreenshot(porteur.page, 'codev-porteur-plan', async () => {
          await porteur.page.getByLabel('Mon plan d’action').fill('Rencontrer cinq familles et tester un atelier le mercredi');
          await porteur.page.getByLabel('Date de suivi').fill('2027-01-15');
          await porteur.page.getByRole('button', { name: 'Enregistrer mon plan d’action' }).click();
          await projector.page.getByText('Rencontrer cinq familles et tester un atelier le mercredi').waitFor();
        });
      }
      if (label === 'Conclusion et apprentissages') {
        await alix.page.getByLabel('Ce que j’ai appris').fill('Écouter sans répondre, c’est utile');
        await alix.page.getByRole('button', { name: 'Partager' }).click();
        await projector.page.getByText('Écouter sans répondre, c’est utile').waitFor();
      }
    }
    expect(await seriousA11yViolations(projector.page)).toEqual([]);

    // The porteur's notes stayed on the porteur's phone.
    expect(await porteur.page.getByLabel('Mes notes (visibles par moi seul)').inputValue()).toBe(secret);
    for (const p of [projector, facilitator, alix, bao, cyan]) expect(await p.page.content()).not.toContain('directrice');

    await withScreenshot(console_, 'codev-close', async () => {
      await session.getByRole('button', { name: 'Clore la séance et garder le compte rendu' }).click();
      await session.getByText('Compte rendu enregistré.').waitFor();
    });

    // The record, read through the API as the animateur: linked to the collective, anonymous unless signed.
    const res = await facilitator.context.request.get(`${server.url}/api/collectives/${collectiveId}/codev`);
    expect(res.status()).toBe(200);
    const records = (await res.json()) as CodevRecordView[];
    expect(records).toHaveLength(1);
    const record = records[0] as CodevRecordView;
    expect(record).toMatchObject({
      collectiveId,
      subjectType: 'probleme',
      subject: 'Les familles ne viennent plus aux ateliers du samedi',
      contract: 'Aidez-moi à recréer le lien avant la rentrée',
      actionPlan: 'Rencontrer cinq familles et tester un atelier le mercredi',
      followUp: '2027-01-15',
      learnings: ['Écouter sans répondre, c’est utile'],
    });
    expect(record.proposals).toEqual([
      { text: 'Aller à la sortie de l’école avec un café', name: null },
      { text: 'Décaler l’atelier au mercredi après-midi', name: 'Bao' },
      { text: 'Demander aux familles qui venaient ce qui a changé', name: null },
    ]);
    const stored = JSON.stringify(record);
    for (const hidden of ['Alix', 'Cyan', 'Nadia', 'directrice']) expect(stored).not.toContain(hidden);

    for (const p of [facilitator, projector, ...phones]) {
      expect(p.errors).toEqual([]);
      await p.context.close();
    }
  });
});
