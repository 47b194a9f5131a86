import { sql } from 'kysely';
import { addTraces, ERASED_NAME, foundOf, type PersonalDataDeclaration } from '../privacy/declaration';

/**
 * Calls for projects, the funder side. A referent of a call is a named contact (name, e-mail,
 * phone) found by her e-mail: exported, and erased (the row goes, the call keeps its other
 * referents). As a reviewer she is named on co-funders (erased: she no longer reviews) and signs
 * her reviews (kept for the committee's record, unlinked and renamed). The files she attached to a
 * note de cadrage and the calls she launched stay, unlinked from her account.
 */
export const callsPersonalData: PersonalDataDeclaration = {
  capability: 'calls',
  holds: [
    { table: 'call_referents', columns: ['name', 'email', 'phone'], what: 'her contact as a referent of a call: exported, erased' },
    { table: 'call_cofunder_reviewers', columns: ['user_id'], what: 'the funders she reviews for: exported, erased' },
    {
      table: 'application_reviews',
      columns: ['reviewer_user_id', 'reviewer_name'],
      what: 'the reviews she wrote: exported, kept for the committee’s record, unlinked and renamed',
    },
    { table: 'call_files', columns: ['uploaded_by'], what: 'files she attached: kept, unlinked from her account' },
    { table: 'calls', columns: ['created_by'], what: 'calls she launched: kept, unlinked from her account' },
  ],
  async locate(db, subject) {
    const emails = [...subject.emails];
    const referents = emails.length
      ? await db
          .selectFrom('call_referents')
          .select(['id', 'name', 'email', 'phone'])
          .where(sql<string>`lower(email)`, 'in', emails)
          .execute()
      : [];
    subject.found.set(
      'call_referents',
      referents.map((r) => r.id),
    );
    for (const r of referents) addTraces(subject, r.name, r.email, r.phone);
  },
  async export(db, subject) {
    const referentIds = foundOf(subject, 'call_referents');
    const referentOf = referentIds.length
      ? await db
          .selectFrom('call_referents as r')
          .innerJoin('calls as c', 'c.id', 'r.call_id')
          .select(['c.title as call', 'r.track', 'r.institution', 'r.name', 'r.email', 'r.phone'])
          .where('r.id', 'in', referentIds)
          .execute()
      : [];
    if (!subject.userId) return { referentOf, reviewerFor: [], reviewsWritten: [] };
    const reviewerFor = await db
      .selectFrom('call_cofunder_reviewers as r')
      .innerJoin('call_cofunders as f', 'f.id', 'r.cofunder_id')
      .innerJoin('calls as c', 'c.id', 'f.call_id')
      .select(['c.title as call', 'f.name as funder'])
      .where('r.user_id', '=', subject.userId)
      .execute();
    const reviewsWritten = await db
      .selectFrom('application_reviews as r')
      .innerJoin('call_cofunders as f', 'f.id', 'r.cofunder_id')
      .innerJoin('calls as c', 'c.id', 'f.call_id')
      .select([
        'c.title as call',
        'f.name as funder',
        'r.appreciation',
        'r.comment',
        'r.proposed_cents as proposedCents',
        'r.updated_at as writtenAt',
      ])
      .where('r.reviewer_user_id', '=', subject.userId)
      .orderBy('r.updated_at')
      .execute();
    return { referentOf, reviewerFor, reviewsWritten };
  },
  async erase(trx, subject) {
    const referentIds = foundOf(subject, 'call_referents');
    if (referentIds.length) await trx.deleteFrom('call_referents').where('id', 'in', referentIds).execute();
    let reviewerSeats = 0;
    let reviews = 0;
    if (subject.userId) {
      reviewerSeats = (await trx.deleteFrom('call_cofunder_reviewers').where('user_id', '=', subject.userId).returning('user_id').execute())
        .length;
      reviews = (
        await trx
          .updateTable('application_reviews')
          .set({ reviewer_user_id: null, reviewer_name: ERASED_NAME })
          .where('reviewer_user_id', '=', subject.userId)
          .returning('id')
          .execute()
      ).length;
      await trx.updateTable('call_files').set({ uploaded_by: null }).where('uploaded_by', '=', subject.userId).execute();
      await trx.updateTable('calls').set({ created_by: null }).where('created_by', '=', subject.userId).execute();
    }
    return { counts: { callReferentsErased: referentIds.length, reviewerSeatsErased: reviewerSeats, reviewsUnlinked: reviews } };
  },
};
