import { describe, expect, it } from 'vitest';
import { byFrenchName, compareFrench, sortFrench } from './collation';

describe('French collation', () => {
  it('puts accented capitals where French readers look for them, not after Z', () => {
    const names = ['Service jeunesse', 'Épicerie sociale', 'Zèbre association', 'Écrivains publics', 'centre social'];
    expect(sortFrench(names, (n) => n)).toEqual([
      'centre social',
      'Écrivains publics',
      'Épicerie sociale',
      'Service jeunesse',
      'Zèbre association',
    ]);
    // A byte-order sort puts "É" after "Z": the French order must differ from it.
    expect([...names].sort()).not.toEqual(sortFrench(names, (n) => n));
  });

  it('compares numbers as numbers and is total (case and accents break ties)', () => {
    expect(sortFrench(['Atelier 10', 'Atelier 2'], (n) => n)).toEqual(['Atelier 2', 'Atelier 10']);
    expect(compareFrench('ecole', 'École')).not.toBe(0);
    expect(compareFrench('École', 'École')).toBe(0);
    expect([{ name: 'Épi' }, { name: 'Eau' }].sort(byFrenchName).map((x) => x.name)).toEqual(['Eau', 'Épi']);
  });
});
