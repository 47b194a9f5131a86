import { execFileSync } from 'node:child_process';
import { seedDemo } from '@maillage/db';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumPath,
  desktop,
  launchBrowser,
  logIn,
  newContext,
  phone,
  type RunningServer,
  seriousA11yViolations,
  sidewaysOverflow,
  startServer,
} from './harness';

/**
 * The calls journey over the demo's AAP, as issue 15 asks: the coordinator opens the call; an
 * association member (Julien Roche, of the Centre social des Coteaux, lead structure of the
 * advanced collective) drafts an application from his collective (the action pre-filled), fills
 * the CERFA budget — unbalanced first: the page and the server say the gap in euros, and the deposit
 * is refused with the eligibility list — then balanced, attaches the RIB and the statutes (PDF bytes
 * built here) and deposits; two reviewers of different funders review it; the coordinator takes it
 * to the committee and votes line by line; the applicant sees « Accordé » with the amounts on a
 * 390 px phone and downloads the Dauphin PDF and the budget CSV.
 */

/** A file route fetched from the logged-in page: its status, content type and bytes (base64). */
async function fetchFile(page: Page, url: string): Promise<{ status: number; type: string; base64: string }> {
  return page.evaluate(async (u) => {
    const res = await fetch(u);
    const bytes = new Uint8Array(await res.arrayBuffer());
    let binary = '';
    for (const b of bytes) binary += String.fromCharCode(b);
    return { status: res.status, type: res.headers.get('content-type') ?? '', base64: btoa(binary) };
  }, url);
}

const hasPdftotext = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const expected = (errors: string[]) => errors.filter((e) => !/status of (400|403|409|422)\b/.test(e));

describe.skipIf(!chromiumPath)('calls for projects journey in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let accounts: Awaited<ReturnType<typeof seedDemo>>['accounts'];
  let callId: string;
  let applicationId: string;
  const account = (prefix: string) => {
    const a = accounts.find((x) => x.email.startsWith(prefix));
    if (!a) throw new Error(`no demo account ${prefix}`);
    return a;
  };
  beforeAll(async () => {
    const env = process.env.MAILLAGE_WEB_DIST ? { MAILLAGE_WEB_DIST: process.env.MAILLAGE_WEB_DIST } : {};
    [server, browser] = await Promise.all([startServer({ env }), launchBrowser()]);
    accounts = (await seedDemo(server.store.db)).accounts;
    const call = await server.store.db.selectFrom('calls').select('id').where('title', 'like', 'AAP %').executeTakeFirstOrThrow();
    callId = call.id;
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the coordinator opens the call: note de cadrage, tracks, the calendar as a timeline with today, co-funders; axe-clean', async () => {
    const { context, page, errors } = await newContext(browser, desktop);
    const coordinator = account('cooperation@');
    await logIn(page, server.url, coordinator.email, coordinator.password, '/appels');
    await page.getByRole('link', { name: /AAP \d{4}/ }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/AAP \d{4}/);
    await page.getByRole('heading', { name: 'Note de cadrage' }).waitFor();
    expect(await page.locator('.call-timeline .timeline-step').count()).toBe(7);
    expect(await page.locator('.call-timeline .timeline-today').count()).toBe(1);
    expect(await page.getByRole('cell', { name: /120\s000,00/ }).count()).toBe(1);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The team edits it: a priority and a step added, one referent removed, a co-funder added.
    await page.getByRole('button', { name: 'Modifier l’appel' }).click();
    const callForm = page.locator('form[aria-labelledby="edit-call-title"]');
    const priorities = callForm.getByRole('group', { name: 'Priorités' });
    const before = await priorities.getByRole('textbox').count();
    await priorities.getByRole('button', { name: 'Ajouter une priorité' }).click();
    await priorities.getByLabel(`Priorité ${before + 1}`).fill('Aller vers les jeunes adultes sans solution');
    const referents = callForm.getByRole('group', { name: 'Référents' });
    const referentCount = await referents.getByLabel('Nom du référent').count();
    await referents.getByRole('button', { name: 'Retirer' }).last().click();
    expect(await referents.getByLabel('Nom du référent').count()).toBe(referentCount - 1);
    const calendar = callForm.getByRole('group', { name: 'Calendrier' });
    await calendar.getByRole('button', { name: 'Ajouter une étape' }).click();
    await calendar.getByLabel('Libellé (facultatif)').last().fill('Réunion d’information des porteurs');
    await calendar.getByLabel('Ouverture').last().fill('2027-01-12');
    await calendar.getByLabel('Clôture').last().fill('2027-01-12');
    await callForm.getByRole('button', { name: 'Enregistrer l’appel' }).click();
    await callForm.getByText('Enregistré.').waitFor();
    const cofunders = page.locator('form[aria-labelledby="edit-cofunders-title"]');
    await cofunders.getByRole('button', { name: 'Ajouter un financeur' }).click();
    const added = cofunders.locator('fieldset.row-fields').last();
    await added.getByLabel('Type').selectOption({ label: 'Département' });
    await added.getByLabel('Financeur').fill('Département (fictif)');
    await added.getByLabel('Enveloppe (en euros)').fill('15 000,00');
    await cofunders.getByRole('button', { name: 'Enregistrer les financeurs' }).click();
    await cofunders.getByText('Enregistré.').waitFor();
    await page.getByRole('button', { name: 'Revenir à la présentation' }).click();
    await page.getByText('Aller vers les jeunes adultes sans solution').waitFor();
    expect(await page.locator('.call-timeline .timeline-step').count()).toBe(8);
    expect(await page.getByRole('cell', { name: /15\s000,00/ }).count()).toBe(1);
    expect(expected(errors)).toEqual([]);
    await context.close();
  }, 240_000);

  it('an association member drafts an application from her collective, is told the budget’s gap in euros, balances it, attaches the RIB and statutes, and deposits', async () => {
    const { context, page, errors } = await newContext(browser, desktop);
    const applicant = account('julien.roche@');
    await logIn(page, server.url, applicant.email, applicant.password, `/appels/${callId}`);
    await page.getByRole('button', { name: 'Déposer une demande' }).click();
    const form = page.locator('section.apply-form');
    await form.getByLabel('Collectif porteur (facultatif)').selectOption({ label: 'Parents en mouvement aux Coteaux' });
    await form.locator('select#apply-lead').selectOption({ label: 'Centre social des Coteaux' });
    const partners = form.getByRole('group', { name: 'Structures partenaires' }).getByRole('checkbox');
    // The collective's other structures are proposed as partners once the collective is read.
    await partners.first().waitFor();
    for (const box of await partners.all()) {
      const name = (await box.locator('xpath=..').textContent()) ?? '';
      if (name.includes('Jardins partagés')) await box.check();
      else await box.uncheck();
    }
    await form.getByRole('button', { name: 'Créer le brouillon' }).click();
    await page.waitForURL(/\/demandes\/[0-9a-f-]{36}$/);
    applicationId = page.url().split('/').at(-1) as string;
    await page.locator('.status-line', { hasText: 'Brouillon' }).waitFor();
    // The action comes pre-filled from the collective's sheet and pathway.
    const title = page.getByLabel('Intitulé de l’action');
    await expect.poll(() => title.inputValue()).toBe('Action du collectif Parents en mouvement aux Coteaux');
    expect(await page.getByLabel('Objectif 1').inputValue()).toMatch(/^Contribuer à ce changement/);
    const places = page.getByRole('group', { name: 'Territoires et QPV de l’action' });
    await places.getByRole('checkbox', { name: 'Les Coteaux' }).waitFor();
    for (const box of await places.getByRole('checkbox').all()) await box.uncheck();
    await places.getByRole('checkbox', { name: 'Les Coteaux' }).check();
    await page.getByRole('button', { name: 'Enregistrer l’action' }).click();
    await page.getByText('Action enregistrée.').waitFor();

    // The lead structure's budget, unbalanced: the page says the gap, the server refuses it with the gap.
    const grid = page.locator('form.budget:visible');
    const amount = (code: string) =>
      grid.locator('tr', { has: page.locator('td.budget-code', { hasText: new RegExp(`^${code}$`) }) }).locator('input.amount-input');
    const funder = (code: string) =>
      grid.locator('tr', { has: page.locator('td.budget-code', { hasText: new RegExp(`^${code}$`) }) }).getByRole('combobox');
    await amount('641').fill('3 000,00');
    await funder('74-ETAT').selectOption({ label: 'État – politique de la ville' });
    await amount('74-ETAT').fill('1 500,00');
    await funder('74-EPCI').selectOption({ label: 'Agglomération du Val-de-Lys' });
    await amount('74-EPCI').fill('1 000,00');
    await grid.getByText(/les charges dépassent les produits de 500,00\s€/).waitFor();
    await grid.getByRole('button', { name: 'Enregistrer le budget' }).click();
    await grid
      .getByRole('alert')
      .getByText(/de 500,00\s€/)
      .waitFor();
    // Depositing now is refused, the eligibility checks listed.
    await page.getByRole('button', { name: 'Déposer la demande' }).click();
    const refusal = page.locator('section[aria-labelledby="moves-title"]').getByRole('alert');
    await refusal.getByText(/conditions de l’appel/).waitFor();
    expect(await refusal.textContent()).toMatch(/aucune charge/);
    expect(await refusal.textContent()).toMatch(/Pièces manquantes/);
    expect(await page.locator('.status-line').textContent()).toContain('Brouillon');

    // Balanced: 500 € of donations; then the partner's budget.
    await amount('758').fill('500,00');
    await grid.getByText('Le budget est équilibré.').waitFor();
    await grid.getByRole('button', { name: 'Enregistrer le budget' }).click();
    await page.getByText('Budget enregistré.').waitFor();
    await page.getByRole('tab', { name: /Jardins partagés/ }).click();
    await amount('613').fill('500,00');
    await funder('74-ETAT').selectOption({ label: 'État – politique de la ville' });
    await amount('74-ETAT').fill('500,00');
    await grid.getByText('Le budget est équilibré.').waitFor();
    await grid.getByRole('button', { name: 'Enregistrer le budget' }).click();
    await page.getByText('Budget enregistré.').waitFor();

    // The RIB and the statutes, as PDF bytes.
    const pdf = (what: string) =>
      Buffer.from(
        `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%% ${what}\n%%EOF\n`,
      );
    for (const [kind, name] of [
      ['rib', 'rib-centre-social.pdf'],
      ['statuts', 'statuts-centre-social.pdf'],
    ] as const) {
      await page.getByLabel('Type de pièce').selectOption(kind);
      await page.getByLabel('Fichier', { exact: true }).setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf(kind) });
      await page.getByRole('button', { name, exact: true }).waitFor();
    }
    await page.getByText('Tout est prêt : la demande peut être déposée.').waitFor();
    await page.getByRole('button', { name: 'Déposer la demande' }).click();
    await page.locator('.status-line', { hasText: 'Déposé' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(expected(errors)).toEqual([]);
    await context.close();
  }, 400_000);

  it('two reviewers of different funders review it, the coordinator takes it to the committee and votes line by line', async () => {
    for (const [prefix, amount] of [
      ['instruction.etat@', '1 500,00'],
      ['instruction.agglo@', '800,00'],
    ] as const) {
      const { context, page } = await newContext(browser, desktop);
      const reviewer = account(prefix);
      await logIn(page, server.url, reviewer.email, reviewer.password, `/appels/${callId}/demandes/${applicationId}`);
      const form = page.locator('form.review-form');
      await form.waitFor();
      await form.getByLabel('Dossier complet').check();
      await form.getByLabel('Action éligible').check();
      await form.getByLabel('Avis', { exact: true }).selectOption('favorable');
      await form.getByLabel('Montant proposé (en euros)').fill(amount);
      await form.getByRole('button', { name: 'Enregistrer l’instruction' }).click();
      await page.getByText('Instruction enregistrée.').waitFor();
      await context.close();
    }
    const { context, page } = await newContext(browser, desktop);
    const coordinator = account('cooperation@');
    await logIn(page, server.url, coordinator.email, coordinator.password, `/appels/${callId}/demandes/${applicationId}`);
    for (const [button, status] of [
      ['Déclarer recevable', 'Recevable'],
      ['Mettre en instruction', 'En instruction'],
      ['Proposer au comité', 'Proposé au comité'],
    ] as const) {
      await page.getByRole('button', { name: button }).click();
      await page.locator('.status-line', { hasText: status }).waitFor();
    }
    await page.goto(`${server.url}/appels/${callId}/comite`);
    await page.getByRole('heading', { name: 'Totaux par financeur, face aux enveloppes' }).waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Voter sur « Action du collectif Parents en mouvement aux Coteaux »' }).click();
    const vote = page.locator('form.vote-form');
    const amounts = vote.getByLabel('Montant voté (en euros)');
    expect(await amounts.count()).toBe(2);
    // Pre-filled with the proposed amounts; the committee votes 1 800 € for the État line.
    expect(await amounts.nth(1).inputValue()).toBe('800,00');
    await amounts.first().fill('1 800,00');
    await vote.getByRole('button', { name: 'Enregistrer les décisions' }).click();
    await vote.waitFor({ state: 'detached' });
    await context.close();
  }, 400_000);

  it('the applicant sees « Accordé » with the amounts on a 390 px phone, and downloads the Dauphin PDF and the budget CSV', async () => {
    const { context, page, errors } = await newContext(browser, phone);
    const applicant = account('julien.roche@');
    await logIn(page, server.url, applicant.email, applicant.password, `/appels/${callId}/demandes/${applicationId}`);
    await page.getByRole('heading', { level: 1, name: 'Action du collectif Parents en mouvement aux Coteaux' }).waitFor();
    await page.locator('.status-line', { hasText: 'Accordé' }).waitFor();
    const funding = page.locator('section[aria-labelledby="funding-title"]');
    const row = (name: string) => funding.getByRole('row', { name: new RegExp(name) });
    expect(await row('État').textContent()).toMatch(/2\s000,00.*1\s500,00.*1\s800,00.*Accord/);
    expect(await row('Agglomération').textContent()).toMatch(/1\s000,00.*800,00.*800,00.*Accord/);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    const pdf = await fetchFile(page, `/api/calls/${callId}/applications/${applicationId}/dauphin.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toContain('application/pdf');
    if (hasPdftotext) {
      const text = execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(pdf.base64, 'base64') }).toString('utf8');
      expect(text.replace(/\s+/g, ' ')).toContain('Action du collectif Parents en mouvement aux Coteaux');
    }
    const csv = await fetchFile(page, `/api/calls/${callId}/applications/${applicationId}/budget.csv`);
    expect(csv.status).toBe(200);
    expect(csv.type).toContain('text/csv');
    const lines = Buffer.from(csv.base64, 'base64').toString('utf8');
    expect(lines).toContain('74-ETAT');
    expect(lines).toContain('758');
    expect(expected(errors)).toEqual([]);
    await context.close();
  }, 240_000);
});
