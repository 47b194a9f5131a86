import { describe, expect, it } from 'vitest';
import { documentTitle } from './page-title';

describe('documentTitle', () => {
  it('names the page before the application', () => {
    expect(documentTitle('Connexion')).toBe('Connexion — maillage');
    expect(documentTitle('  Atelier\n  du mardi ')).toBe('Atelier du mardi — maillage');
  });
  it('says the kind of page first, so that a console and a projector of one room differ', () => {
    expect(documentTitle('Atelier', 'Projecteur')).toBe('Projecteur · Atelier — maillage');
    expect(documentTitle('Atelier', 'Console')).not.toBe(documentTitle('Atelier', 'Projecteur'));
  });
  it('falls back to the bare name only without any heading', () => {
    expect(documentTitle(undefined)).toBe('maillage');
    expect(documentTitle('')).toBe('maillage');
  });
});
