import { sql } from 'kysely';
import { ERASED_NAME, ERASED_TEXT, foundOf, type PersonalDataDeclaration } from '../privacy/declaration';

/**
 * Co-development records: the sessions where she was the porteur (her subject, contract sentence
 * and action plan) and the proposals and learnings she posted (a proposal carries her name only
 * if she signed it). Found through her live participants. Erasure keeps the record (the
 * collective's history) and anonymises what is hers: her texts become « contribution effacée »,
 * her name on a signed proposal « Personne effacée », and the link to her participant goes.
 */
export const codevPersonalData: PersonalDataDeclaration = {
  capability: 'codev',
  holds: [
    {
      table: 'codev_records',
      columns: ['porteur_participant_id', 'proposals', 'learnings'],
      what: 'her subject, contract and action plan as porteur, her proposals (her name when signed) and learnings: anonymised',
    },
  ],
  async locate(db, subject) {
    const ids = foundOf(subject, 'live_participants');
    if (ids.length === 0) return void subject.found.set('codev_records', []);
    const rows = await sql<{ id: string }>`
      select id from codev_records
      where porteur_participant_id = any(${ids}::uuid[])
        or exists (select 1 from jsonb_array_elements(proposals) p where p ->> 'participantId' = any(${ids}::text[]))
        or exists (select 1 from jsonb_array_elements(learnings) l where l ->> 'participantId' = any(${ids}::text[]))`.execute(db);
    subject.found.set(
      'codev_records',
      rows.rows.map((r) => r.id),
    );
  },
  async export(db, subject) {
    const ids = new Set(foundOf(subject, 'live_participants'));
    const recordIds = foundOf(subject, 'codev_records');
    if (recordIds.length === 0) return { codevSessions: [] };
    const rows = await db
      .selectFrom('codev_records')
      .select(['id', 'held_at', 'subject_type', 'subject', 'contract', 'action_plan', 'porteur_participant_id', 'proposals', 'learnings'])
      .select(sql<string | null>`to_char(follow_up, 'YYYY-MM-DD')`.as('follow_up'))
      .where('id', 'in', recordIds)
      .orderBy('held_at')
      .execute();
    return {
      codevSessions: rows.map((r) => ({
        id: r.id,
        heldAt: r.held_at,
        ...(r.porteur_participant_id && ids.has(r.porteur_participant_id)
          ? {
              asPorteur: {
                subjectType: r.subject_type,
                subject: r.subject,
                contract: r.contract,
                actionPlan: r.action_plan,
                followUp: r.follow_up,
              },
            }
          : {}),
        proposals: r.proposals
          .filter((p) => p.participantId && ids.has(p.participantId))
          .map((p) => ({ text: p.text, signed: p.name !== null })),
        learnings: r.learnings.filter((l) => l.participantId && ids.has(l.participantId)).map((l) => l.text),
      })),
    };
  },
  async erase(trx, subject) {
    const ids = new Set(foundOf(subject, 'live_participants'));
    const recordIds = foundOf(subject, 'codev_records');
    if (recordIds.length === 0) return { counts: { codevRecords: 0 } };
    const rows = await trx
      .selectFrom('codev_records')
      .select(['id', 'porteur_participant_id', 'subject', 'contract', 'action_plan', 'proposals', 'learnings'])
      .where('id', 'in', recordIds)
      .execute();
    const erased = (text: string) => (text ? ERASED_TEXT : text);
    const hers = (participantId: string | null) => participantId !== null && ids.has(participantId);
    for (const r of rows) {
      const porteur = hers(r.porteur_participant_id);
      await trx
        .updateTable('codev_records')
        .set({
          ...(porteur
            ? { subject: erased(r.subject), contract: erased(r.contract), action_plan: erased(r.action_plan), porteur_participant_id: null }
            : {}),
          proposals: JSON.stringify(
            r.proposals.map((p) =>
              hers(p.participantId) ? { text: ERASED_TEXT, name: p.name === null ? null : ERASED_NAME, participantId: null } : p,
            ),
          ),
          learnings: JSON.stringify(r.learnings.map((l) => (hers(l.participantId) ? { text: ERASED_TEXT, participantId: null } : l))),
        })
        .where('id', '=', r.id)
        .execute();
    }
    return { counts: { codevRecords: rows.length } };
  },
};
