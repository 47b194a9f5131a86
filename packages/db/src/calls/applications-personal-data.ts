import { foundOf, type PersonalDataDeclaration } from '../privacy/declaration';

/**
 * Applications to calls for projects: who drafted a file, who moved it (its history), who voted a
 * funder's line, who wrote the compte rendu. All point at her account. The files belong to the
 * structures that applied: erasure keeps them and their history and unlinks her account (the line
 * then says no one), as the funders' portals keep a file's history.
 */
export const applicationsPersonalData: PersonalDataDeclaration = {
  capability: 'calls-applications',
  holds: [
    { table: 'applications', columns: ['created_by'], what: 'the applications she drafted: the link to her account goes' },
    { table: 'application_history', columns: ['by_user_id'], what: 'the status changes she made: the link to her account goes' },
    { table: 'application_decisions', columns: ['decided_by'], what: 'the committee votes she recorded: the link to her account goes' },
    { table: 'application_reports', columns: ['updated_by'], what: 'the comptes rendus she wrote: the link to her account goes' },
    { table: 'call_files', columns: ['uploaded_by'], what: 'the documents she uploaded: the link to her account goes' },
  ],
  async locate(db, subject) {
    if (!subject.userId) return;
    const rows = await db.selectFrom('applications').select('id').where('created_by', '=', subject.userId).execute();
    subject.found.set(
      'applications',
      rows.map((r) => r.id),
    );
  },
  async export(db, subject) {
    if (!subject.userId) return { applications: [], applicationHistory: [], applicationDecisions: [] };
    const userId = subject.userId;
    const drafted = foundOf(subject, 'applications');
    const [applications, history, decisions, reports] = await Promise.all([
      drafted.length
        ? db.selectFrom('applications').select(['id', 'call_id', 'status', 'created_at']).where('id', 'in', drafted).execute()
        : Promise.resolve([]),
      db.selectFrom('application_history').select(['application_id', 'from_status', 'to_status', 'at', 'comment']).where('by_user_id', '=', userId).execute(),
      db.selectFrom('application_decisions').select(['application_id', 'cofunder_id', 'decision', 'decided_at']).where('decided_by', '=', userId).execute(),
      db.selectFrom('application_reports').select(['application_id', 'updated_at']).where('updated_by', '=', userId).execute(),
    ]);
    return {
      applications: applications.map((a) => ({ id: a.id, callId: a.call_id, status: a.status, createdAt: a.created_at })),
      applicationHistory: history.map((h) => ({ applicationId: h.application_id, from: h.from_status, to: h.to_status, at: h.at, comment: h.comment })),
      applicationDecisions: decisions.map((d) => ({ applicationId: d.application_id, cofunderId: d.cofunder_id, decision: d.decision, at: d.decided_at })),
      applicationReports: reports.map((r) => ({ applicationId: r.application_id, updatedAt: r.updated_at })),
    };
  },
  async erase(trx, subject) {
    if (!subject.userId) return { counts: { applications: 0, applicationHistory: 0 } };
    const userId = subject.userId;
    const created = await trx.updateTable('applications').set({ created_by: null }).where('created_by', '=', userId).executeTakeFirst();
    const history = await trx.updateTable('application_history').set({ by_user_id: null }).where('by_user_id', '=', userId).executeTakeFirst();
    await trx.updateTable('application_decisions').set({ decided_by: null }).where('decided_by', '=', userId).execute();
    await trx.updateTable('application_reports').set({ updated_by: null }).where('updated_by', '=', userId).execute();
    await trx.updateTable('call_files').set({ uploaded_by: null }).where('uploaded_by', '=', userId).execute();
    return { counts: { applications: Number(created.numUpdatedRows), applicationHistory: Number(history.numUpdatedRows) } };
  },
};
