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
