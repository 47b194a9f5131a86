import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nameCollectives, sameCollectiveName } from './collective-name';
import { COLLECTIVE_NAME_MAX_LENGTH } from './protocol';

const u = (text: string, themes: string[] = []) => ({ text, themes });

describe('nameCollectives', () => {
  it('names a collective after the theme its members share, with a word they share', () => {
    const [name] = nameCollectives([
      {
        number: 1,
        urgencies: [
          u('Les transports manquent le soir pour les jeunes', ['Mobilité']),
          u('Des transports vers la zone d’emploi', ['Mobilité', 'Emploi']),
          u('Pas de bus le dimanche', ['Mobilité']),
        ],
      },
    ]);
    expect(name).toBe('Mobilité et transports');
  });

  it('names from the shared words of the urgencies when no theme was ticked, keeping accents', () => {
    const [name] = nameCollectives([
      { number: 1, urgencies: [u('La santé mentale des jeunes'), u('Santé des jeunes parents'), u('Accès aux droits')] },
    ]);
    expect(name).toBe('Santé et jeunes');
  });

  it('never calls two collectives of a room by the same name, and stays deterministic', () => {
    const same = [u('Logement indigne', ['Logement']), u('Logement des familles', ['Logement'])];
    const input = [
      { number: 1, urgencies: same },
      { number: 2, urgencies: [u('Logement étudiant', ['Logement']), u('Logement trop cher', ['Logement'])] },
      { number: 3, urgencies: [...same].reverse() },
    ];
    const names = nameCollectives(input);
    expect(names[0]).toBe('Logement');
    expect(names[1]).toMatch(/^Logement et /);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(3);
    expect(nameCollectives(input)).toEqual(names);
  });

  it('keeps "Collectif n" only when nothing was written', () => {
    expect(nameCollectives([{ number: 4, urgencies: [u(''), u('')] }])).toEqual(['Collectif 4']);
  });

  it('gives short, unique, non-empty names whatever was written, in any order of members', () => {
    const urgency = fc.record({
      text: fc.string({ maxLength: 300 }),
      themes: fc.array(fc.constantFrom('Mobilité', 'Emploi', 'Santé', 'Parentalité', 'CAF'), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(fc.array(urgency, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 12 }), (groups) => {
        const input = groups.map((urgencies, i) => ({ number: i + 1, urgencies }));
        const names = nameCollectives(input);
        expect(names).toHaveLength(groups.length);
        for (const n of names) {
          expect(n.trim().length).toBeGreaterThan(0);
          expect(n.length).toBeLessThanOrEqual(COLLECTIVE_NAME_MAX_LENGTH);
        }
        for (let i = 0; i < names.length; i++)
          for (let j = i + 1; j < names.length; j++) expect(sameCollectiveName(names[i] as string, names[j] as string)).toBe(false);
        const reversed = nameCollectives(input.map((c) => ({ ...c, urgencies: [...c.urgencies].reverse() })));
        expect(reversed).toEqual(names);
      }),
      { numRuns: 60 },
    );
  });
});
