import { sql } from 'kysely';
import { addTraces, ERASED_NAME, foundOf, type PersonalDataDeclaration } from '../privacy/declaration';

/**
 * Change pathways: the journal notes she wrote and the versions she made keep her user id and her
 * name (shown as their author, and inside later snapshots' journal). Erasure keeps the notes and
 * the versions (the pathway's history stays whole) under « Personne effacée », unlinked from her
 * account, and rewrites that name inside the stored snapshots.
 */
export const changePersonalData: PersonalDataDeclaration = {
  capability: 'change',
  holds: [
    {
      table: 'pathway_journal',
      columns: ['author_id', 'author_name'],
      what: 'journal notes she wrote: her name anonymised, the note kept',
    },
    {
      table: 'pathway_versions',
      columns: ['author_id', 'author_name', 'snapshot'],
      what: 'versions she made, and her name as the author of journal notes inside snapshots: anonymised',
    },
    { table: 'pathways', columns: ['created_by'], what: 'who created a pathway: unlinked' },
    { table: 'pathway_reviews', columns: ['created_by'], what: 'who recorded a review: unlinked' },
  ],
  async locate(db, subject) {
    if (!subject.userId) return;
    const notes = await db.selectFrom('pathway_journal').select(['id', 'author_name']).where('author_id', '=', subject.userId).execute();
    subject.found.set(
      'pathway_journal',
      notes.map((n) => n.id),
    );
    const versions = await db
      .selectFrom('pathway_versions')
      .select(['pathway_id', 'version', 'author_name'])
      .where('author_id', '=', subject.userId)
      .execute();
    subject.found.set(
      'pathway_versions',
      versions.map((v) => `${v.pathway_id}:${v.version}`),
    );
    for (const r of [...notes, ...versions]) addTraces(subject, r.author_name);
  },
  async export(db, subject) {
    if (!subject.userId) return { pathwayJournal: [], pathwayVersions: [] };
    const pathwayJournal = await db
      .selectFrom('pathway_journal as j')
      .innerJoin('pathways as p', 'p.id', 'j.pathway_id')
      .select([
        'p.id as pathwayId',
        'p.title as pathway',
        'j.on_day as on',
        'j.text',
        'j.author_name as author',
        'j.created_at as createdAt',
      ])
      .where('j.author_id', '=', subject.userId)
      .orderBy('j.created_at')
      .execute();
    const pathwayVersions = await db
      .selectFrom('pathway_versions as v')
      .innerJoin('pathways as p', 'p.id', 'v.pathway_id')
      .select(['p.id as pathwayId', 'p.title as pathway', 'v.version', 'v.at', 'v.summary', 'v.author_name as author'])
      .where('v.author_id', '=', subject.userId)
      .orderBy('v.at')
      .execute();
    return { pathwayJournal, pathwayVersions };
  },
  async erase(trx, subject) {
    const notes = foundOf(subject, 'pathway_journal');
    const versions = foundOf(subject, 'pathway_versions');
    if (!subject.userId) return { counts: { pathwayNotes: 0, pathwayVersions: 0 } };
    const userId = subject.userId;
    // The pathways whose snapshots may show her as a note's author.
    const touched = await trx.selectFrom('pathway_journal').select('pathway_id').distinct().where('author_id', '=', userId).execute();
    await trx.updateTable('pathway_journal').set({ author_id: null, author_name: ERASED_NAME }).where('author_id', '=', userId).execute();
    await trx.updateTable('pathway_versions').set({ author_id: null, author_name: ERASED_NAME }).where('author_id', '=', userId).execute();
    await trx.updateTable('pathways').set({ created_by: null }).where('created_by', '=', userId).execute();
    await trx.updateTable('pathway_reviews').set({ created_by: null }).where('created_by', '=', userId).execute();
    // Inside snapshots, her notes are known by id: their author becomes « Personne effacée ».
    if (notes.length && touched.length) {
      await sql`
        update pathway_versions v set snapshot = jsonb_set(v.snapshot, '{journal}', (
          select coalesce(jsonb_agg(case when j->>'id' = any(${notes}::text[]) then jsonb_set(j, '{author}', to_jsonb(${ERASED_NAME}::text)) else j end order by ord), '[]'::jsonb)
          from jsonb_array_elements(v.snapshot->'journal') with ordinality as e(j, ord)))
        where v.pathway_id = any(${touched.map((t) => t.pathway_id)}::uuid[]) and jsonb_typeof(v.snapshot->'journal') = 'array'`.execute(
        trx,
      );
    }
    return { counts: { pathwayNotes: notes.length, pathwayVersions: versions.length } };
  },
};
