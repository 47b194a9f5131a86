import { describe, expect, it } from 'vitest';
import type { Actor } from '../accounts/index';
import type { EcosystemRepo, MapData, PersonRecord } from './ports';
import { readDashboard, readEcosystemMap } from './read-ecosystem';
import { confirmImport, declareAcquaintance, type PlannedImport, territoriesChanged } from './use-cases';

/** A store that answers only what a test gives it; any other call is a bug of the test. */
function fakeRepo(parts: Partial<EcosystemRepo>): EcosystemRepo {
  return new Proxy(parts, {
    get: (target, key) => {
      if (key in target) return target[key as keyof EcosystemRepo];
      throw new Error(`unexpected store call: ${String(key)}`);
    },
  }) as EcosystemRepo;
}

const coordinatorOf = (territoryId: string): Actor => ({
  kind: 'user',
  userId: 'u1',
  isAdmin: false,
  grants: [{ role: 'coordinator', territoryId, title: null, scope: new Set([territoryId]) }],
});
const anonymous: Actor = { kind: 'anonymous' };

describe('territoriesChanged', () => {
  it('lists territories added and removed, the commune counting as one', () => {
    expect(territoriesChanged(['a', 'b'], { territoryIds: ['b', 'c'], communeId: 'd' }).sort()).toEqual(['a', 'c', 'd']);
    expect(territoriesChanged(['a', 'd'], { territoryIds: ['a'], communeId: 'd' })).toEqual([]);
  });
});

describe('readEcosystemMap', () => {
  const graph: MapData = {
    nodes: [
      ['o1', 'Un', 'association', ['t1']],
      ['o2', 'Deux', 'association', ['t2']],
      ['o3', 'Trois', 'association', ['t2']],
    ],
    edges: [
      [0, 1, 5, 3],
      [1, 2, 2, 2],
    ],
  };
  const repo = fakeRepo({ ecosystemMap: async () => graph, organisationsOfUser: async () => new Set<string>() });

  it('shows levels only on relations the caller may read, and counts the others as hidden', async () => {
    const map = await readEcosystemMap(repo, coordinatorOf('t1'), { territoryId: 't1', minLevel: 1 }, '2026-12-01');
    expect(map.edges).toEqual([
      [0, 1, 3, 1],
      [1, 2, null, 0],
    ]);
    expect(map.hiddenLevels).toBe(1);
    expect(map.nodes.map((n) => n.level)).toEqual([3, 3, null]);
  });

  it('drops hidden edges under a minimum level, so that the filter does not leak them', async () => {
    const map = await readEcosystemMap(repo, anonymous, { territoryId: 't1', minLevel: 2 }, '2026-12-01');
    expect(map.edges).toEqual([]);
    expect(map.hiddenLevels).toBe(2);
  });
});

describe('readDashboard', () => {
  it('counts an organisation with relations only at levels 1 and 2 as isolated', async () => {
    const repo = fakeRepo({
      territoryAssessments: async () => ({
        organisations: [
          { id: 'a', name: 'A', kind: 'association' },
          { id: 'b', name: 'B', kind: 'association' },
          { id: 'c', name: 'C', kind: 'association' },
        ],
        facts: [
          { orgA: 'a', orgB: 'b', side: 'a', level: 4, assessedOn: '2026-11-01' },
          { orgA: 'b', orgB: 'c', side: 'c', level: 2, assessedOn: '2026-11-01' },
        ],
      }),
    });
    const dashboard = await readDashboard(repo, 't', '2026-12-01');
    expect(dashboard.relations).toBe(2);
    expect(dashboard.isolated.map((o) => o.id)).toEqual(['c']);
  });
});

describe('declareAcquaintance', () => {
  const person = (id: string, erased = false): PersonRecord => ({
    id,
    name: id,
    function: null,
    isResource: false,
    resourceFor: null,
    userId: null,
    erased,
    contact: { email: null, phone: null, consent: false, consentOn: null },
    organisations: [],
    territories: [],
    themes: [],
  });

  it('refuses knowing oneself and an erased person, and dates a declaration today', async () => {
    const added: unknown[] = [];
    const repo = fakeRepo({
      getPerson: async (id) => person(id, id === 'gone'),
      addAcquaintance: async (...args) => {
        added.push(args);
      },
    });
    expect(await declareAcquaintance(repo, { personId: 'p', knownPersonId: 'p' }, null, '2026-12-01')).toMatchObject({
      error: 'same_person',
    });
    expect(await declareAcquaintance(repo, { personId: 'p', knownPersonId: 'gone' }, null, '2026-12-01')).toMatchObject({
      error: 'person_not_found',
    });
    expect(await declareAcquaintance(repo, { personId: 'p', knownPersonId: 'q' }, 'u1', '2026-12-01')).toEqual({
      ok: true,
      value: { ok: true },
    });
    expect(added).toEqual([
      [
        'p',
        'q',
        'declared',
        { declaredBy: 'u1', metOn: '2026-12-01' },
        { actorUserId: 'u1', action: 'acquaintance.declare', entityType: 'person', entityId: 'p', details: { knownPersonId: 'q' } },
      ],
    ]);
  });
});

describe('confirmImport', () => {
  const planned = (errors: number, rows: number): PlannedImport =>
    ({
      kind: 'people',
      plan: { summary: { errors }, rows: Array.from({ length: rows }, () => ({ duplicateOf: [] })) },
    }) as unknown as PlannedImport;
  const options = { importDuplicates: false, actorUserId: null, territoryId: 't' };

  it('writes nothing when a line has an error or there is no line', async () => {
    const repo = fakeRepo({});
    expect(await confirmImport(repo, planned(1, 3), options)).toMatchObject({ error: 'import_has_errors' });
    expect(await confirmImport(repo, planned(0, 0), options)).toMatchObject({ error: 'import_empty' });
  });
});
