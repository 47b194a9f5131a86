import { compareFrench } from '../shared/collation';
import { z } from 'zod';
import { BUDGET_CODE_VALUES, BUDGET_CODES, budgetCode } from './budget-grid';

export * from './budget-grid';
/**
 * The budget grid of the CERFA 12156 (Dauphin's encoding): charges 60 to 69, the indirect
 * charges and 86; produits 70 to 79, the own resources and 87, with one 74 line per funder.
 * Amounts are integers in cents, never floating point. The same grid carries the compte rendu
 * financier (CERFA 15059: planned, actual, gap).
 */

/** The largest amount of one line: a billion euros, in cents. */
export const MAX_LINE_CENTS = 100_000_000_000;

export const budgetLineSchema = z.object({
  code: z.enum(BUDGET_CODE_VALUES, 'code budgétaire inconnu de la grille CERFA 12156'),
  /** What the line is: the ministry of a 74-ETAT line, the commune of a 74-COMMUNE line, a detail of a charge. */
  detail: z.string().trim().max(200, 'précision trop longue : 200 caractères au plus').default(''),
  /** The co-funder of the call this 74 line asks (its requested amount in the committee's table). */
  cofunderId: z.uuid('financeur invalide').nullable().default(null),
  amountCents: z
    .number('montant invalide')
    .int('montant en centimes entiers')
    .min(0, 'un montant ne peut pas être négatif')
    .max(MAX_LINE_CENTS, 'montant trop élevé'),
});
export type BudgetLine = z.output<typeof budgetLineSchema>;
export type BudgetLineInput = z.input<typeof budgetLineSchema>;

export interface BudgetTotals {
  /** Total of charges 60 to 69 and the indirect charges. */
  readonly charges: number;
  /** Total of produits 70 to 79 and own resources. */
  readonly produits: number;
  /** 86 and 87: the voluntary contributions in kind. */
  readonly chargesNature: number;
  readonly produitsNature: number;
  /** Total of the 74 lines. */
  readonly subsidies: number;
  /** produits − charges (0 when balanced), and 87 − 86. */
  readonly gap: number;
  readonly gapNature: number;
  readonly balanced: boolean;
}

/** Sums a budget, exactly (integers). */
export function budgetTotals(lines: readonly Pick<BudgetLine, 'code' | 'amountCents'>[]): BudgetTotals {
  let charges = 0;
  let produits = 0;
  let chargesNature = 0;
  let produitsNature = 0;
  let subsidies = 0;
  for (const line of lines) {
    const code = budgetCode(line.code);
    if (!code) continue;
    if (code.side === 'charges') {
      if (code.part === 'main') charges += line.amountCents;
      else chargesNature += line.amountCents;
    } else {
      if (code.part === 'main') produits += line.amountCents;
      else produitsNature += line.amountCents;
      if (code.subsidy) subsidies += line.amountCents;
    }
  }
  const gap = produits - charges;
  const gapNature = produitsNature - chargesNature;
  return { charges, produits, chargesNature, produitsNature, subsidies, gap, gapNature, balanced: gap === 0 && gapNature === 0 };
}

/** An amount in cents as French people write euros: `12 345,67 €` (narrow no-break space for thousands). */
export function formatEuros(cents: number): string {
  const negative = cents < 0;
  const abs = Math.abs(cents);
  const euros = Math.floor(abs / 100);
  const rest = abs % 100;
  const grouped = String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
  return `${negative ? '-' : ''}${grouped},${String(rest).padStart(2, '0')}\u00a0€`;
}

/** The French reasons a budget does not balance (empty when it does), naming the gap in euros. */
export function budgetProblems(lines: readonly Pick<BudgetLine, 'code' | 'amountCents'>[]): string[] {
  const t = budgetTotals(lines);
  const problems: string[] = [];
  if (t.charges === 0) problems.push('Le budget n’a aucune charge.');
  if (t.gap !== 0) {
    problems.push(
      t.gap < 0
        ? `Le budget n’est pas équilibré : les charges (${formatEuros(t.charges)}) dépassent les produits (${formatEuros(t.produits)}) de ${formatEuros(-t.gap)}.`
        : `Le budget n’est pas équilibré : les produits (${formatEuros(t.produits)}) dépassent les charges (${formatEuros(t.charges)}) de ${formatEuros(t.gap)}.`,
    );
  }
  if (t.gapNature !== 0) {
    problems.push(
      `Les contributions volontaires en nature ne s’équilibrent pas : emplois (86) ${formatEuros(t.chargesNature)}, contributions (87) ${formatEuros(t.produitsNature)}, écart de ${formatEuros(Math.abs(t.gapNature))}.`,
    );
  }
  return problems;
}

/** Each funder's share of the total produits, in basis points (1/100 of a percent), rounded half up. */
export function shareBasisPoints(amountCents: number, totalProduitsCents: number): number {
  if (totalProduitsCents <= 0) return 0;
  return Math.floor((amountCents * 10_000 * 2 + totalProduitsCents) / (2 * totalProduitsCents));
}

/**
 * A collective's consolidated budget: the structures' lines summed by code, detail and funder,
 * in the grid's order.
 */
export function consolidate(budgets: readonly (readonly BudgetLine[])[]): BudgetLine[] {
  const sums = new Map<string, BudgetLine>();
  for (const lines of budgets) {
    for (const line of lines) {
      const key = `${line.code}\u0000${line.cofunderId ?? ''}\u0000${line.detail}`;
      const seen = sums.get(key);
      sums.set(key, seen ? { ...seen, amountCents: seen.amountCents + line.amountCents } : { ...line });
    }
  }
  const order = new Map(BUDGET_CODES.map((b, i) => [b.code, i]));
  return [...sums.values()].sort((a, b) => (order.get(a.code) ?? 0) - (order.get(b.code) ?? 0) || compareFrench(a.detail, b.detail));
}
