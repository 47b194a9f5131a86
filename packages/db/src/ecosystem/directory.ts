import {
  type DirectoryFilters,
  type DirectoryOrganisation,
  type DirectoryPerson,
  editDistance,
  searchKey,
  typoAllowance,
} from '@maillage/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema';

/**
 * The directory: organisations and people matching `q` (accent- and case-insensitive, with
 * trigram similarity for small typos), best matches first.
 */
export async function searchDirectory(
  db: Kysely<DB>,
  f: DirectoryFilters,
): Promise<{ organisations: DirectoryOrganisation[]; people: DirectoryPerson[] }> {
  const key = searchKey(f.q);
  const likeOf = (k: string) => `%${k.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const territoryIds = f.territoryIds ? [...f.territoryIds] : null;
  /** What a pass looks for: the substring (and its prefix, ranked first), or each of its words. */
  type Pattern = { readonly like: string; readonly prefix: string; readonly words: readonly string[] };
  const patternOf = (k: string): Pattern => ({ like: likeOf(k), prefix: `${k}%`, words: k.split(' ').filter(Boolean).map(likeOf) });
  const typed = patternOf(key);
  type Mode = 'all' | 'like' | 'words' | 'fuzzy';
  // Passes, cheapest first, until one finds something: the substring (a trigram-indexed LIKE);
  // every word in any order; the same two with each unknown word corrected to the closest word of
  // the directory (a small table); only then, when some word is unknown to the directory, the
  // fuzzy pass over every name (word similarity), the expensive one.
  const passes = async <T extends { id: string }>(
    run: (mode: Mode, limit: number, pattern: Pattern) => Promise<T[]>,
    corrected: () => Promise<{ pattern: Pattern | null; allKnown: boolean }>,
  ): Promise<T[]> => {
    if (!key) return run('all', f.limit, typed);
    const found = await run('like', f.limit, typed);
    if (found.length > 0 || key.length < 3) return found;
    if (typed.words.length > 1) {
      const anyOrder = await run('words', f.limit, typed);
      if (anyOrder.length > 0) return anyOrder;
    }
    const { pattern: fixed, allKnown } = await corrected();
    if (fixed) {
      for (const mode of ['like', 'words'] as const) {
        if (mode === 'words' && fixed.words.length < 2) continue;
        const byCorrection = await run(mode, f.limit, fixed);
        if (byCorrection.length > 0) return byCorrection;
      }
    }
    return allKnown ? [] : run('fuzzy', f.limit, typed);
  };
  // The fuzzy test is written `column %> key`, the form the trigram index answers: the same
  // test as `key <% column`, but PostgreSQL then computes the similarity once per candidate
  // (index recheck) instead of again as a filter.
  const match = (column: string, mode: Mode, pattern: Pattern) => {
    if (mode === 'all') return sql``;
    if (mode === 'like') return sql`and ${sql.ref(column)} like ${pattern.like}`;
    if (mode === 'words')
      return sql.join(
        pattern.words.map((w) => sql`and ${sql.ref(column)} like ${w}`),
        sql` `,
      );
    return sql`and ${sql.ref(column)} %> ${key}`;
  };
  const order = (column: string, mode: Mode, pattern: Pattern) =>
    mode === 'like'
      ? sql`case when ${sql.ref(column)} like ${pattern.prefix} then 0 else 1 end,`
      : mode === 'fuzzy'
        ? sql`word_similarity(${key}, ${sql.ref(column)}) desc,`
        : sql``;
  return db.transaction().execute(async (trx) => {
    // Typo tolerance: a lower threshold than the default 0.6 lets "pasrelle" find "passerelle".
    await sql`set local pg_trgm.word_similarity_threshold = 0.45`.execute(trx);
    await sql`set local pg_trgm.similarity_threshold = 0.2`.execute(trx);
    // Each word of 4 letters or more that no name holds, replaced by the closest word that one
    // does ("pasrelle" → "passerelle"); computed once, when a pass first needs it.
    let correction: Promise<{ pattern: Pattern | null; allKnown: boolean }> | undefined;
    const corrected = () => {
      correction ??= (async () => {
        const words = key.split(' ');
        const long = words.filter((w) => w.length >= 4);
        if (long.length === 0) return { pattern: null, allKnown: false };
        const known = new Set(
          (await sql<{ word: string }>`select word from search_words where word = any(${long}::text[])`.execute(trx)).rows.map(
            (r) => r.word,
          ),
        );
        if (long.every((w) => known.has(w))) return { pattern: null, allKnown: true };
        let changed = false;
        const out: string[] = [];
        for (const w of words) {
          if (w.length < 4 || known.has(w)) {
            out.push(w);
            continue;
          }
          // Candidates by trigrams (a low threshold: "cnetre" and "centre" share only 3 of 11),
          // then the closest by edits, a transposition counting as one; none within the
          // allowance leaves the word as typed.
          const candidates = await sql<{ word: string }>`
            select word from search_words where word % ${w} order by similarity(word, ${w}) desc, word limit 40`.execute(trx);
          const allowed = typoAllowance(w);
          let word = w;
          let distance = allowed + 1;
          for (const c of candidates.rows) {
            const d = editDistance(w, c.word, allowed);
            if (d < distance) [word, distance] = [c.word, d];
          }
          changed ||= word !== w;
          out.push(word);
        }
        return { pattern: changed ? patternOf(out.join(' ')) : null, allKnown: false };
      })();
      return correction;
    };
    const organisations = f.resource
      ? []
      : await passes(
          async (mode, limit, pattern) =>
            (
              await sql<{ id: string; name: string; kind: string; commune: string | null; themes: string[] | null }>`
            select o.id, o.name, o.kind, c.name as commune,
              (select array_agg(t.label order by t.label_key, t.label) from organisation_themes ot join eco_themes t on t.id = ot.theme_id where ot.organisation_id = o.id) as themes
            from organisations o left join territories c on c.id = o.commune_id
            where o.merged_into is null ${match('o.search_key', mode, pattern)}
              ${f.kind ? sql`and o.kind = ${f.kind}` : sql``}
              ${territoryIds ? sql`and exists (select 1 from organisation_territories x where x.organisation_id = o.id and x.territory_id = any(${territoryIds}::uuid[]))` : sql``}
              ${f.themeId ? sql`and exists (select 1 from organisation_themes y where y.organisation_id = o.id and y.theme_id = ${f.themeId})` : sql``}
            order by ${order('o.search_key', mode, pattern)} o.search_key, o.name
            limit ${limit}`.execute(trx)
            ).rows.map((r) => ({ ...r, themes: r.themes ?? [] })),
          corrected,
        );
    const people = f.kind
      ? []
      : await passes(
          async (mode, limit, pattern) =>
            (
              await sql<{
                id: string;
                name: string;
                function: string | null;
                is_resource: boolean;
                resource_for: string | null;
                organisations: string[] | null;
              }>`
            select p.id, p.name, p.function, p.is_resource, p.resource_for,
              (select array_agg(o.name order by o.search_key, o.name) from person_organisations po join organisations o on o.id = po.organisation_id where po.person_id = p.id) as organisations
            from people p
            where p.erased_at is null ${match('p.search_key', mode, pattern)}
              ${f.resource ? sql`and p.is_resource` : sql``}
              ${territoryIds ? sql`and (exists (select 1 from person_territories x where x.person_id = p.id and x.territory_id = any(${territoryIds}::uuid[])) or exists (select 1 from person_organisations po2 join organisation_territories ot2 on ot2.organisation_id = po2.organisation_id where po2.person_id = p.id and ot2.territory_id = any(${territoryIds}::uuid[])))` : sql``}
              ${f.themeId ? sql`and exists (select 1 from person_themes y where y.person_id = p.id and y.theme_id = ${f.themeId})` : sql``}
            order by ${order('p.search_key', mode, pattern)} p.search_key, p.name
            limit ${limit}`.execute(trx)
            ).rows.map((r) => ({
              id: r.id,
              name: r.name,
              function: r.function,
              isResource: r.is_resource,
              resourceFor: r.resource_for,
              organisations: r.organisations ?? [],
            })),
          corrected,
        );
    return { organisations, people };
  });
}
