import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keywordKey, keywordLabel } from './keyword';

describe('keywordKey', () => {
  it('counts "Confiance", "confiance " and "la confiance" as one', () => {
    const keys = new Set(['Confiance', 'confiance ', 'la confiance', 'LA   CONFIANCE', 'les confiances', "l'confiance"].map(keywordKey));
    expect([...keys]).toEqual(['confiance']);
  });

  it('folds accents, apostrophes and articles', () => {
    expect(keywordKey("L'écoute")).toBe('ecoute');
    expect(keywordKey('l’Écoute ')).toBe('ecoute');
    expect(keywordKey("d'abord")).toBe('abord');
    expect(keywordKey('de la volonté')).toBe('volonte');
    expect(keywordKey('Des objectifs communs')).toBe('objectif commun');
    expect(keywordKey('une vision partagée')).toBe('vision partagee');
    expect(keywordKey('du temps')).toBe('temp');
    expect(keywordKey('Les réseaux')).toBe('reseau');
    expect(keywordKey('Cœur')).toBe('coeur');
  });

  it('keeps short words, double s and a lone article', () => {
    expect(keywordKey('process')).toBe('process');
    expect(keywordKey('bus')).toBe('bus');
    expect(keywordKey('la')).toBe('la');
    expect(keywordKey('  ')).toBe('');
    expect(keywordKey('!!!')).toBe('');
  });

  it('does not merge different words', () => {
    expect(keywordKey('confiance')).not.toBe(keywordKey('conscience'));
    expect(keywordKey('temps')).not.toBe(keywordKey('tempête'));
  });

  const letters = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzéèêàâçîïôûüœ'.split(''));
  const word = fc.array(letters, { minLength: 1, maxLength: 10 }).map((a) => a.join(''));
  const phrase = fc.array(word, { minLength: 1, maxLength: 4 }).map((a) => a.join(' '));

  it('is idempotent (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 40 }), (s) => keywordKey(keywordKey(s)) === keywordKey(s)));
    fc.assert(fc.property(phrase, (s) => keywordKey(keywordKey(s)) === keywordKey(s)));
  });

  it('ignores case, surrounding spaces and accents (property)', () => {
    fc.assert(
      fc.property(phrase, fc.nat(3), fc.nat(3), (s, before, after) => {
        const key = keywordKey(s);
        const noAccents = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
        return (
          keywordKey(s.toLocaleUpperCase('fr-FR')) === key &&
          keywordKey(`${' '.repeat(before)}${s}${' '.repeat(after)}`) === key &&
          keywordKey(noAccents) === key
        );
      }),
    );
  });

  it('ignores a leading article and a final plural s (property)', () => {
    const article = fc.constantFrom('le ', 'la ', 'les ', "l'", 'un ', 'une ', 'des ', 'du ', 'de la ', "d'", 'De la ');
    fc.assert(
      fc.property(article, phrase, (a, s) => {
        const key = keywordKey(s);
        // A phrase made only of articles keeps its last one; that case is covered above.
        fc.pre(key.split(' ').some((w) => !['le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'de', 'd'].includes(w)));
        return keywordKey(a + s) === key;
      }),
    );
    fc.assert(
      fc.property(word, (w) => {
        fc.pre(w.length >= 3 && !/[sx]$/.test(w));
        return keywordKey(`${w}s`) === keywordKey(w);
      }),
    );
  });
});

describe('keywordLabel', () => {
  it('trims, collapses spaces and capitalises', () => {
    expect(keywordLabel('  écoute   mutuelle ')).toBe('Écoute mutuelle');
  });
});
