import type { AuditEntryInput, CodevRecordDraft, CodevRecordView, CodevSubjectType } from '@maillage/core';
import { type Kysely, sql } from 'kysely';
import { withAudit } from '../accounts/store';
import type { DB } from '../schema';

/** What is stored when a co-development session closes: its room, territory and the record's content. */
export interface NewCodevRecord {
  readonly roomId: string | null;
  readonly activityId: string;
  readonly territoryId: string;
  readonly draft: CodevRecordDraft;
  readonly heldAt: Date;
  readonly createdBy: string | null;
}

/**
 * Stores the record of a finished session with its audit entry, in one transaction. The same
 * room and activity find the same row, rewritten with what the room holds now (closing a session
 * again, after reopening it, keeps one record).
 * @returns the record's id.
 */
export async function saveCodevRecord(db: Kysely<DB>, r: NewCodevRecord): Promise<string> {
  const values = {
    collective_id: r.draft.collectiveId,
    subject_type: r.draft.subjectType,
    subject: r.draft.subject,
    contract: r.draft.contract,
    proposals: JSON.stringify(r.draft.proposals),
    action_plan: r.draft.actionPlan,
    follow_up: r.draft.followUp,
    learnings: JSON.stringify(r.draft.learnings),
    steps: JSON.stringify(r.draft.steps),
    porteur_participant_id: r.draft.porteurParticipantId,
  };
  const audit = (id: string): AuditEntryInput => ({
    actorUserId: r.createdBy,
    action: 'codev.recorded',
    entityType: 'codev_record',
    entityId: id,
    territoryId: r.territoryId,
    details: { roomId: r.roomId, activityId: r.activityId, collectiveId: r.draft.collectiveId, proposals: r.draft.proposals.length },
  });
  return withAudit(db, audit, async (trx) => {
    const row = await trx
      .insertInto('codev_records')
      .values({
        room_id: r.roomId,
        activity_id: r.activityId,
        territory_id: r.territoryId,
        held_at: r.heldAt,
        created_by: r.createdBy,
        ...values,
      })
      .onConflict((oc) => oc.columns(['room_id', 'activity_id']).doUpdateSet(values))
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

function recordsQuery(db: Kysely<DB>) {
  return db
    .selectFrom('codev_records')
    .select([
      'id',
      'room_id',
      'activity_id',
      'territory_id',
      'collective_id',
      'subject_type',
      'subject',
      'contract',
      'proposals',
      'action_plan',
      sql<string | null>`to_char(follow_up, 'YYYY-MM-DD')`.as('follow_up'),
      'learnings',
      'steps',
      'held_at',
    ]);
}

type RecordRow = Awaited<ReturnType<ReturnType<typeof recordsQuery>['executeTakeFirstOrThrow']>>;

/** A record as read: proposals with a name only when signed, and no participant id anywhere. */
function toView(row: RecordRow): CodevRecordView {
  return {
    id: row.id,
    roomId: row.room_id,
    activityId: row.activity_id,
    territoryId: row.territory_id,
    collectiveId: row.collective_id,
    subjectType: row.subject_type as CodevSubjectType,
    subject: row.subject,
    contract: row.contract,
    proposals: row.proposals.map((p) => ({ text: p.text, name: p.name })),
    actionPlan: row.action_plan,
    followUp: row.follow_up,
    learnings: row.learnings.map((l) => l.text),
    steps: row.steps.map((s) => ({ kind: s.kind as CodevRecordView['steps'][number]['kind'], label: s.label, minutes: s.minutes })),
    heldAt: new Date(row.held_at).toISOString(),
  };
}

/** The records of a collective's sessions, the latest first. */
export async function listCodevRecords(db: Kysely<DB>, collectiveId: string): Promise<CodevRecordView[]> {
  const rows = await recordsQuery(db).where('collective_id', '=', collectiveId).orderBy('held_at', 'desc').orderBy('id').execute();
  return rows.map(toView);
}

export async function findCodevRecord(db: Kysely<DB>, id: string): Promise<CodevRecordView | undefined> {
  const row = await recordsQuery(db).where('id', '=', id).executeTakeFirst();
  return row ? toView(row) : undefined;
}
