import { describe, expect, it } from 'vitest';
import { continuumCsv, templateCsv } from './csv-files';

describe('CSV files made in the page', () => {
  it('the import template has the header the import reads and one example line per indicator, period in its form', () => {
    expect(
      templateCsv([
        { name: 'Familles accompagnées', frequency: 'annuelle' },
        { name: 'Ateliers; "collectifs"', frequency: 'trimestrielle' },
      ]),
    ).toBe(
      '\ufeffindicateur;période;valeur;organisation;commentaire\r\n' +
        'Familles accompagnées;2026;12,5;Nom de l’organisation;\r\n' +
        '"Ateliers; ""collectifs""";2026-T1;12,5;Nom de l’organisation;\r\n',
    );
    expect(templateCsv([]).split('\r\n')[1]).toBe('Nom de l’indicateur;2026;12,5;Nom de l’organisation;');
  });
  it('the continuum as CSV: one line per date, the seven counts, decimals with a comma', () => {
    const point = (on: string, counts: number[], mean: number | null) => ({
      on,
      pairs: counts.reduce((a, b) => a + b, 0),
      counts,
      mean,
      coordinatedShare: mean === null ? null : 0.5,
    });
    const csv = continuumCsv(
      {
        territoryId: 't',
        from: '2025-01-01',
        to: '2026-01-01',
        points: [point('2025-03-31', [0, 0, 0, 0, 0, 0, 0], null), point('2025-06-30', [0, 1, 0, 0, 1, 0, 0], 3.5)],
        sinceLastYear: {
          yearAgo: point('2025-01-01', [0, 0, 0, 0, 0, 0, 0], null),
          now: point('2026-01-01', [0, 1, 0, 0, 1, 0, 0], 3.5),
          meanChange: null,
        },
      },
      ['1', '2', '3', '4', '5', '6', '7'],
    );
    expect(csv.split('\r\n')).toEqual([
      '\ufeffdate;paires;1;2;3;4;5;6;7;niveau moyen;part coordonnée ou plus',
      '2025-03-31;0;0;0;0;0;0;0;0;;',
      '2025-06-30;2;0;1;0;0;1;0;0;3,5;0,5',
      '',
    ]);
  });
});
