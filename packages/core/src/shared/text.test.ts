import { describe, expect, it } from 'vitest';
import { searchKey, slugify } from './text';

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
