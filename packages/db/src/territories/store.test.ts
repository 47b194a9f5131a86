import { createTerritory, deleteTerritory, searchTerritories, territoryLabel, updateTerritory } from '@maillage/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { availableTestStores, openTestStore } from '../testing';
import { loadOfficialTerritories } from './official';
import { territoriesRepo } from './store';

describe.each(availableTestStores())('territories store on %s', (kind) => {
  let store: Store;
  let repo: ReturnType<typeof territoriesRepo>;
  const bySlug = async (slug: string) => {
    const t = await repo.findBySlug(slug);
    if (!t) throw new Error(`no territory ${slug}`);
    return t;
  };
  beforeAll(async () => {
    store = await openTestStore(kind);
    repo = territoriesRepo(store.db);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('holds France’s divisions with their parents', async () => {
    const counts = await sql<{ kind: string; n: number }>`select kind, count(*)::int as n from territories group by kind`.execute(store.db);
    const byKind = Object.fromEntries(counts.rows.map((r) => [r.kind, r.n]));
    expect(byKind).toMatchObject({ region: 18 + 8, departement: 109, commune: 34_969, arrondissement: 45 });
    expect(byKind.epci).toBe(1255 + 11);

    const sevran = await bySlug('sevran-93');
    expect(sevran).toMatchObject({ kind: 'commune', code: '93071', name: 'Sevran', deptCode: '93' });
    expect(sevran.population).toBeGreaterThan(40_000);
    const parentKinds = sevran.parents.map((p) => `${p.kind}:${p.name}`);
    expect(parentKinds).toContain('departement:Seine-Saint-Denis');
    expect(parentKinds).toEqual(expect.arrayContaining([expect.stringMatching(/^epci:/)]));

    const ssd = sevran.parents.find((p) => p.kind === 'departement');
    const ssdDetail = await repo.findById(ssd?.id ?? '');
    expect(ssdDetail?.parents.map((p) => p.name)).toEqual(['Île-de-France']);
    expect(ssdDetail?.childCounts.commune).toBe(39); // Seine-Saint-Denis, 2026 geography

    const marseille1 = await bySlug('marseille-1er-arrondissement-13');
    expect(marseille1.parents.map((p) => `${p.kind}:${p.code}`)).toEqual(['commune:13055']);
    const marseille = await repo.findById(marseille1.parents[0]?.id ?? '');
    expect(marseille?.childCounts.arrondissement).toBe(16);
  });

  it('does not reload an up-to-date dataset', async () => {
    expect(await loadOfficialTerritories(store.db)).toBe(0);
  });

  it('reloads a changed dataset in place: same ids and slugs, custom links kept, departed divisions retired', async () => {
    const sevran = await bySlug('sevran-93');
    const quartier = await createTerritory(repo, null, { kind: 'quartier', name: 'Rougemont', communeIds: [sevran.id] });
    if (!quartier.ok) throw new Error(quartier.error);
    await store.db.updateTable('territories').set({ name: 'Sevran (ancien nom)' }).where('id', '=', sevran.id).execute();
    const gone = await store.db
      .insertInto('territories')
      .values({ kind: 'commune', code: '99999', name: 'Commune disparue', slug: 'commune-disparue-99', dept_code: '99' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const links = async () => (await sql<{ n: number }>`select count(*)::int as n from territory_parents`.execute(store.db)).rows[0]?.n;
    const linksBefore = await links();
    await store.db.updateTable('reference_data').set({ version: 'ancienne-version' }).execute();

    expect(await loadOfficialTerritories(store.db)).toBe(36_415);
    const after = await bySlug('sevran-93');
    expect(after).toMatchObject({ id: sevran.id, name: 'Sevran' });
    expect(after.parents.map((p) => p.id).sort()).toEqual(sevran.parents.map((p) => p.id).sort());
    expect((await repo.findById(quartier.value.id))?.parents.map((p) => p.name)).toEqual(['Sevran']);
    const retired = await store.db.selectFrom('territories').select('retired').where('id', '=', gone.id).executeTakeFirstOrThrow();
    expect(retired.retired).toBe(true);
    expect((await searchTerritories(repo, { q: 'commune disparue', limit: 5 })).map((t) => t.id)).not.toContain(gone.id);
    expect(await links()).toBe(linksBefore);
    expect(await loadOfficialTerritories(store.db)).toBe(0);
    expect((await deleteTerritory(repo, null, quartier.value.id)).ok).toBe(true);
  }, 240_000); // reloads 36,000 rows: seconds alone, minutes on a loaded shared machine

  it('finds territories whatever the accents, case and small typos', async () => {
    const names = async (q: string, kinds?: ('commune' | 'epci' | 'departement')[]) =>
      (await searchTerritories(repo, { q, kinds, limit: 10 })).map((t) => `${t.name}|${t.deptCode ?? ''}|${t.kind}`);

    const vernouillet = await names('vernouillet');
    expect(vernouillet.slice(0, 2).sort()).toEqual(['Vernouillet|28|commune', 'Vernouillet|78|commune']);

    const dreux = await names('Dreux');
    expect(dreux[0]).toBe('Dreux|28|commune');
    expect(dreux.some((n) => /Dreux\|\|epci/.test(n))).toBe(true);

    const stEtienne = await names('saint etienne');
    expect(stEtienne[0]).toBe('Saint-Étienne|42|commune');
    expect(stEtienne.slice(1, 4).some((n) => n.startsWith('Saint-Étienne'))).toBe(true);

    expect((await names('SAINT-ÉTIENNE'))[0]).toBe('Saint-Étienne|42|commune');
    // Two letters swapped or dropped still find it.
    expect((await names('vernouilet'))[0]).toMatch(/^Vernouillet\|/);
    expect(await names('sant etienne')).toContain('Saint-Étienne|42|commune');
    // Kind filter.
    expect((await names('loire', ['departement'])).every((n) => n.endsWith('|departement'))).toBe(true);
    expect((await names('loire', ['departement']))[0]).toBe('Loire||departement');
    // Nothing to search for, or LIKE wildcards typed literally.
    expect(await names('  ')).toEqual([]);
    expect(await names('%%%')).toEqual([]);
  });

  it('keeps the search indexes that make search fast (timings are in npm run bench:territories)', async () => {
    const rows = await sql<{ indexdef: string }>`select indexdef from pg_indexes where tablename = 'territories'`.execute(store.db);
    const defs = rows.rows.map((r) => r.indexdef).join('\n');
    expect(defs).toMatch(/search_name gin_trgm_ops/);
  });

  it('creates, updates and deletes a quartier across two communes, with unique slugs', async () => {
    const sevran = await bySlug('sevran-93');
    const aulnay = (await searchTerritories(repo, { q: 'Aulnay-sous-Bois', kinds: ['commune'], limit: 1 }))[0];
    expect(aulnay?.name).toBe('Aulnay-sous-Bois');
    const created = await createTerritory(repo, null, {
      kind: 'qpv',
      name: 'Les Beaudottes',
      code: 'QN09399Z',
      communeIds: [sevran.id, aulnay?.id ?? ''],
    });
    expect(created.ok).toBe(true);
    if (!created.ok) return;
    expect(created.value.slug).toBe('les-beaudottes');
    expect(created.value.parents.map((p) => p.name).sort()).toEqual(['Aulnay-sous-Bois', 'Sevran']);
    expect((await repo.findById(sevran.id))?.childCounts.qpv).toBe(1);

    const twin = await createTerritory(repo, null, { kind: 'quartier', name: 'Les Beaudottes', communeIds: [sevran.id] });
    expect(twin.ok && twin.value.slug).toBe('les-beaudottes-2');
    const sameCode = await createTerritory(repo, null, { kind: 'qpv', name: 'Autre', code: 'QN09399Z', communeIds: [sevran.id] });
    expect(sameCode).toMatchObject({ ok: false, error: 'territory_code_taken' });
    const reserved = await createTerritory(repo, null, { kind: 'quartier', name: 'Nouveau', communeIds: [sevran.id] });
    expect(reserved.ok && reserved.value.slug).toBe('nouveau-2');
    const notCommune = await createTerritory(repo, null, { kind: 'quartier', name: 'X', communeIds: [sevran.parents[0]?.id ?? ''] });
    expect(notCommune).toMatchObject({ ok: false, error: 'not_a_commune' });
    const missing = await createTerritory(repo, null, {
      kind: 'quartier',
      name: 'X',
      communeIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(missing).toMatchObject({ ok: false, error: 'commune_not_found' });

    // Found by search, shown among the descendants of the EPCI.
    const found = await searchTerritories(repo, { q: 'beaudotes', kinds: ['qpv'], limit: 5 });
    expect(found.map((t) => t.slug)).toEqual(['les-beaudottes']);
    // Quartiers are labelled with their communes in lists (homonyms abound).
    expect(found.map(territoryLabel)).toEqual(['Les Beaudottes (Aulnay-sous-Bois, Sevran)']);
    const epci = sevran.parents.find((p) => p.kind === 'epci');
    const below = await repo.children(epci?.id ?? '', { kinds: ['qpv', 'quartier'], descendants: true, limit: 10, offset: 0 });
    expect(below.items.map((t) => t.slug).sort()).toEqual(['les-beaudottes', 'les-beaudottes-2', 'nouveau-2']);
    const direct = await repo.children(epci?.id ?? '', { descendants: false, limit: 5, offset: 0 });
    expect(direct.items.every((t) => t.kind === 'commune')).toBe(true);
    expect(direct.total).toBeGreaterThan(5);

    const renamed = await updateTerritory(repo, null, created.value.id, {
      name: 'Les Beaudottes – Rose-des-Vents',
      communeIds: [sevran.id],
    });
    expect(renamed.ok && renamed.value.slug).toBe('les-beaudottes');
    expect(renamed.ok && renamed.value.parents.map((p) => p.name)).toEqual(['Sevran']);
    const official = await updateTerritory(repo, null, sevran.id, { name: 'Autre nom' });
    expect(official).toMatchObject({ ok: false, error: 'territory_not_custom' });

    expect(await deleteTerritory(repo, null, sevran.id)).toMatchObject({ ok: false, error: 'territory_not_custom' });
    expect((await deleteTerritory(repo, null, created.value.id)).ok).toBe(true);
    expect(await repo.findById(created.value.id)).toBeUndefined();
    const audit = await store.db.selectFrom('audit_log').select('action').where('entity_id', '=', created.value.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['territory.create', 'territory.update', 'territory.delete']);
  });

  it('writes a custom territory and its audit entry in one transaction: an entry that cannot be written leaves neither', async () => {
    const sevran = await bySlug('sevran-93');
    // `audit_log.actor_user_id` is a uuid: an entry naming this actor cannot be inserted.
    const broken = { actorUserId: 'not-a-uuid', action: 'territory.create', entityType: 'territory', entityId: null };
    const slug = `quartier-audit-${Date.now()}`;
    const draft = {
      kind: 'quartier' as const,
      name: 'Quartier audité',
      code: null,
      slug,
      population: null,
      parentIds: [sevran.id],
      createdBy: null,
    };
    await expect(repo.insertCustom(draft, broken)).rejects.toThrow();
    expect(await repo.findBySlug(slug)).toBeUndefined();

    const inserted = await repo.insertCustom(draft, (id) => ({ ...broken, actorUserId: null, entityId: id }));
    if (!inserted.ok) throw new Error(inserted.reason);
    await expect(repo.updateCustom(inserted.id, { name: 'Renommé' }, broken)).rejects.toThrow();
    expect((await repo.findById(inserted.id))?.name).toBe('Quartier audité');
    await expect(repo.deleteCustom(inserted.id, broken)).rejects.toThrow();
    expect(await repo.findById(inserted.id)).toBeDefined();
    expect(await repo.deleteCustom(inserted.id, { ...broken, actorUserId: null, action: 'territory.delete', entityId: inserted.id })).toBe(
      'ok',
    );
    const actions = await store.db.selectFrom('audit_log').select('action').where('entity_id', '=', inserted.id).execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['territory.create', 'territory.delete']);
  });
});
