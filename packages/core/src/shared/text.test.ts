import { describe, expect, it } from 'vitest';
import { nulCharacterPath, searchKey, slugify } from './text';

describe('searchKey', () => {
  it('folds accents, case, hyphens and spaces', () => {
    expect(searchKey('  Saint-Étienne ')).toBe('saint etienne');
    expect(searchKey('VERNOUILLET')).toBe('vernouillet');
  });
});

describe('slugify', () => {
  it('makes URL-safe slugs', () => {
    expect(slugify("Quartier de l'Érable — Nord")).toBe('quartier-de-l-erable-nord');
    expect(slugify('!!!')).toBe('territoire');
  });
});

describe('nulCharacterPath', () => {
  it('names the first string holding U+0000, in objects, arrays and keys', () => {
    expect(nulCharacterPath({ name: 'ok', tags: ['a', 'b\u0000'] })).toEqual(['tags', 1]);
    expect(nulCharacterPath({ nested: { ['k\u0000']: 1 } })).toEqual(['nested', 'k\u0000']);
    expect(nulCharacterPath('\u0000')).toEqual([]);
    expect(nulCharacterPath({ name: 'Épicerie', n: 3, ok: true, none: null, list: [] })).toBeUndefined();
  });
});
