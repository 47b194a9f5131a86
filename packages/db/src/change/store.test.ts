import {
  addChangeDecider,
  addJournalDecider,
  addLinkDecider,
  createPathway,
  type PathwayAuthor,
  type PathwaysDeps,
  searchKey,
} from '@maillage/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { erasePerson, exportPersonData } from '../privacy/personal-data';
import { availableTestStores, openTestStore } from '../testing';
import { listPathwayVersions, loadPathwayView, pathwaysRepo, readPathwayVersion } from './store';

describe.each(availableTestStores())('change pathways store on %s', (kind) => {
  let store: Store;
  let deps: PathwaysDeps;
  let territoryId: string;
  let author: PathwayAuthor;
  const audit = (action: string) => ({ actorUserId: null, action, entityType: 'pathway', entityId: null });
  beforeAll(async () => {
    store = await openTestStore(kind);
    deps = { repo: pathwaysRepo(store.db) };
    const t = await sql<{ id: string }>`
      insert into territories (kind, name, slug) values ('epci', 'Agglo des chemins', ${`agglo-chemins-${Math.random().toString(36).slice(2)}`})
      returning id`.execute(store.db);
    territoryId = t.rows[0]!.id;
    const user = await store.db
      .insertInto('users')
      .values({ email: `autrice-${Math.random().toString(36).slice(2)}@exemple.fr`, display_name: 'Camille Autrice', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    author = { userId: user.id, name: 'Camille Autrice' };
  });
  afterAll(async () => {
    await store?.close();
  });

  it('keeps two concurrent links from closing a cycle together: the second, under the row lock, sees the first', async () => {
    const view = await createPathway(deps, { title: 'Chemin concurrent', territoryId, collectiveId: null }, author);
    const add = async (text: string) => {
      const r = await deps.repo.write(view.id, addChangeDecider({ horizon: 'court', text }, new Set()), author, audit('test'));
      if (!r.ok) throw new Error(r.error);
      return r.value.changes.find((c) => c.text === text)!.id;
    };
    const a = await add('Les parents connaissent les lieux ressources');
    const b = await add('Les professionnels se connaissent');
    // Both links alone are fine; together they would make a loop.
    const results = await Promise.all([
      deps.repo.write(view.id, addLinkDecider({ from: a, to: b }), author, audit('test')),
      deps.repo.write(view.id, addLinkDecider({ from: b, to: a }), author, audit('test')),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error)).toEqual(['link_cycle']);
    const after = await loadPathwayView(store.db, view.id);
    expect(after?.links).toHaveLength(1);
    // create + 2 changes + 1 link: the refused write made no version.
    expect(after?.version).toBe(4);
    expect((await listPathwayVersions(store.db, view.id)).map((v) => v.version)).toEqual([4, 3, 2, 1]);
  });

  it('reads back any version as it was, and a refused write leaves no version nor audit entry', async () => {
    const view = await createPathway(deps, { title: 'Chemin du modèle', territoryId, collectiveId: null, template: 'seed003' }, author);
    expect(view.version).toBe(1);
    expect(view.changes).toHaveLength(9);
    expect(view.changes.every((c) => !c.detached)).toBe(true);
    const court = view.changes.find((c) => c.horizon === 'court')!;
    const long = view.changes.find((c) => c.horizon === 'long')!;
    const audits = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from audit_log where entity_id = ${view.id}`.execute(store.db)).rows[0]!.n;
    const before = await audits();
    const refused = await deps.repo.write(view.id, addLinkDecider({ from: long.id, to: court.id }), author, {
      ...audit('pathway.link.add'),
      entityId: view.id,
    });
    expect(refused).toMatchObject({ ok: false, error: 'link_backwards' });
    expect(await audits()).toBe(before);
    const added = await deps.repo.write(
      view.id,
      addChangeDecider({ horizon: 'moyen', text: 'Un changement sans suite' }, new Set()),
      author,
      { ...audit('pathway.change.add'), entityId: view.id },
    );
    expect(added.ok && added.value.version).toBe(2);
    expect(added.ok && added.value.changes.find((c) => c.text === 'Un changement sans suite')?.detached).toBe(true);
    expect(await audits()).toBe(before + 1);
    const first = await readPathwayVersion(store.db, view.id, 1);
    expect(first?.changes).toHaveLength(9);
    expect(first?.version).toBe(1);
    const versions = await listPathwayVersions(store.db, view.id);
    expect(versions[0]).toMatchObject({ version: 2, author: 'Camille Autrice' });
    expect(versions[0]?.summary).toContain('Changement ajouté');
  });

  it('exports her journal notes and versions, and erasure removes her name from them and from snapshots', async () => {
    const person = await store.db
      .insertInto('people')
      .values({
        name: 'Camille Autrice',
        search_key: searchKey('Camille Autrice'),
        user_id: author.userId,
        email: null,
        phone: null,
        function: null,
        resource_for: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const view = await createPathway(deps, { title: 'Chemin du journal', territoryId, collectiveId: null }, author);
    const noted = await deps.repo.write(
      view.id,
      addJournalDecider({ on: '2026-11-30', text: 'Atelier avec les parents des Tilleuls' }),
      author,
      audit('t'),
    );
    expect(noted.ok && noted.value.journal[0]?.author).toBe('Camille Autrice');
    const exported = (await exportPersonData(store.db, person.id)) as Record<string, unknown>;
    expect(JSON.stringify(exported)).toContain('Atelier avec les parents des Tilleuls');
    await erasePerson(store.db, person.id, null);
    const after = await loadPathwayView(store.db, view.id);
    expect(after?.journal[0]).toMatchObject({ text: 'Atelier avec les parents des Tilleuls', author: 'Personne effacée' });
    const versions = await listPathwayVersions(store.db, view.id);
    expect(versions.map((v) => v.author)).toEqual(['Personne effacée', 'Personne effacée']);
    const snapshot = await readPathwayVersion(store.db, view.id, 2);
    expect(JSON.stringify(snapshot)).not.toContain('Camille');
  });
});
