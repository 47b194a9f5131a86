import { urgencyWordForms } from './activities';
import { keywordKey } from './keyword';
import { COLLECTIVE_NAME_MAX_LENGTH } from './protocol';

/**
 * Names the collectives formed in a room from what brought them together: the theme their members
 * share most, joined by a word of their urgencies they share, in a short, readable French name
 * ("Mobilité et transports", "Logement"). Pure and deterministic: the same members' urgencies give
 * the same names, in any order of members. Names are unique in the room (compared without case or
 * accents); a collective whose members share nothing is named after its most written theme or word,
 * and one with nothing written keeps "Collectif n".
 */

export interface CollectiveNamingInput {
  /** The collective's number in the room (1, 2, …): the fallback name. */
  readonly number: number;
  /** What each member declared: the text of their urgency and the themes they ticked. */
  readonly urgencies: readonly { readonly text: string; readonly themes: readonly string[] }[];
}

interface Topic {
  readonly key: string;
  readonly label: string;
  readonly n: number;
  readonly theme: boolean;
}

const capitalised = (s: string) => s.charAt(0).toLocaleUpperCase('fr-FR') + s.slice(1);
/** A theme inside a name: "Emploi" → "emploi", an acronym ("CAF", "QPV") kept. */
const inner = (s: string) => (/^\p{Lu}\p{Ll}/u.test(s) ? s.charAt(0).toLocaleLowerCase('fr-FR') + s.slice(1) : s);
const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
const collator = new Intl.Collator('fr', { sensitivity: 'base' });

/** The themes and the words of a collective's urgencies, most shared first (ties in French order). */
function topicsOf(input: CollectiveNamingInput): Topic[] {
  type Count = { label: string; n: number; at: number };
  const themes = new Map<string, Count>();
  const words = new Map<string, Count>();
  // `at`: how early it is written (summed over members): people name what matters first.
  const count = (into: Map<string, Count>, key: string, label: string, at: number) => {
    const entry = into.get(key);
    if (entry) {
      entry.n++;
      entry.at += at;
      // The same label whatever the order of members: the first in French order.
      if (collator.compare(label, entry.label) < 0) entry.label = label;
    } else into.set(key, { label, n: 1, at });
  };
  for (const u of input.urgencies) {
    const seen = new Set<string>();
    for (const theme of u.themes) {
      const key = keywordKey(theme);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      count(themes, key, clean(theme), 0);
    }
    urgencyWordForms(u.text).forEach((w, i) => {
      count(words, w.key, w.form.toLocaleLowerCase('fr-FR'), i);
    });
  }
  const sorted = (m: Map<string, Count>, theme: boolean): Topic[] =>
    [...m]
      .map(([key, v]) => ({ key, label: v.label, n: v.n, at: v.at, theme }))
      .sort((a, b) => b.n - a.n || a.at - b.at || collator.compare(a.label, b.label) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ at: _at, ...t }) => t);
  const themeTopics = sorted(themes, true);
  // A word already in a theme ("mobilité" under "Mobilité et transports") adds nothing to the name.
  const themeWords = new Set(themeTopics.flatMap((t) => t.key.split(' ')));
  const wordTopics = sorted(words, false).filter((w) => !themeWords.has(w.key));
  // Shared first (themes before words), then what one member alone wrote.
  return [
    ...themeTopics.filter((t) => t.n > 1),
    ...wordTopics.filter((w) => w.n > 1),
    ...themeTopics.filter((t) => t.n === 1),
    ...wordTopics.filter((w) => w.n === 1),
  ];
}

function fit(name: string, max = COLLECTIVE_NAME_MAX_LENGTH): string {
  if (name.length <= max) return name;
  const cut = name.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > 20 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

const nameKey = (name: string) => keywordKey(name) || name.toLocaleLowerCase('fr-FR');

/** Two names the room would confuse: the same once case, accents and articles are left out. */
export function sameCollectiveName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

/** The names of a room's collectives, in the order given, unique in the room. */
export function nameCollectives(collectives: readonly CollectiveNamingInput[]): string[] {
  const taken = new Set<string>();
  const take = (name: string) => {
    taken.add(nameKey(name));
    return name;
  };
  const free = (name: string) => !taken.has(nameKey(name));
  return collectives.map((c) => {
    const topics = topicsOf(c);
    const first = topics[0];
    if (!first) {
      let n = c.number;
      while (!free(`Collectif ${n}`)) n++;
      return take(`Collectif ${n}`);
    }
    const head = capitalised(first.label);
    const shared = topics.slice(1).filter((t) => t.n > 1);
    const candidates = [
      // The most shared topic, with the next shared one when there is one.
      shared[0] ? `${head} et ${inner(shared[0].label)}` : head,
      head,
      // Taken: the next topics, shared or not, tell two collectives of the same theme apart.
      ...topics.slice(1).map((t) => `${head} et ${inner(t.label)}`),
    ].map((n) => fit(n));
    const found = candidates.find(free);
    if (found) return take(found);
    const base = candidates[0] ?? head;
    const numbered = (n: number) => `${fit(base, COLLECTIVE_NAME_MAX_LENGTH - String(n).length - 1)} ${n}`;
    let n = 2;
    while (!free(numbered(n))) n++;
    return take(numbered(n));
  });
}
