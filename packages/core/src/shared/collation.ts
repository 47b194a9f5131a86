/**
 * The French collation every list of names is sorted with: accents and case only break ties
 * ("Écrivains publics" and "Épicerie sociale" come before "Service jeunesse", not after "Z"
 * as a byte-order sort puts them), numbers compare as numbers ("Atelier 2" before "Atelier 10").
 * One collator, built once: `Intl.Collator` is costly to build and cheap to call.
 */
export const frenchCollator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** Compares two strings in French order, accents and case breaking ties so the order is total. */
export function compareFrench(a: string, b: string): number {
  return frenchCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Compares two items by their `name` in French order. */
export function byFrenchName(a: { readonly name: string }, b: { readonly name: string }): number {
  return compareFrench(a.name, b.name);
}

/** A copy of `items` sorted by `key` (their name by default) in French order. */
export function sortFrench<T>(items: Iterable<T>, key: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareFrench(key(a), key(b)));
}
