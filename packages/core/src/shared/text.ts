/** Lower-cases, strips accents and folds punctuation to spaces: the key for accent- and case-insensitive search. */
export function searchKey(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[''’`\-_.,;:/()]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A URL-safe slug from a French name: "Quartier des Érables" → "quartier-des-erables". */
export function slugify(value: string): string {
  return (
    searchKey(value)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'territoire'
  );
}

/**
 * The path of the first string holding a NUL character (U+0000) in a parsed value (strings,
 * arrays and plain objects, keys included), or undefined when there is none. PostgreSQL
 * refuses NUL in text and jsonb, so every input is checked once, where it is parsed.
 */
export function nulCharacterPath(value: unknown, path: readonly (string | number)[] = []): (string | number)[] | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? [...path] : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulCharacterPath(value[i], [...path, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null && !ArrayBuffer.isView(value)) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) return [...path, key];
      const found = nulCharacterPath(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * The number of edits between two words, a transposition of two neighbouring letters counting
 * as one ("cnetre" → "centre" is 1, as "socail" → "social"): the optimal string alignment
 * distance. Stops early and returns `max + 1` once the distance is known to exceed `max`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let before = new Array<number>(n + 1).fill(0);
  let previous = Array.from({ length: n + 1 }, (_, j) => j);
  let current = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let best = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (before[j - 2] as number) + 1);
      current[j] = d;
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[n] as number, max + 1);
}

/** How many typos a search word of this length may hold: one, two from eight letters. */
export function typoAllowance(word: string): number {
  return word.length >= 8 ? 2 : 1;
}
