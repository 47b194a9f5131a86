import { acceptance, fail, type OrganisationFields } from '@maillage/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { ERASED_TEXT } from '../privacy/declaration';
import { erasePerson, exportPersonData } from '../privacy/personal-data';
import { availableTestStores, openTestStore } from '../testing';
import { acceptProposal, insertProposal, organisationFields, organisationProposals, pendingProposals, refuseProposal } from './proposals';
import { ecosystemRepo } from './repo';

describe.each(availableTestStores())('organisation proposals store on %s', (kind) => {
  let store: Store;
  let epci: string;
  let commune: string;
  let author: string;
  let decider: string;
  let n = 0;
  beforeAll(async () => {
    store = await openTestStore(kind);
    const territory = async (k: 'epci' | 'commune', name: string) =>
      (
        await store.db
          .insertInto('territories')
          .values({ kind: k, name, code: null, slug: `prop-${name.toLowerCase()}`, epci_type: null, population: null, created_by: null })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    epci = await territory('epci', 'Agglo-Brumes');
    commune = await territory('commune', 'Brumel');
    await store.db.insertInto('territory_parents').values({ territory_id: commune, parent_id: epci }).execute();
    const user = async (email: string, name: string) =>
      (
        await store.db
          .insertInto('users')
          .values({ email, display_name: name, password_hash: 'x' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    author = await user('auteure@exemple.fr', 'Maëlle Auteure');
    decider = await user('decideur@exemple.fr', 'Paul Décideur');
  });
  afterAll(async () => {
    await store?.close();
  });

  const organisation = () =>
    ecosystemRepo(store.db).insertOrganisation(
      {
        name: `Mairie de Brumel ${++n}`,
        kind: 'collectivite',
        siren: null,
        siret: null,
        rna: null,
        communeId: commune,
        territoryIds: [commune],
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

  const propose = (organisationId: string, website: string, baseVersion = 1) =>
    insertProposal(
      store.db,
      {
        organisationId,
        territoryId: commune,
        changes: { website },
        base: { website: null },
        baseVersion,
        authorUserId: author,
        message: 'Vu sur le bulletin',
      },
      { actorUserId: author, action: 'organisation.propose', entityType: 'organisation', entityId: organisationId },
    );

  const audits = async (organisationId: string) =>
    (await store.db.selectFrom('audit_log').select('action').where('entity_id', '=', organisationId).orderBy('id').execute()).map(
      (a) => a.action,
    );

  it('accepts in one transaction: the record (version bumped), the decision and the audit entry', async () => {
    const org = await organisation();
    const id = await propose(org, 'https://brumel.exemple.fr');
    expect((await pendingProposals(store.db, epci)).map((p) => p.id)).toContain(id);
    const result = await acceptProposal(
      store.db,
      id,
      acceptance,
      { by: decider, note: 'Merci' },
      {
        actorUserId: decider,
        action: 'organisation.proposal.accept',
        entityType: 'organisation',
        entityId: org,
      },
    );
    expect(result.ok).toBe(true);
    const now = await organisationFields(store.db, org);
    expect(now).toMatchObject({ version: 2, fields: { website: 'https://brumel.exemple.fr' } });
    const [p] = await organisationProposals(store.db, org);
    expect(p).toMatchObject({ status: 'accepted', decidedBy: decider, decidedByName: 'Paul Décideur', decisionNote: 'Merci' });
    expect(p?.decidedAt).toBeTruthy();
    expect(await audits(org)).toEqual(['organisation.propose', 'organisation.proposal.accept']);
    expect((await pendingProposals(store.db, epci)).map((x) => x.id)).not.toContain(id);
    // Decided once.
    expect(await refuseProposal(store.db, id, { by: decider, note: null }, null)).toBe(false);
  });

  it('writes nothing when the decision refuses: the record, the proposal and the audit log stay as they were', async () => {
    const org = await organisation();
    const id = await propose(org, 'https://ancien.exemple.fr');
    await ecosystemRepo(store.db).updateOrganisation(
      org,
      { ...((await organisationFields(store.db, org))?.fields as OrganisationFields), website: 'https://nouveau.exemple.fr' },
      null,
    );
    const stale = await acceptProposal(
      store.db,
      id,
      acceptance,
      { by: decider, note: null },
      {
        actorUserId: decider,
        action: 'organisation.proposal.accept',
        entityType: 'organisation',
        entityId: org,
      },
    );
    expect(stale).toMatchObject({ ok: false, error: 'organisation_changed_since_proposal' });
    expect(await organisationFields(store.db, org)).toMatchObject({ version: 2, fields: { website: 'https://nouveau.exemple.fr' } });
    expect((await organisationProposals(store.db, org))[0]).toMatchObject({ status: 'proposed', decidedBy: null });
    expect(await audits(org)).toEqual(['organisation.propose']);
    // An error thrown by the decision rolls back too.
    const other = await acceptProposal(store.db, id, () => fail('forbidden'), { by: decider, note: null }, null);
    expect(other).toEqual({ ok: false, error: 'forbidden' });
    expect((await organisationProposals(store.db, org))[0]?.status).toBe('proposed');
  });

  it('refuses and keeps the proposal with its note; a newer proposal of the same author supersedes the pending one', async () => {
    const org = await organisation();
    const first = await propose(org, 'https://un.exemple.fr');
    const second = await propose(org, 'https://deux.exemple.fr');
    expect(await refuseProposal(store.db, second, { by: decider, note: 'Site en travaux' }, null)).toBe(true);
    const rows = await organisationProposals(store.db, org);
    expect(rows.map((r) => [r.id, r.status])).toEqual(
      expect.arrayContaining([
        [first, 'superseded'],
        [second, 'refused'],
      ]),
    );
    expect(rows.find((r) => r.id === second)?.decisionNote).toBe('Site en travaux');
    expect((await organisationFields(store.db, org))?.version).toBe(1);
  });

  it('exports the proposals of a person with an account, and erasure unlinks her and effaces what she wrote', async () => {
    const org = await organisation();
    const id = await propose(org, 'https://rgpd.exemple.fr');
    await refuseProposal(store.db, id, { by: decider, note: 'Non, voir avec Paul' }, null);
    const repo = ecosystemRepo(store.db);
    const person = async (userId: string, name: string) =>
      repo.insertPerson(
        {
          name,
          function: null,
          organisationIds: [],
          territoryIds: [commune],
          themeIds: [],
          isResource: false,
          resourceFor: null,
          email: null,
          phone: null,
          contactConsent: false,
          contactConsentOn: null,
          userId,
        },
        null,
        null,
      );
    const authorPerson = await person(author, 'Maëlle Auteure');
    const deciderPerson = await person(decider, 'Paul Décideur');
    const exported = (await exportPersonData(store.db, authorPerson)) as { ecosystem?: { organisationProposals?: unknown[] } };
    expect(JSON.stringify(exported)).toContain('Vu sur le bulletin');
    expect(JSON.stringify(exported)).toContain('https://rgpd.exemple.fr');
    expect(JSON.stringify(await exportPersonData(store.db, deciderPerson))).toContain('Non, voir avec Paul');

    await erasePerson(store.db, authorPerson, null);
    await erasePerson(store.db, deciderPerson, null);
    const row = await store.db.selectFrom('organisation_proposals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      author_user_id: null,
      message: ERASED_TEXT,
      decided_by: null,
      decision_note: ERASED_TEXT,
      status: 'refused',
    });
    expect(JSON.stringify(row)).not.toContain('bulletin');
  });
});
