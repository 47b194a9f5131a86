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
