import { hash } from '@node-rs/argon2';
import { ecosystemRepo, insertProposal } from '@maillage/db';
import type { Browser } from 'playwright-core';
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
  startServer,
  withScreenshot,
} from './harness';

const password = 'mot de passe solide';

/**
 * Who edits an organisation (issue 16): a member of the territory who does not belong to the town
 * hall proposes a change to its record; the coordinator finds it among the territory's pending
 * proposals, reads before / after and accepts it; the record shows the change and the history
 * keeps the decision.
 */
describe.skipIf(!chromiumPath)('organisation proposals journey in chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let territoryId: string;
  let organisationId: string;
  let memberId: string;
  let communeId: string;
  beforeAll(async () => {
    const env = process.env.MAILLAGE_WEB_DIST ? { MAILLAGE_WEB_DIST: process.env.MAILLAGE_WEB_DIST } : {};
    [server, browser] = await Promise.all([startServer({ env }), launchBrowser()]);
    const db = server.store.db;
    const epci = await db
      .insertInto('territories')
      .values({
        kind: 'epci',
        name: 'Communauté de Brocéliande-Sud (fictive)',
        slug: 'broceliande-prop-e2e',
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
        name: 'Morvenn',
        slug: 'morvenn-prop-e2e',
        code: 'E2E-PROP-1',
        epci_type: null,
        population: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('territory_parents').values({ territory_id: commune.id, parent_id: epci.id }).execute();
    territoryId = epci.id;
    communeId = commune.id;
    const passwordHash = await hash(password);
    const [coordinator, member] = await Promise.all(
      [
        { email: 'cooperation@exemple.fr', display_name: 'Inès Coopération' },
        { email: 'benevole@exemple.fr', display_name: 'Yannick Bénévole' },
      ].map((u) =>
        db
          .insertInto('users')
          .values({ ...u, password_hash: passwordHash })
          .returning('id')
          .executeTakeFirstOrThrow(),
      ),
    );
    await db
      .insertInto('role_assignments')
      .values([
        { user_id: coordinator!.id, role: 'coordinator', territory_id: epci.id, title: 'Chargée de coopération', created_by: null },
        { user_id: member!.id, role: 'member', territory_id: epci.id, title: 'Bénévole', created_by: null },
      ])
      .execute();
    memberId = member!.id;
    organisationId = await ecosystemRepo(db).insertOrganisation(
      {
        name: 'Mairie de Morvenn',
        kind: 'collectivite',
        siren: null,
        siret: null,
        rna: null,
        communeId: commune.id,
        territoryIds: [commune.id],
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
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a member proposes a change, the coordinator accepts it, the organisation shows it', async () => {
    // 1. The member, on a phone: she may only propose.
    const asMember = await newContext(browser, phone);
    await withScreenshot(asMember.page, 'proposals-member', async () => {
      const page = asMember.page;
      await logIn(page, server.url, 'benevole@exemple.fr', password, `/ecosysteme/organisations/${organisationId}`);
      await page.getByRole('heading', { name: 'Mairie de Morvenn', level: 1 }).waitFor();
      expect(await page.getByRole('link', { name: 'Modifier la fiche' }).count()).toBe(0);
      await page.getByRole('link', { name: 'Proposer une modification' }).click();
      await page.getByRole('heading', { name: 'Proposer une modification de « Mairie de Morvenn »', level: 1 }).waitFor();
      // The same form, prefilled.
      expect(await page.getByLabel('Nom', { exact: true }).inputValue()).toBe('Mairie de Morvenn');
      await page.getByLabel('Site web').fill('https://morvenn.exemple.fr');
      await page.getByLabel('Message pour qui décidera (facultatif)').fill('Vu sur le bulletin municipal');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Envoyer la proposition' }).click();
      await page
        .getByText(/^Votre proposition est en attente/)
        .first()
        .waitFor();
      // Nothing changed yet; the proposal is listed with its diff.
      expect(await page.getByRole('link', { name: 'https://morvenn.exemple.fr' }).count()).toBe(0);
      const diff = page.getByRole('table', { name: 'Modification proposée : avant / après' });
      await diff.getByRole('cell', { name: 'https://morvenn.exemple.fr' }).waitFor();
      expect(await page.getByRole('button', { name: 'Accepter' }).count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
    });
    expect(asMember.errors).toEqual([]);
    await asMember.context.close();

    // 2. The coordinator finds it among the territory's pending proposals and accepts it.
    const asCoordinator = await newContext(browser, desktop);
    await withScreenshot(asCoordinator.page, 'proposals-coordinator', async () => {
      const page = asCoordinator.page;
      await logIn(page, server.url, 'cooperation@exemple.fr', password, `/ecosysteme/tableau-de-bord?territoire=${territoryId}`);
      const pending = page.getByRole('region', { name: 'Propositions en attente' });
      await pending.getByText(/Site web — proposé par Yannick Bénévole/).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await pending.getByRole('link', { name: 'Mairie de Morvenn' }).click();
      await page.getByRole('heading', { name: 'Mairie de Morvenn', level: 1 }).waitFor();
      const diff = page.getByRole('table', { name: 'Modification proposée : avant / après' });
      await diff.getByRole('row', { name: /Site web\s+—\s+https:\/\/morvenn\.exemple\.fr/ }).waitFor();
      await page.getByText('Vu sur le bulletin municipal').waitFor();
      await page.getByLabel('Note pour l’auteur (facultative)').fill('Merci, c’est à jour');
      await page.getByRole('button', { name: 'Accepter' }).click();
      // The record shows the change; the history keeps the decision.
      await page.getByRole('link', { name: 'https://morvenn.exemple.fr' }).waitFor();
      const history = page.getByRole('region', { name: 'Historique des propositions' });
      await history.getByText(/Acceptée · .* · Inès Coopération/).waitFor();
      expect(await page.getByRole('heading', { name: 'Propositions de modification en attente' }).isVisible()).toBe(true);
      await page.getByText('Aucune proposition en attente.').waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);

      // Another proposal of hers, refused with a note: kept in the history, the record unchanged.
      await insertProposal(
        server.store.db,
        {
          organisationId,
          territoryId: communeId,
          changes: { publicPhone: '02 99 00 00 00' },
          base: { publicPhone: null },
          baseVersion: 2,
          authorUserId: memberId,
          message: null,
        },
        null,
      );
      await page.reload();
      await page
        .getByRole('table', { name: 'Modification proposée : avant / après' })
        .getByRole('cell', { name: '02 99 00 00 00' })
        .waitFor();
      await page.getByLabel('Note pour l’auteur (facultative)').fill('Ce numéro est celui d’un élu');
      await page.getByRole('button', { name: 'Refuser' }).click();
      await history.getByText(/Refusée · .* · Inès Coopération/).waitFor();
      await page.getByText('Aucune proposition en attente.').waitFor();
      expect((await ecosystemRepo(server.store.db).getOrganisation(organisationId))?.publicPhone).toBeNull();
    });
    expect(asCoordinator.errors).toEqual([]);
    await asCoordinator.context.close();
  });
});
