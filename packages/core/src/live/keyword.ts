/**
 * Keyword normalisation for the live word cloud: "Confiance", "confiance " and "la confiance"
 * count as one. Case, accents, spaces and punctuation are folded; leading French articles
 * (le, la, les, l', un, une, des, du, de la, de l', d') are dropped; each word loses a final
 * plural s or x. The key is only for counting: the cloud shows the form people typed most.
 */

const articles = new Set(['le', 'la', 'les', 'l', 'un', 'une', 'des', 'du', 'de', 'd']);

/** Longest keyword a participant may send, in characters, before normalisation. */
export const KEYWORD_MAX_LENGTH = 60;

/** Most words the facilitator may ask of each person (or group) in one word cloud. */
export const MAX_WORDS_PER_PERSON = 3;

/** Drops a final plural `s` or `x` from words of 4 letters or more (not `ss`/`xx`, so "process" stays). */
function singular(word: string): string {
  if (word.length < 4) return word;
  const last = word[word.length - 1];
  const before = word[word.length - 2];
  if ((last === 's' || last === 'x') && before !== 's' && before !== 'x') return word.slice(0, -1);
  return word;
}

/**
 * The counting key of a keyword, or '' when nothing is left (empty, only punctuation).
 * Idempotent: `keywordKey(keywordKey(x)) === keywordKey(x)`.
 */
export function keywordKey(text: string): string {
  const folded = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (!folded) return '';
  const words = folded.split(' ').map(singular);
  // Singular first, then articles: "unes amies" → "une amie" → "amie", so a second pass changes nothing.
  while (words.length > 1 && articles.has(words[0] as string)) words.shift();
  return words.join(' ');
}

/** The form shown for a keyword: trimmed, inner spaces collapsed, first letter upper-cased. */
export function keywordLabel(text: string): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.charAt(0).toLocaleUpperCase('fr-FR') + clean.slice(1);
}
