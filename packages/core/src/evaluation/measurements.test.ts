import { describe, expect, it } from 'vitest';
import { readCsv } from '../shared/csv';
import { normalisePeriod, parseFrenchNumber, periodOf, periodsDue, planMeasurementImport } from './measurements';

describe('periods', () => {
  it('reads one form per frequency', () => {
    expect(normalisePeriod(' 2026-t3 ', 'trimestrielle')).toBe('2026-T3');
    expect(normalisePeriod('2026-T5', 'trimestrielle')).toBeNull();
    expect(normalisePeriod('2026', 'annuelle')).toBe('2026');
    expect(normalisePeriod('2026-02-30', 'ponctuelle')).toBeNull();
    expect(normalisePeriod('2026-13', 'mensuelle')).toBeNull();
  });
  it('places a day in its period', () => {
    expect(periodOf('2026-08-14', 'trimestrielle')).toBe('2026-T3');
    expect(periodOf('2026-08-14', 'semestrielle')).toBe('2026-S2');
    expect(periodOf('2026-08-14', 'mensuelle')).toBe('2026-08');
  });
  it('owes every ended period not yet reported', () => {
    expect(periodsDue('trimestrielle', '2025-T3', '2026-05-02', new Set(['2025-T4']))).toEqual(['2025-T3', '2026-T1']);
    expect(periodsDue('annuelle', '2024', '2026-01-01', new Set())).toEqual(['2024', '2025']);
    expect(periodsDue('mensuelle', '2026-11', '2027-01-15', new Set())).toEqual(['2026-11', '2026-12']);
    expect(periodsDue('ponctuelle', '2026-01-01', '2027-01-01', new Set())).toEqual([]);
  });
});

describe('French numbers', () => {
  it('reads a decimal comma, spaces between thousands and a per cent sign', () => {
    expect(parseFrenchNumber('1 234,5')).toBe(1234.5);
    expect(parseFrenchNumber('1\u202f234,5')).toBe(1234.5);
    expect(parseFrenchNumber('12,0 %')).toBe(12);
    expect(parseFrenchNumber('-3')).toBe(-3);
    expect(parseFrenchNumber('douze')).toBeNull();
    expect(parseFrenchNumber('')).toBeNull();
  });
});

describe('planMeasurementImport', () => {
  const indicators = [{ id: 'i1', name: 'Parents contactés', frequency: 'trimestrielle' as const }];
  const organisations = [
    { id: 'o1', name: 'Centre social des Tilleuls' },
    { id: 'o2', name: 'Association Élan' },
  ];
  const file = (text: string) => readCsv(new TextEncoder().encode(text));
  it('plans every line, marking corrections of a period already reported', () => {
    const plan = planMeasurementImport(
      file(
        'Indicateur;Période;Valeur;Organisation;Commentaire\nParents contactés;2026-T1;12,5;centre social des tilleuls;ok\nParents contactés;2026-T1;3;Association Elan;\n',
      ),
      indicators,
      organisations,
      new Set(['i1|o2|2026-T1']),
    );
    expect(plan.errors).toEqual([]);
    expect(plan.rows).toEqual([
      { line: 2, indicatorId: 'i1', organisationId: 'o1', period: '2026-T1', value: 12.5, comment: 'ok', correction: false },
      { line: 3, indicatorId: 'i1', organisationId: 'o2', period: '2026-T1', value: 3, comment: '', correction: true },
    ]);
  });
  it('is all or nothing, naming each error by line and column in French', () => {
    const plan = planMeasurementImport(
      file(
        'indicateur;periode;valeur;organisation\nParents contactés;2026-T1;douze;Association Élan\nInconnu;2026;1;Association Élan\nParents contactés;2026;1;Association Élan\nParents contactés;2026-T2;1;Association Élan\nParents contactés;2026-T2;2;Association Élan\n',
      ),
      indicators,
      organisations,
      new Set(),
    );
    expect(plan.rows).toEqual([]);
    expect(plan.errors).toEqual([
      { line: 2, column: 'valeur', message: 'valeur non numérique : « douze »' },
      { line: 3, column: 'indicateur', message: 'indicateur inconnu : « Inconnu »' },
      { line: 4, column: 'période', message: 'période « 2026 » invalide : attendu un trimestre, par exemple 2026-T3' },
      { line: 6, column: 'période', message: 'même indicateur, organisation et période qu’à la ligne 5' },
    ]);
  });
  it('names a missing column', () => {
    const plan = planMeasurementImport(file('indicateur;valeur\nx;1\n'), indicators, organisations, new Set());
    expect(plan.errors.map((e) => e.message)).toEqual([
      'colonne « période » absente de l’en-tête',
      'colonne « organisation » absente de l’en-tête',
    ]);
  });
});
