import { describe, expect, it } from 'vitest';
import { rankForMobilisation } from './mobilise';

describe('rankForMobilisation', () => {
  it('ranks by theme, resource, territory and habit of cooperating, with reasons, and leaves out the off-theme', () => {
    const ranked = rankForMobilisation([
      { id: '1', type: 'organisation', name: 'Hors sujet', hasTheme: false, actsOnTerritory: true, strongRelations: 9, relations: 9 },
      { id: '2', type: 'organisation', name: 'Bien reliée', hasTheme: true, actsOnTerritory: true, strongRelations: 3, relations: 4 },
      { id: '3', type: 'organisation', name: 'Isolée', hasTheme: true, actsOnTerritory: false, strongRelations: 0, relations: 0 },
      {
        id: '4',
        type: 'person',
        name: 'Personne ressource',
        hasTheme: false,
        isResource: true,
        resourceMatches: true,
        actsOnTerritory: true,
        strongRelations: 0,
        relations: 0,
      },
    ]);
    expect(ranked.map((r) => r.id)).toEqual(['2', '4', '3']);
    expect(ranked[0]?.reasons).toEqual([{ code: 'theme' }, { code: 'territory' }, { code: 'strong_relations', count: 3 }]);
    expect(ranked[2]?.reasons).toEqual([{ code: 'theme' }, { code: 'isolated' }]);
  });
});
