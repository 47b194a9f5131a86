import type { ApplicationReviewBody, ApplicationStatus, BudgetLine, CommitteeApplication, Track } from '@maillage/core';
import { REVIEW_CRITERIA } from '@maillage/core';
import type { Kysely } from 'kysely';
import type { DB } from '../schema';
import { groupBy } from './group-by';

/**
 * Reviews of applications per co-funder, and what the committee's table and the programming
 * table read: every deposited file of a call with its structures' planned budgets, its reviews'
 * proposed amounts and the votes.
 */

type Db = Kysely<DB>;

export interface ReviewRecord {
  readonly id: string;
  readonly applicationId: string;
  readonly cofunderId: string;
  readonly cofunderName: string;
  readonly reviewer: { userId: string | null; name: string };
  readonly complete: boolean;
  readonly bilanReceived: boolean | null;
  readonly eligible: boolean;
  readonly criteria: Record<(typeof REVIEW_CRITERIA)[number], number | null>;
  readonly appreciation: 'favorable' | 'reserve' | 'defavorable' | null;
  readonly comment: string;
  readonly proposedCents: number | null;
  readonly updatedAt: Date;
}

/** An application as review sees it: its call, track and status. */
export async function applicationForReview(db: Db, applicationId: string) {
  return db.selectFrom('applications').select(['id', 'call_id', 'track', 'status']).where('id', '=', applicationId).executeTakeFirst();
}

/** The co-funders the user reviews for in a call (all its funders' ids where she is named). */
export async function cofundersReviewedBy(db: Db, callId: string, userId: string | null): Promise<{ id: string; tracks: Track[] }[]> {
  if (!userId) return [];
  return db
    .selectFrom('call_cofunder_reviewers as r')
    .innerJoin('call_cofunders as f', 'f.id', 'r.cofunder_id')
    .select(['f.id', 'f.tracks'])
    .where('f.call_id', '=', callId)
    .where('r.user_id', '=', userId)
    .execute();
}

const reviewsQuery = (db: Db) =>
  db
    .selectFrom('application_reviews as r')
    .innerJoin('call_cofunders as f', 'f.id', 'r.cofunder_id')
    .select([
      'r.id',
      'r.application_id',
      'r.cofunder_id',
      'f.name as cofunder_name',
      'r.reviewer_user_id',
      'r.reviewer_name',
      'r.complete',
      'r.bilan_received',
      'r.eligible',
      'r.criteria',
      'r.appreciation',
      'r.comment',
      'r.proposed_cents',
      'r.updated_at',
    ]);

type ReviewRow = Awaited<ReturnType<ReturnType<typeof reviewsQuery>['executeTakeFirstOrThrow']>>;

function toReview(r: ReviewRow): ReviewRecord {
  return {
    id: r.id,
    applicationId: r.application_id,
    cofunderId: r.cofunder_id,
    cofunderName: r.cofunder_name,
    reviewer: { userId: r.reviewer_user_id, name: r.reviewer_name },
    complete: r.complete,
    bilanReceived: r.bilan_received,
    eligible: r.eligible,
    criteria: Object.fromEntries(REVIEW_CRITERIA.map((k) => [k, r.criteria[k] ?? null])) as ReviewRecord['criteria'],
    appreciation: r.appreciation,
    comment: r.comment,
    proposedCents: r.proposed_cents === null ? null : Number(r.proposed_cents),
    updatedAt: r.updated_at as Date,
  };
}

/** Every review of a file, the funders in the call's order, then the reviewers' names. */
export async function listReviews(db: Db, applicationId: string): Promise<ReviewRecord[]> {
  const rows = await reviewsQuery(db)
    .where('r.application_id', '=', applicationId)
    .orderBy('f.position')
    .orderBy('r.reviewer_name')
    .execute();
  return rows.map(toReview);
}

/** Writes the reviewer's review of a file for one funder (one per reviewer and funder: written again in place). */
export async function writeReview(
  db: Db,
  input: { applicationId: string; cofunderId: string; reviewerUserId: string; reviewerName: string; review: ApplicationReviewBody },
): Promise<ReviewRecord> {
  const r = input.review;
  const values = {
    reviewer_name: input.reviewerName,
    complete: r.complete,
    bilan_received: r.bilanReceived,
    eligible: r.eligible,
    criteria: JSON.stringify(r.criteria),
    appreciation: r.appreciation,
    comment: r.comment,
    proposed_cents: r.proposedCents,
  };
  const existing = await db
    .selectFrom('application_reviews')
    .select('id')
    .where('application_id', '=', input.applicationId)
    .where('cofunder_id', '=', input.cofunderId)
    .where('reviewer_user_id', '=', input.reviewerUserId)
    .executeTakeFirst();
  let id: string;
  if (existing) {
    await db
      .updateTable('application_reviews')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', existing.id)
      .execute();
    id = existing.id;
  } else {
    id = (
      await db
        .insertInto('application_reviews')
        .values({ ...values, application_id: input.applicationId, cofunder_id: input.cofunderId, reviewer_user_id: input.reviewerUserId })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  }
  return toReview(await reviewsQuery(db).where('r.id', '=', id).executeTakeFirstOrThrow());
}

/** The statuses a file is in the committee's table from: deposited on (drafts and pre-dossiers are not requests yet). */
export const COMMITTEE_TABLE_EXCLUDES: readonly ApplicationStatus[] = ['brouillon', 'pre_dossier'];

/** What the committee's table and the programming table read for a call. */
export async function committeeData(db: Db, callId: string) {
  const call = await db.selectFrom('calls').select(['id', 'title', 'year']).where('id', '=', callId).executeTakeFirst();
  if (!call) return undefined;
  const cofunders = await db
    .selectFrom('call_cofunders')
    .select(['id', 'name', 'kind', 'envelope_cents'])
    .where('call_id', '=', callId)
    .orderBy('position')
    .execute();
  const tracks = await db.selectFrom('call_tracks').select(['track', 'enabled']).where('call_id', '=', callId).execute();
  const apps = await db
    .selectFrom('applications as a')
    .leftJoin('collectives as c', 'c.id', 'a.collective_id')
    .select(['a.id', 'a.track', 'a.status', 'a.action', 'a.collective_id', 'c.name as collective_name', 'a.created_at'])
    .where('a.call_id', '=', callId)
    .where('a.status', 'not in', COMMITTEE_TABLE_EXCLUDES)
    .orderBy('a.created_at')
    .execute();
  const ids = apps.map((a) => a.id);
  const [structures, budgets, reviews, decisions] = ids.length
    ? await Promise.all([
        db
          .selectFrom('application_structures as s')
          .innerJoin('organisations as o', 'o.id', 's.organisation_id')
          .select(['s.application_id', 's.organisation_id', 'o.name', 's.role'])
          .where('s.application_id', 'in', ids)
          .execute(),
        db.selectFrom('application_budgets').select(['application_id', 'planned']).where('application_id', 'in', ids).execute(),
        db
          .selectFrom('application_reviews')
          .select(['application_id', 'cofunder_id', 'proposed_cents', 'updated_at'])
          .where('application_id', 'in', ids)
          .execute(),
        db
          .selectFrom('application_decisions')
          .select(['application_id', 'cofunder_id', 'decision', 'voted_cents'])
          .where('application_id', 'in', ids)
          .execute(),
      ])
    : [[], [], [], []];
  // Grouped once by application: looking them up per application made the table quadratic in its size.
  const leads = new Map(structures.filter((s) => s.role === 'lead').map((s) => [s.application_id, s]));
  const budgetsOf = groupBy(budgets, (b) => b.application_id);
  const reviewsOf = groupBy(reviews, (r) => r.application_id);
  const decisionsOf = groupBy(decisions, (d) => d.application_id);
  const applications: CommitteeApplication[] = apps.map((a) => {
    const lead = leads.get(a.id);
    return {
      id: a.id,
      title: a.action.title,
      track: a.track,
      status: a.status,
      leadOrganisation: lead ? { id: lead.organisation_id, name: lead.name } : { id: '', name: '' },
      collective: a.collective_id ? { id: a.collective_id, name: a.collective_name ?? '' } : null,
      budgets: (budgetsOf.get(a.id) ?? []).map((b) => b.planned as BudgetLine[]),
      reviews: (reviewsOf.get(a.id) ?? []).map((r) => ({
        cofunderId: r.cofunder_id,
        proposedCents: r.proposed_cents === null ? null : Number(r.proposed_cents),
        updatedAt: r.updated_at as Date,
      })),
      decisions: (decisionsOf.get(a.id) ?? []).map((d) => ({
        cofunderId: d.cofunder_id,
        decision: d.decision,
        votedCents: Number(d.voted_cents),
      })),
    };
  });
  return {
    call,
    cofunders: cofunders.map((f) => ({ id: f.id, name: f.name, kind: f.kind, envelopeCents: Number(f.envelope_cents) })),
    tracks: tracks.filter((t) => t.enabled).map((t) => t.track),
    applications,
  };
}
