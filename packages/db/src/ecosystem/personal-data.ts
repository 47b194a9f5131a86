import { type Kysely, sql } from 'kysely';
import { addTraces, ERASED_NAME, ERASED_TEXT, foundOf, type PersonalDataDeclaration } from '../privacy/declaration';
import type { DB } from '../schema';
import { getPerson } from './people';

/**
 * The ecosystem's person: her row (name, function, contact details, account link), her
 * territories, themes, organisations and acquaintances. Erasure keeps the row, anonymised, so that
 * what she took part in still adds up; her acquaintances, territories and themes go, and the words
 * of her name leave the directory's spelling suggestions.
 */
export const ecosystemPersonalData: PersonalDataDeclaration = {
  capability: 'ecosystem',
  holds: [
    { table: 'people', columns: ['id'], what: 'name, function, e-mail, phone, consent, account: anonymised' },
    { table: 'person_organisations', columns: ['person_id'], what: 'her organisations: kept, anonymous once her row is' },
    { table: 'person_territories', columns: ['person_id'], what: 'her territories: deleted' },
    { table: 'person_themes', columns: ['person_id'], what: 'her themes: deleted' },
    { table: 'acquaintances', columns: ['person_a', 'person_b'], what: 'who she knows: deleted' },
    {
      table: 'organisation_proposals',
      columns: ['author_user_id', 'decided_by'],
      what: 'changes she proposed or decided: kept for the organisation’s history, unlinked from her account, her message and note effaced',
    },
  ],
  async locate(db, subject) {
    const p = await db
      .selectFrom('people')
      .select(['id', 'name', 'email', 'phone', 'user_id'])
      .where('id', '=', subject.personId)
      .executeTakeFirst();
    if (!p) return;
    subject.found.set('people', [p.id]);
    subject.userId = p.user_id;
    addTraces(subject, p.name, p.email, p.phone);
    if (p.phone) addTraces(subject, p.phone.replace(/\s+/g, ''));
    if (p.email) subject.emails.add(p.email.toLowerCase());
  },
  async export(db, subject) {
    const id = subject.personId;
    const person = await getPerson(db, id);
    const acquaintances = await sql<{ name: string; source: string; met_on: string | null }>`
      select o.name, a.source, a.met_on::text from acquaintances a
      join people o on o.id = case when a.person_a = ${id} then a.person_b else a.person_a end
      where a.person_a = ${id} or a.person_b = ${id}`.execute(db);
    const assessments = subject.userId
      ? (
          await sql<{ organisation: string; partner: string; level: number; assessed_on: string; note: string | null }>`
          select ob.name as organisation, op.name as partner, ca.level, ca.assessed_on::text, ca.note
          from cooperation_assessments ca
          join organisations ob on ob.id = ca.on_behalf_of
          join organisations op on op.id = case when ca.org_a = ca.on_behalf_of then ca.org_b else ca.org_a end
          where ca.assessed_by = ${subject.userId}`.execute(db)
        ).rows
      : [];
    const proposals = subject.userId
      ? (
          await sql<{
            organisation: string;
            role: 'author' | 'decider';
            status: string;
            changes: unknown;
            message: string | null;
            decision_note: string | null;
            created_at: string;
            decided_at: string | null;
          }>`
          select o.name as organisation, case when p.author_user_id = ${subject.userId} then 'author' else 'decider' end as role,
            p.status, p.changes, p.message, p.decision_note, p.created_at::text, p.decided_at::text
          from organisation_proposals p join organisations o on o.id = p.organisation_id
          where p.author_user_id = ${subject.userId} or p.decided_by = ${subject.userId}
          order by p.created_at`.execute(db)
        ).rows
      : [];
    return { person, acquaintances: acquaintances.rows, assessmentsMade: assessments, organisationProposals: proposals };
  },
  async erase(trx, subject) {
    const id = subject.personId;
    if (foundOf(subject, 'people').length === 0) return { counts: { acquaintances: 0, organisationProposals: 0 } };
    const before = await trx.selectFrom('people').select('search_key').where('id', '=', id).executeTakeFirstOrThrow();
    await trx
      .updateTable('people')
      .set({
        name: ERASED_NAME,
        search_key: '',
        function: null,
        user_id: null,
        is_resource: false,
        resource_for: null,
        email: null,
        phone: null,
        contact_consent: false,
        contact_consent_on: null,
        erased_at: new Date(),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await trx.deleteFrom('person_territories').where('person_id', '=', id).execute();
    await trx.deleteFrom('person_themes').where('person_id', '=', id).execute();
    const acquaintances = await trx
      .deleteFrom('acquaintances')
      .where((eb) => eb.or([eb('person_a', '=', id), eb('person_b', '=', id)]))
      .executeTakeFirst();
    await forgetSearchWords(trx, before.search_key);
    let proposals = 0;
    if (subject.userId) {
      // The proposals stay in the organisation's history; what she wrote in them goes.
      const authored = await trx
        .updateTable('organisation_proposals')
        .set((eb) => ({ author_user_id: null, message: eb.case().when('message', 'is not', null).then(ERASED_TEXT).else(null).end() }))
        .where('author_user_id', '=', subject.userId)
        .executeTakeFirst();
      const decided = await trx
        .updateTable('organisation_proposals')
        .set((eb) => ({
          decided_by: null,
          decision_note: eb.case().when('decision_note', 'is not', null).then(ERASED_TEXT).else(null).end(),
        }))
        .where('decided_by', '=', subject.userId)
        .executeTakeFirst();
      proposals = Number(authored.numUpdatedRows) + Number(decided.numUpdatedRows);
    }
    return { counts: { acquaintances: Number(acquaintances.numDeletedRows), organisationProposals: proposals } };
  },
};

/** Drops the words of an erased name from the spelling suggestions, unless another name still has them. */
async function forgetSearchWords(db: Kysely<DB>, key: string): Promise<void> {
  const words = [...new Set(key.split(/\s+/).filter((w) => w.length >= 3))];
  if (words.length === 0) return;
  await sql`
    delete from search_words w where w.word = any(${words}::text[])
      and not exists (select 1 from people p where w.word = any(regexp_split_to_array(p.search_key, '\\s+')))
      and not exists (select 1 from organisations o where w.word = any(regexp_split_to_array(o.search_key, '\\s+')))`.execute(db);
}
