import {
  assessRelation,
  createOrganisation,
  mergeOrganisations,
  type OrganisationInput,
  type OrganisationKind,
  planOrganisationImport,
  relationStates,
} from '@maillage/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { erasePerson } from '../privacy/personal-data';
import { openTestStore, availableTestStores } from '../testing';
import { searchDirectory } from './directory';
import { importLookups, writeOrganisationImport } from './import';
import { getOrganisation } from './organisations';
import { addAcquaintance, knownPairs } from './people';
import { ecosystemGraph, relationHistory } from './relations';
import { territoryFamily } from './territory-context';
import { ecosystemRepo } from './repo';

async function territory(store: Store, kind: 'epci' | 'commune' | 'quartier', name: string, code: string | null, parent?: string) {
  const row = await store.db
    .insertInto('territories')
    .values({
      kind,
      name,
      code,
      slug: `eco-test-${name.toLowerCase().replace(/\W+/g, '-')}`,
      epci_type: null,
      population: null,
      created_by: null,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  if (parent) await store.db.insertInto('territory_parents').values({ territory_id: row.id, parent_id: parent }).execute();
  return row.id;
}

const base = { themeIds: [], description: null, address: null, publicPhone: null, allowDuplicate: false };

/** What an organisation is inserted with in these tests: a name, a kind, its territories, nothing else. */
const organisationInput = (name: string, kind: OrganisationKind, territoryIds: string[]): OrganisationInput => ({
  name,
  kind,
  siren: null,
  siret: null,
  rna: null,
  communeId: null,
  territoryIds,
  themeIds: [],
  description: null,
  address: null,
  website: null,
  publicEmail: null,
  publicPhone: null,
});

describe.each(availableTestStores())('ecosystem store on %s', (kind) => {
  let store: Store;
  let epci: string;
  let commune: string;
  let quartier: string;
  beforeAll(async () => {
    store = await openTestStore(kind);
    epci = await territory(store, 'epci', 'Agglo Test Écosystème', 'ECO-EPCI');
    commune = await territory(store, 'commune', 'Bourg-les-Tests', 'ECO-C1', epci);
    quartier = await territory(store, 'quartier', 'Quartier des Essais', null, commune);
  }, 60_000);
  afterAll(async () => {
    await store?.close();
  });

  it('knows a territory’s family (below and above)', async () => {
    expect(new Set(await territoryFamily(store.db, commune))).toEqual(new Set([epci, commune, quartier]));
  });

  it('creates organisations, catches duplicates by SIREN and by name in the same commune, and merges keeping links', async () => {
    const repo = ecosystemRepo(store.db);
    const first = await createOrganisation(
      repo,
      {
        ...base,
        name: 'Association Les Érables',
        kind: 'association',
        communeId: commune,
        territoryIds: [quartier],
        companyId: { ok: true, siren: '732829320', siret: null },
      },
      null,
    );
    expect(first.ok).toBe(true);
    const dupName = await createOrganisation(
      repo,
      { ...base, name: 'asso les erables', kind: 'association', communeId: commune, territoryIds: [commune] },
      null,
    );
    expect(dupName).toMatchObject({ ok: false, error: 'organisation_duplicate' });
    const dupSiren = await createOrganisation(
      repo,
      {
        ...base,
        name: 'Autre nom',
        kind: 'association',
        territoryIds: [epci],
        companyId: { ok: true, siren: '732829320', siret: '73282932000074' },
      },
      null,
    );
    expect(dupSiren).toMatchObject({ ok: false, error: 'organisation_duplicate', details: { candidates: [{ reason: 'same_siren' }] } });
    const forced = await createOrganisation(
      repo,
      { ...base, name: 'asso les erables', kind: 'association', communeId: commune, territoryIds: [commune], allowDuplicate: true },
      null,
    );
    if (!first.ok || !forced.ok) throw new Error('setup');
    const partner = await createOrganisation(
      repo,
      { ...base, name: 'Centre social La Passerelle', kind: 'centre_social', territoryIds: [commune] },
      null,
    );
    if (!partner.ok) throw new Error('setup');
    // The duplicate has a relation and a person; merging moves both onto the kept organisation.
    await assessRelation(
      repo,
      { organisationId: forced.value.id, partnerId: partner.value.id, level: 5, assessedOn: '2025-03-01', note: 'ateliers communs' },
      null,
      '2026-01-01',
    );
    const person = await repo.insertPerson(
      {
        name: 'Inès Fictive',
        function: 'Directrice',
        organisationIds: [forced.value.id],
        territoryIds: [],
        themeIds: [],
        isResource: false,
        resourceFor: null,
        email: null,
        phone: null,
        contactConsent: false,
        contactConsentOn: null,
      },
      null,
      null,
    );
    const merged = await mergeOrganisations(repo, first.value.id, forced.value.id, null);
    expect(merged.ok).toBe(true);
    const kept = await getOrganisation(store.db, first.value.id);
    expect(kept?.people.map((p) => p.id)).toEqual([person]);
    expect(kept?.territories.map((t) => t.id).sort()).toEqual([commune, quartier].sort());
    const sides = await store.db.selectFrom('relation_sides').selectAll().where('on_behalf_of', '=', first.value.id).execute();
    expect(sides.map((x) => x.level)).toEqual([5]);
    expect(await store.db.selectFrom('relation_sides').selectAll().where('on_behalf_of', '=', forced.value.id).execute()).toEqual([]);
    const history = await relationHistory(store.db, first.value.id, partner.value.id);
    expect(history).toMatchObject([{ side: first.value.id, level: 5, note: 'ateliers communs' }]);
    expect((await getOrganisation(store.db, forced.value.id))?.mergedInto).toBe(first.value.id);
    // After the merge the name is no longer a duplicate twice over.
    const again = await repo.findDuplicates({ name: 'Asso Les Érables', siren: null, communeId: commune });
    expect(again.map((d) => d.id)).toEqual([first.value.id]);
  });

  it('searches the directory without accents, case or small typos', async () => {
    const found = await searchDirectory(store.db, { q: 'PASERELLE', resource: false, limit: 10 });
    expect(found.organisations.map((o) => o.name)).toContain('Centre social La Passerelle');
    const accents = await searchDirectory(store.db, {
      q: 'erables',
      resource: false,
      limit: 10,
      territoryIds: await territoryFamily(store.db, commune),
    });
    expect(accents.organisations.map((o) => o.name)).toEqual(['Association Les Érables']);
    const none = await searchDirectory(store.db, { q: 'zzzz qqqq', resource: false, limit: 10 });
    expect(none.organisations).toEqual([]);
    const people = await searchDirectory(store.db, { q: 'ines fictiv', resource: false, limit: 10 });
    expect(people.people.map((p) => p.name)).toEqual(['Inès Fictive']);
    // Two typos in a multi-word name: each unknown word is corrected to a word of the directory.
    const words = await sql<{ word: string }>`select word from search_words where word in ('passerelle', 'social')`.execute(store.db);
    expect(words.rows.map((r) => r.word).sort()).toEqual(['passerelle', 'social']);
    const typos = await searchDirectory(store.db, { q: 'Centre socail la Pasrelle', resource: false, limit: 10 });
    expect(typos.organisations.map((o) => o.name)).toEqual(['Centre social La Passerelle']);
    // A typo in every word, transpositions included, and a single misspelt word.
    for (const q of ['cnetre socail', 'cnetre', 'Socail Pasrelle']) {
      const found = await searchDirectory(store.db, { q, resource: false, limit: 10 });
      expect(
        found.organisations.map((o) => o.name),
        q,
      ).toContain('Centre social La Passerelle');
    }
  });

  it('tells communes of the same name apart by postal code on import', async () => {
    const a = await territory(store, 'commune', 'Homonyme-sur-Test', '78998', epci);
    const b = await store.db
      .insertInto('territories')
      .values({
        kind: 'commune',
        name: 'Homonyme-sur-Test',
        code: '91998',
        slug: 'eco-test-homonyme-91',
        epci_type: null,
        population: null,
        created_by: null,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await store.db.insertInto('territory_parents').values({ territory_id: b.id, parent_id: epci }).execute();
    const lookups = await importLookups(store.db, epci);
    expect(lookups.territory('Homonyme-sur-Test', '78200')).toBe(a);
    expect(lookups.territory('homonyme sur test', '91000')).toBe(b.id);
    expect(lookups.territory('Homonyme-sur-Test', '13001')).toBeNull();
    expect(lookups.territory('91998', '78200')).toBe(b.id);
  });

  it('lists names in French order, accented capitals among their letter (not after Z)', async () => {
    const repo = ecosystemRepo(store.db);
    const family = await territory(store, 'commune', 'Tri-sur-Lettres', 'ECO-SORT', epci);
    for (const name of ['Service jeunesse tri', 'Épicerie sociale tri', 'Zèbres tri', 'Écrivains publics tri', 'atelier tri'])
      await repo.insertOrganisation(organisationInput(name, 'association', [family]), null, null);
    const expected = ['atelier tri', 'Écrivains publics tri', 'Épicerie sociale tri', 'Service jeunesse tri', 'Zèbres tri'];
    const listed = await searchDirectory(store.db, { q: '', resource: false, limit: 50, territoryIds: [family] });
    expect(listed.organisations.map((o) => o.name)).toEqual(expected);
    const searched = await searchDirectory(store.db, { q: 'tri', resource: false, limit: 50, territoryIds: [family] });
    expect(searched.organisations.map((o) => o.name)).toEqual(expected);
  });

  it('keeps every assessment, and the map reads the state at a date', async () => {
    const repo = ecosystemRepo(store.db);
    const a = await repo.insertOrganisation(organisationInput('Bailleur Habitat Test', 'bailleur', [commune]), null, null);
    const b = await repo.insertOrganisation(organisationInput('Collectif Jardin Test', 'collectif_habitants', [quartier]), null, null);
    for (const [side, level, on] of [
      [a, 2, '2024-05-01'],
      [a, 4, '2025-05-01'],
      [b, 3, '2025-06-01'],
    ] as const) {
      const r = await assessRelation(
        repo,
        { organisationId: side, partnerId: side === a ? b : a, level, assessedOn: on, note: null },
        null,
        '2026-01-01',
      );
      expect(r.ok).toBe(true);
    }
    expect(
      await assessRelation(repo, { organisationId: a, partnerId: a, level: 3, assessedOn: '2025-01-01', note: null }, null, '2026-01-01'),
    ).toMatchObject({ ok: false, error: 'same_organisation' });
    expect(
      await assessRelation(repo, { organisationId: a, partnerId: b, level: 3, assessedOn: '2027-01-01', note: null }, null, '2026-01-01'),
    ).toMatchObject({ ok: false, error: 'assessment_in_future' });
    expect(await relationHistory(store.db, b, a)).toHaveLength(3);
    const now = await ecosystemGraph(store.db, { territoryId: epci, at: '2026-01-01' });
    const pair = relationStates(now.facts).find((s) => [s.orgA, s.orgB].includes(a));
    expect(pair).toMatchObject({ level: 3, disagreement: true });
    // The trigger-kept current state (migration 0031) says the same as the history read today.
    const sortStates = (xs: ReturnType<typeof relationStates>) =>
      [...xs].sort((x, y) => `${x.orgA}${x.orgB}`.localeCompare(`${y.orgA}${y.orgB}`));
    const today = new Date().toISOString().slice(0, 10);
    const current = await ecosystemGraph(store.db, { territoryId: epci, at: today, current: true });
    const replayed = await ecosystemGraph(store.db, { territoryId: epci, at: today });
    expect(current.facts.length).toBeGreaterThan(0);
    expect(sortStates(relationStates(current.facts))).toEqual(sortStates(relationStates(replayed.facts)));
    const before = await ecosystemGraph(store.db, { territoryId: epci, at: '2024-12-31' });
    expect(relationStates(before.facts).find((s) => [s.orgA, s.orgB].includes(a))).toMatchObject({ level: 2, disagreement: false });
  });

  it('imports all or nothing', async () => {
    const lookups = await importLookups(store.db, epci);
    const csv = new TextEncoder().encode(
      'nom;type;commune\nMaison Import Un;Association;ECO-C1\nMaison Import Deux;Association;Bourg-les-Tests\n',
    );
    const plan = planOrganisationImport(csv, lookups);
    expect(plan.summary).toEqual({ valid: 2, duplicates: 0, errors: 0 });
    const broken = [...plan.rows, { ...plan.rows[0], name: 'Maison Import Trois', kind: 'pas-un-type' } as never];
    await expect(
      writeOrganisationImport(store.db, broken, { importDuplicates: false, actorUserId: null, territoryId: epci }),
    ).rejects.toThrow();
    expect((await searchDirectory(store.db, { q: 'maison import', resource: false, limit: 10 })).organisations).toEqual([]);
    expect(await writeOrganisationImport(store.db, plan.rows, { importDuplicates: false, actorUserId: null, territoryId: epci })).toEqual({
      created: 2,
      skipped: 0,
    });
    const found = await searchDirectory(store.db, { q: 'maison import', resource: false, limit: 10 });
    expect(found.organisations.map((o) => [o.name, o.commune])).toEqual([
      ['Maison Import Deux', 'Bourg-les-Tests'],
      ['Maison Import Un', 'Bourg-les-Tests'],
    ]);
  });

  it('derives known pairs from declarations and shared organisations, and erases a person anonymously', async () => {
    const repo = ecosystemRepo(store.db);
    const org = await repo.insertOrganisation(organisationInput('Club Test Pairs', 'association', [commune]), null, null);
    const person = (name: string, orgs: string[]) =>
      repo.insertPerson(
        {
          name,
          function: null,
          organisationIds: orgs,
          territoryIds: [commune],
          themeIds: [],
          isResource: false,
          resourceFor: null,
          email: 'x@exemple.fr',
          phone: null,
          contactConsent: true,
          contactConsentOn: '2025-01-01',
        },
        null,
        null,
      );
    const [p1, p2, p3, p4] = [
      await person('Un', [org]),
      await person('Deux', [org]),
      await person('Trois', []),
      await person('Quatre', []),
    ];
    await addAcquaintance(store.db, p3, p1, 'declared');
    await addAcquaintance(store.db, p3, p4, 'event', { sourceRef: 'table-1' });
    const pairs = (await knownPairs(store.db, [p1, p2, p3, p4])).map((p) => [...p].sort().join('|')).sort();
    const expected = [
      [p1, p2],
      [p1, p3],
      [p3, p4],
    ]
      .map((p) => p.sort().join('|'))
      .sort();
    expect(pairs).toEqual(expected);
    await erasePerson(store.db, p3, null);
    const row = await store.db.selectFrom('people').selectAll().where('id', '=', p3).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: 'Personne effacée', email: null, contact_consent: false });
    expect(row.erased_at).not.toBeNull();
    expect((await knownPairs(store.db, [p1, p2, p3, p4])).length).toBe(1);
  });

  it('writes an organisation or an assessment with its audit entry in one transaction: an entry that cannot be written leaves neither', async () => {
    const repo = ecosystemRepo(store.db);
    // `audit_log.actor_user_id` is a uuid: an entry naming this actor cannot be inserted.
    const broken = { actorUserId: 'not-a-uuid', action: 'organisation.create', entityType: 'organisation', entityId: null };
    const name = `Organisation auditée ${Date.now()}`;
    const input = organisationInput(name, 'association', [commune]);
    await expect(repo.insertOrganisation(input, null, broken)).rejects.toThrow();
    expect(await store.db.selectFrom('organisations').select('id').where('name', '=', name).execute()).toEqual([]);
    const id = await repo.insertOrganisation(input, null, (created) => ({ ...broken, actorUserId: null, entityId: created }));
    const partner = await repo.insertOrganisation({ ...input, name: `${name} (partenaire)` }, null, null);
    const assessment = { organisationId: id, partnerId: partner, level: 3, assessedOn: '2026-01-05', note: null, assessedBy: null };
    await expect(repo.insertAssessment(assessment, broken)).rejects.toThrow();
    expect(await store.db.selectFrom('cooperation_assessments').select('id').where('on_behalf_of', '=', id).execute()).toEqual([]);
    const audit = await store.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['organisation.create']);
  });
});
