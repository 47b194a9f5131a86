import { describe, expect, it } from 'vitest';
import { editDistance, nulCharacterPath, searchKey, slugify, typoAllowance } from './text';

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

describe('editDistance', () => {
  it('counts a transposition as one edit, like a missing, extra or wrong letter', () => {
    expect(editDistance('cnetre', 'centre')).toBe(1);
    expect(editDistance('socail', 'social')).toBe(1);
    expect(editDistance('centr', 'centre')).toBe(1);
    expect(editDistance('centrre', 'centre')).toBe(1);
    expect(editDistance('cantre', 'centre')).toBe(1);
    expect(editDistance('centre', 'centre')).toBe(0);
    expect(editDistance('pasrelle', 'passerelle')).toBe(2);
    expect(editDistance('abc', 'cba')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('stops past the allowed distance and allows two typos from eight letters', () => {
    expect(editDistance('jeunesse', 'social', 1)).toBe(2);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
    expect(typoAllowance('cnetre')).toBe(1);
    expect(typoAllowance('pasrelle')).toBe(2);
  });
});
