import { describe, expect, it } from 'vitest';
import { BUDGET_CODES, type BudgetLine, budgetProblems, budgetTotals, consolidate, formatEuros, shareBasisPoints } from './budget';

const line = (code: string, amountCents: number, detail = '', cofunderId: string | null = null): BudgetLine => ({
  code,
  amountCents,
  detail,
  cofunderId,
});

describe('the CERFA 12156 budget, in cents', () => {
  it('sums charges, produits, the contributions in kind and the subsidies apart', () => {
    const t = budgetTotals([
      line('601', 1_000_00),
      line('641', 4_000_00),
      line('CI1', 500_00),
      line('864', 300_00),
      line('74-ETAT', 2_500_00),
      line('74-COMMUNE', 1_000_00),
      line('70', 2_000_00),
      line('870', 300_00),
    ]);
    expect(t).toEqual({
      charges: 5_500_00,
      produits: 5_500_00,
      chargesNature: 300_00,
      produitsNature: 300_00,
      subsidies: 3_500_00,
      gap: 0,
      gapNature: 0,
      balanced: true,
    });
    expect(budgetProblems([line('601', 100_00), line('70', 100_00)])).toEqual([]);
  });

  it('says the gap in euros when it does not balance, either way, and for 86/87', () => {
    expect(budgetProblems([line('601', 1_234_56), line('70', 1_000_00)])).toEqual([
      'Le budget n’est pas équilibré : les charges (1\u202f234,56\u00a0€) dépassent les produits (1\u202f000,00\u00a0€) de 234,56\u00a0€.',
    ]);
    expect(budgetProblems([line('601', 1_00), line('70', 2_01)])[0]).toContain('dépassent les charges (1,00\u00a0€) de 1,01\u00a0€');
    expect(budgetProblems([line('601', 1_00), line('70', 1_00), line('864', 50_00)])[0]).toContain('écart de 50,00\u00a0€');
    expect(budgetProblems([])).toContain('Le budget n’a aucune charge.');
  });

  it('formats euros the French way, negative too', () => {
    expect(formatEuros(0)).toBe('0,00\u00a0€');
    expect(formatEuros(5)).toBe('0,05\u00a0€');
    expect(formatEuros(123_456_789_01)).toBe('123\u202f456\u202f789,01\u00a0€');
    expect(formatEuros(-1_000_00)).toBe('-1\u202f000,00\u00a0€');
  });

  it('gives each funder’s share in basis points, rounded half up, 0 on an empty budget', () => {
    expect(shareBasisPoints(1, 3)).toBe(3333);
    expect(shareBasisPoints(2, 3)).toBe(6667);
    expect(shareBasisPoints(1, 8)).toBe(1250);
    expect(shareBasisPoints(1, 20_000)).toBe(1); // 0.5 bp rounds up
    expect(shareBasisPoints(100, 0)).toBe(0);
  });

  it('consolidates the structures’ budgets by code, funder and detail, in the grid’s order', () => {
    const f = '00000000-0000-4000-8000-000000000001';
    const merged = consolidate([
      [line('74-ETAT', 1_000_00, 'ANCT', f), line('601', 300_00)],
      [line('601', 200_00), line('74-ETAT', 500_00, 'ANCT', f), line('74-ETAT', 100_00, 'DRAJES')],
    ]);
    expect(merged).toEqual([line('601', 500_00), line('74-ETAT', 1_500_00, 'ANCT', f), line('74-ETAT', 100_00, 'DRAJES')]);
  });

  it('balances a 40-line budget to the cent (no float ever creeps in)', () => {
    const charges = BUDGET_CODES.filter((c) => c.side === 'charges' && c.part === 'main');
    const produits = BUDGET_CODES.filter((c) => c.side === 'produits' && c.part === 'main');
    const lines: BudgetLine[] = [];
    // 20 charge lines with amounts ending in odd cents (0,01 €, 0,07 €, 0,10 €…: sums floats get wrong).
    for (let i = 0; i < 20; i++) lines.push(line(charges[i % charges.length]!.code, 10 + i * 1_001 + (i % 3) * 7, `charge ${i}`));
    const totalCharges = lines.reduce((s, l) => s + l.amountCents, 0);
    // 19 produit lines of odd amounts, the 20th makes up the rest exactly.
    let rest = totalCharges;
    for (let i = 0; i < 19; i++) {
      const amount = 1 + i * 977;
      lines.push(line(produits[i % produits.length]!.code, amount, `produit ${i}`));
      rest -= amount;
    }
    lines.push(line('RP', rest, 'ressources propres'));
    expect(lines).toHaveLength(40);
    expect(rest).toBeGreaterThan(0);
    const t = budgetTotals(lines);
    expect(t.charges).toBe(totalCharges);
    expect(t.produits).toBe(totalCharges);
    expect(t.balanced).toBe(true);
    expect(budgetProblems(lines)).toEqual([]);
    expect(Number.isInteger(t.produits)).toBe(true);
    // One cent off is refused, naming 0,01 €.
    const off = lines.map((l, i) => (i === 0 ? { ...l, amountCents: l.amountCents + 1 } : l));
    expect(budgetProblems(off)[0]).toContain('de 0,01\u00a0€');
  });
});
