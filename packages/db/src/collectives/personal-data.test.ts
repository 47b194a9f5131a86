import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsRepo } from '../accounts/store';
import type { Store } from '../client';
import { ecosystemRepo } from '../ecosystem/repo';
import { erasePerson, exportPersonData } from '../privacy/personal-data';
import { availableTestStores, openTestStore } from '../testing';
import { collectivesWorkspaceRepo } from './workspace-store';

const hex = () => randomBytes(4).toString('hex');

describe.each(availableTestStores())('a collective member’s personal data on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it('exports her seats, roles, contact, revisions, comments, steps and requests; erasure anonymises them and keeps the collective whole', async () => {
    const db = store.db;
    const territory = await sql<{ id: string }>`
      insert into territories (kind, name, slug) values ('commune', 'Commune RGPD', ${`commune-rgpd-${hex()}`}) returning id`.execute(db);
    const territoryId = territory.rows[0]!.id;
    const name = `Awa Diallo ${hex()}`;
    const email = `awa-${hex()}@exemple.fr`;
    const user = await accountsRepo(db).createUser({ email, displayName: name, passwordHash: 'x', isAdmin: false });
    const other = await accountsRepo(db).createUser({
      email: `bruno-${hex()}@exemple.fr`,
      displayName: 'Bruno Lefèvre',
      passwordHash: 'x',
      isAdmin: false,
    });
    const personId = await ecosystemRepo(db).insertPerson(
      {
        name,
        function: null,
        organisationIds: [],
        territoryIds: [territoryId],
        themeIds: [],
        isResource: false,
        resourceFor: null,
        email,
        phone: '06 11 22 33 44',
        contactConsent: true,
        contactConsentOn: '2026-01-15',
        userId: user.id,
      },
      null,
      null,
    );
    const repo = collectivesWorkspaceRepo(db);
    const mine = { userId: user.id, at: new Date('2026-02-01T10:00:00Z') };
    const theirs = { userId: other.id, at: new Date('2026-02-02T10:00:00Z') };
    const audit = { actorUserId: null, action: 'test', entityType: 'collective', entityId: null };
    const id = await repo.createCollective(
      { territoryId, name: 'Collectif des parents', urgency: '', themes: [], personIds: [personId], by: theirs },
      { kind: 'created', summary: 'a créé le collectif' },
      () => audit,
    );
    const seat = (await repo.workspace(id, '2026-02-01'))!.members[0]!;
    await repo.updateMember(
      { collectiveId: id, memberId: seat.id, changes: { roles: ['porteur'], phone: '06 99 88 77 66' }, by: theirs },
      { kind: 'member_updated', summary: `a mis à jour ${name}` },
      audit,
    );
    await db.updateTable('collective_members').set({ user_id: user.id }).where('id', '=', seat.id).execute();
    await repo.saveSection(
      {
        collectiveId: id,
        section: 'enjeux',
        baseVersion: 0,
        content: { text: 'Ses mots à elle', motivations: [] },
        restoredFrom: null,
        by: mine,
      },
      (version) => ({ kind: 'section', section: 'enjeux', version, summary: 'a modifié' }),
      () => audit,
    );
    await repo.saveSection(
      {
        collectiveId: id,
        section: 'enjeux',
        baseVersion: 1,
        content: { text: 'Les mots de Bruno', motivations: [] },
        restoredFrom: null,
        by: theirs,
      },
      (version) => ({ kind: 'section', section: 'enjeux', version, summary: 'a modifié' }),
      () => audit,
    );
    await repo.addComment({ collectiveId: id, section: 'enjeux', text: 'Mon avis personnel', by: mine }, audit);
    await repo.addStep(
      { collectiveId: id, title: 'Appeler le bailleur', ownerMemberId: seat.id, dueOn: '2026-03-01', by: theirs, today: '2026-02-01' },
      { kind: 'step', summary: 'a ajouté une étape' },
      audit,
    );
    await repo.askSupport(
      { collectiveId: id, kind: 'salle', text: 'Une salle le jeudi', by: mine },
      { kind: 'request', summary: 'a demandé un appui' },
      audit,
    );

    const data = (await exportPersonData(db, personId))!;
    expect(data.collectives).toEqual([
      expect.objectContaining({ collectiveId: id, collective: 'Collectif des parents', name, roles: ['porteur'], phone: '06 99 88 77 66' }),
    ]);
    expect(data.collectiveSheetRevisions).toEqual([expect.objectContaining({ collectiveId: id, section: 'enjeux', version: 1 })]);
    expect(data.collectiveComments).toEqual([expect.objectContaining({ text: 'Mon avis personnel' })]);
    expect(data.collectiveStepsOwned).toEqual([expect.objectContaining({ title: 'Appeler le bailleur' })]);
    expect(data.collectiveSupportRequests).toEqual([expect.objectContaining({ text: 'Une salle le jeudi' })]);

    const report = await erasePerson(db, personId, null);
    expect(report).toBeDefined();
    const after = (await repo.workspace(id, '2026-02-01'))!;
    expect(after.members).toEqual([
      expect.objectContaining({
        id: seat.id,
        name: 'Personne effacée',
        personId: null,
        email: null,
        phone: null,
        hasAccount: false,
        roles: ['porteur'],
      }),
    ]);
    const revisions = await repo.revisions(id, 'enjeux');
    expect(revisions.map((r) => [r.version, r.author, r.content.text])).toEqual([
      [2, 'Bruno Lefèvre', 'Les mots de Bruno'],
      [1, null, 'Ses mots à elle'],
    ]);
    expect((await repo.comments(id, 'enjeux')).map((c) => [c.text, c.author])).toEqual([['contribution effacée', null]]);
    expect((await repo.steps(id, '2026-02-01')).map((s) => s.owner)).toEqual([{ memberId: seat.id, name: 'Personne effacée' }]);
    expect((await repo.requests({ collectiveId: id }))[0]).toMatchObject({ text: 'Une salle le jeudi', askedBy: null });
    const history = JSON.stringify(await repo.history(id));
    expect(history).not.toContain(name);
    expect(history).toContain('Personne effacée');
  });
});
