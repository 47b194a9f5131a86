import {
  type ApplicationAction,
  type ApplicationStatus,
  type ApplicationSummaryView,
  type ApplicationView,
  atCommittee,
  type BudgetLine,
  budgetProblems,
  budgetTotals,
  checkEligibility,
  consolidate,
  type Decision,
  type DocumentKind,
  type EligibilityView,
  emptyAction,
  isEditable,
  mayReport,
  movesFor,
  prefillAction,
  shareBasisPoints,
  type StepKind,
  type Track,
} from '@maillage/core';
import { type Kysely, sql } from 'kysely';
import { territoryScope, withAudit } from '../accounts/store';
import type { DB } from '../schema';
import { groupBy } from './group-by';

/**
 * Applications to a call for projects (the applicant's side): the file with its structures, one
 * CERFA 12156 budget per structure, its supporting documents, its status history, the committee's
 * decisions line by line per funder and the compte rendu financier. Every write is one
 * transaction with its audit entry; `version` guards against a stale edit.
 */

type Db = Kysely<DB>;

/** Who is looking: what the view shows and what `may` says depend on it. */
export interface ApplicationViewer {
  readonly userId: string | null;
  /** A person of one of the application's structures (or the call's team). */
  readonly applicant: boolean;
  /** The call's team (coordinators of its territory). */
  readonly coordinator: boolean;
  /** The co-funders the viewer reviews this file for. */
  readonly reviewFor: readonly string[];
}

/** What the checks and the views need of a call. */
export interface CallFacts {
  readonly id: string;
  readonly territoryId: string;
  readonly title: string;
  readonly year: number;
  readonly tracks: { track: Track; enabled: boolean }[];
  /** The eligible territories with all they contain; null when the call names none (its territory's scope then). */
  readonly eligibleTerritoryIds: Set<string>;
  /** The call's territory and all it contains. */
  readonly scope: Set<string>;
  readonly steps: { kind: StepKind; opensOn: string; closesOn: string }[];
  readonly cofunders: { id: string; name: string }[];
}

export type StoreFailure =
  | { readonly ok: false; readonly error: 'application_conflict'; readonly details: { current: number } }
  | { readonly ok: false; readonly error: string; readonly details?: Record<string, unknown> };
export type StoreResult<T = void> = { readonly ok: true; readonly value: T } | StoreFailure;

const ok = <T>(value: T): StoreResult<T> => ({ ok: true, value });
const fail = (error: string, details?: Record<string, unknown>): StoreFailure => ({ ok: false, error, ...(details ? { details } : {}) });
const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());
const DECIDED: readonly ApplicationStatus[] = ['accorde', 'rejete', 'a_justifier', 'justifie', 'cloture'];

/** A call's facts, or undefined when it does not exist. */
export async function callFacts(db: Db, callId: string): Promise<CallFacts | undefined> {
  const call = await db.selectFrom('calls').select(['id', 'territory_id', 'title', 'year']).where('id', '=', callId).executeTakeFirst();
  if (!call) return undefined;
  const [tracks, territories, steps, cofunders] = await Promise.all([
    db.selectFrom('call_tracks').select(['track', 'enabled']).where('call_id', '=', callId).execute(),
    db.selectFrom('call_territories').select('territory_id').where('call_id', '=', callId).execute(),
    db
      .selectFrom('call_steps')
      .select([
        'kind',
        sql<string>`to_char(opens_on, 'YYYY-MM-DD')`.as('opens_on'),
        sql<string>`to_char(closes_on, 'YYYY-MM-DD')`.as('closes_on'),
      ])
      .where('call_id', '=', callId)
      .orderBy('opens_on')
      .execute(),
    db.selectFrom('call_cofunders').select(['id', 'name']).where('call_id', '=', callId).orderBy('position').orderBy('name').execute(),
  ]);
  const scopeOf = async (ids: string[]) => new Set([...(await territoryScope(db, ids)).values()].flat().concat(ids));
  const scope = await scopeOf([call.territory_id]);
  const eligible = territories.length ? await scopeOf(territories.map((t) => t.territory_id)) : scope;
  return {
    id: call.id,
    territoryId: call.territory_id,
    title: call.title,
    year: call.year,
    tracks: tracks.map((t) => ({ track: t.track, enabled: t.enabled })),
    eligibleTerritoryIds: eligible,
    scope,
    steps: steps.map((s) => ({ kind: s.kind as StepKind, opensOn: s.opens_on, closesOn: s.closes_on })),
    cofunders,
  };
}

/** The collective's sheet and pathway, as the pre-fill reads them; undefined when it does not exist. */
async function collectiveSource(db: Db, collectiveId: string) {
  const collective = await db
    .selectFrom('collectives')
    .select(['id', 'name', 'urgency', 'themes', 'territory_id'])
    .where('id', '=', collectiveId)
    .executeTakeFirst();
  if (!collective) return undefined;
  const [sections, answers, members, pathway] = await Promise.all([
    db.selectFrom('collective_sections').select(['section', 'content']).where('collective_id', '=', collectiveId).execute(),
    db.selectFrom('collective_answers').select(['question', 'answer']).where('collective_id', '=', collectiveId).execute(),
    db
      .selectFrom('collective_members as m')
      .leftJoin('person_organisations as po', 'po.person_id', 'm.person_id')
      .select(['m.id', 'm.organisation_id', 'po.organisation_id as person_organisation_id'])
      .where('m.collective_id', '=', collectiveId)
      .where('m.left_at', 'is', null)
      .execute(),
    db.selectFrom('pathways').select('id').where('collective_id', '=', collectiveId).orderBy('created_at').executeTakeFirst(),
  ]);
  const changes = pathway
    ? await db
        .selectFrom('pathway_changes')
        .select(['id', 'text', 'horizon'])
        .where('pathway_id', '=', pathway.id)
        .orderBy('position')
        .execute()
    : [];
  const indicators = pathway
    ? await db
        .selectFrom('indicators')
        .select(['name', 'unit', 'change_id', 'target_value', 'target_year'])
        .where('pathway_id', '=', pathway.id)
        .orderBy('created_at')
        .execute()
    : [];
  const organisationIds = new Set<string>();
  for (const m of members) {
    if (m.organisation_id) organisationIds.add(m.organisation_id);
    if (m.person_organisation_id) organisationIds.add(m.person_organisation_id);
  }
  return {
    territoryId: collective.territory_id,
    organisationIds: [...organisationIds],
    memberCount: new Set(members.map((m) => m.id)).size,
    source: {
      collective: { name: collective.name, urgency: collective.urgency, themes: collective.themes as unknown as string[] },
      sections: Object.fromEntries(sections.map((s) => [s.section, String((s.content as { text?: string }).text ?? '')])),
      answers: Object.fromEntries(answers.map((a) => [a.question, a.answer])),
      pathway: pathway
        ? {
            changes: changes.map((c) => ({ id: c.id, text: c.text, horizon: c.horizon as 'court' | 'moyen' | 'long' })),
            indicators: indicators.map((i) => ({
              name: i.name,
              unit: i.unit,
              changeId: i.change_id,
              targetValue: i.target_value,
              targetYear: i.target_year,
            })),
          }
        : null,
    },
  };
}

export interface NewApplication {
  readonly callId: string;
  readonly track: Track;
  readonly leadOrganisationId: string;
  readonly partnerOrganisationIds: readonly string[];
  readonly collectiveId: string | null;
  readonly userId: string | null;
}

/**
 * Drafts an application: its structures (the lead, then the partners — a collective's member
 * organisations when none is named), one empty budget per structure, and the action pre-filled
 * from the collective's sheet and pathway when one is named (it must be of the call's territory).
 */
export async function createApplication(db: Db, input: NewApplication): Promise<StoreResult<string>> {
  const call = await callFacts(db, input.callId);
  if (!call) return fail('call_not_found');
  let action: ApplicationAction = emptyAction(call.year);
  let partners = [...new Set(input.partnerOrganisationIds)].filter((id) => id !== input.leadOrganisationId);
  if (input.collectiveId) {
    const c = await collectiveSource(db, input.collectiveId);
    if (!c) return fail('collective_not_found');
    if (!call.scope.has(c.territoryId)) return fail('application_collective_elsewhere');
    action = prefillAction({
      ...c.source,
      memberCount: c.memberCount,
      territoryIds: call.eligibleTerritoryIds.has(c.territoryId) ? [c.territoryId] : [],
      year: call.year,
    });
    if (partners.length === 0) partners = c.organisationIds.filter((id) => id !== input.leadOrganisationId).slice(0, 30);
  }
  const id = await withAudit(
    db,
    (applicationId: string) => ({
      actorUserId: input.userId,
      action: 'application.create',
      entityType: 'application',
      entityId: applicationId,
      territoryId: call.territoryId,
      details: { callId: call.id, track: input.track, collectiveId: input.collectiveId },
    }),
    async (trx) => {
      const row = await trx
        .insertInto('applications')
        .values({
          call_id: call.id,
          track: input.track,
          collective_id: input.collectiveId,
          action: JSON.stringify(action),
          created_by: input.userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const structures = [input.leadOrganisationId, ...partners];
      await trx
        .insertInto('application_structures')
        .values(structures.map((o, i) => ({ application_id: row.id, organisation_id: o, role: i === 0 ? 'lead' : 'partner', position: i })))
        .execute();
      await trx
        .insertInto('application_budgets')
        .values(structures.map((o) => ({ application_id: row.id, organisation_id: o, planned: '[]' })))
        .execute();
      await trx
        .insertInto('application_history')
        .values({ application_id: row.id, from_status: null, to_status: 'brouillon', by_user_id: input.userId, comment: '' })
        .execute();
      return row.id;
    },
  );
  return ok(id);
}

/** Bumps the version if it is still `version`: the new version, or the conflict with the current one. */
async function bump(trx: Db, id: string, version: number, status?: ApplicationStatus, submitted = false): Promise<StoreResult<number>> {
  const row = await trx
    .updateTable('applications')
    .set({
      version: sql`version + 1`,
      updated_at: new Date(),
      ...(status ? { status } : {}),
      ...(submitted ? { submitted_at: new Date() } : {}),
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
  if (row) return ok(row.version);
  const current = await trx.selectFrom('applications').select('version').where('id', '=', id).executeTakeFirst();
  return { ok: false, error: 'application_conflict', details: { current: current?.version ?? 0 } };
}

class Abort extends Error {
  constructor(readonly failure: StoreFailure) {
    super(failure.error);
  }
}

/** Runs a write in one transaction with its audit entry; a failure returned inside rolls everything back. */
async function write(
  db: Db,
  audit: { userId: string | null; action: string; applicationId: string; details?: Record<string, unknown> },
  change: (trx: Db) => Promise<StoreResult<unknown>>,
): Promise<StoreResult> {
  const territory = await db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .select('c.territory_id')
    .where('a.id', '=', audit.applicationId)
    .executeTakeFirst();
  try {
    await withAudit(
      db,
      {
        actorUserId: audit.userId,
        action: audit.action,
        entityType: 'application',
        entityId: audit.applicationId,
        territoryId: territory?.territory_id ?? null,
        ...(audit.details ? { details: audit.details } : {}),
      },
      async (trx) => {
        const result = await change(trx);
        if (!result.ok) throw new Abort(result);
      },
    );
    return ok(undefined);
  } catch (error) {
    if (error instanceof Abort) return error.failure;
    throw error;
  }
}

async function statusOf(db: Db, id: string) {
  return db.selectFrom('applications').select(['status', 'version', 'call_id']).where('id', '=', id).executeTakeFirst();
}

/** Writes the action and the partners (budgets follow the structures: a new partner gets an empty one). */
export async function updateApplication(
  db: Db,
  input: { id: string; version: number; action: ApplicationAction; partnerOrganisationIds: readonly string[]; userId: string | null },
): Promise<StoreResult> {
  return write(db, { userId: input.userId, action: 'application.update', applicationId: input.id }, async (trx) => {
    const current = await statusOf(trx, input.id);
    if (!current) return fail('application_not_found');
    if (!isEditable(current.status)) return fail('application_not_editable', { status: current.status });
    const bumped = await bump(trx, input.id, input.version);
    if (!bumped.ok) return bumped;
    await trx
      .updateTable('applications')
      .set({ action: JSON.stringify(input.action) })
      .where('id', '=', input.id)
      .execute();
    const lead = await trx
      .selectFrom('application_structures')
      .select('organisation_id')
      .where('application_id', '=', input.id)
      .where('role', '=', 'lead')
      .executeTakeFirstOrThrow();
    const partners = [...new Set(input.partnerOrganisationIds)].filter((o) => o !== lead.organisation_id);
    let q = trx.deleteFrom('application_structures').where('application_id', '=', input.id).where('role', '=', 'partner');
    if (partners.length) q = q.where('organisation_id', 'not in', partners);
    await q.execute();
    let b = trx
      .deleteFrom('application_budgets')
      .where('application_id', '=', input.id)
      .where('organisation_id', '<>', lead.organisation_id);
    if (partners.length) b = b.where('organisation_id', 'not in', partners);
    await b.execute();
    for (const [i, o] of partners.entries()) {
      await trx
        .insertInto('application_structures')
        .values({ application_id: input.id, organisation_id: o, role: 'partner', position: i + 1 })
        .onConflict((c) => c.columns(['application_id', 'organisation_id']).doUpdateSet({ position: i + 1 }))
        .execute();
      await trx
        .insertInto('application_budgets')
        .values({ application_id: input.id, organisation_id: o, planned: '[]' })
        .onConflict((c) => c.columns(['application_id', 'organisation_id']).doNothing())
        .execute();
    }
    return ok(undefined);
  });
}

/** Replaces one structure's planned budget (balanced or not: the deposit checks the balance). */
export async function saveBudget(
  db: Db,
  input: { id: string; version: number; organisationId: string; lines: readonly BudgetLine[]; userId: string | null },
): Promise<StoreResult> {
  return write(
    db,
    { userId: input.userId, action: 'application.budget', applicationId: input.id, details: { organisationId: input.organisationId } },
    async (trx) => {
      const current = await statusOf(trx, input.id);
      if (!current) return fail('application_not_found');
      if (!isEditable(current.status)) return fail('application_not_editable', { status: current.status });
      const bumped = await bump(trx, input.id, input.version);
      if (!bumped.ok) return bumped;
      const updated = await trx
        .updateTable('application_budgets')
        .set({ planned: JSON.stringify(input.lines), updated_at: new Date() })
        .where('application_id', '=', input.id)
        .where('organisation_id', '=', input.organisationId)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return fail('application_structure_unknown');
      return ok(undefined);
    },
  );
}

/** Moves the file to `to` with its history row (the caller checked the move, the roles and the eligibility). */
export async function moveApplication(
  db: Db,
  input: { id: string; version: number; to: ApplicationStatus; comment: string; userId: string | null },
): Promise<StoreResult> {
  return write(
    db,
    { userId: input.userId, action: 'application.move', applicationId: input.id, details: { to: input.to } },
    async (trx) => {
      const current = await statusOf(trx, input.id);
      if (!current) return fail('application_not_found');
      const bumped = await bump(trx, input.id, input.version, input.to, input.to === 'depose');
      if (!bumped.ok) return bumped;
      await trx
        .insertInto('application_history')
        .values({
          application_id: input.id,
          from_status: current.status,
          to_status: input.to,
          by_user_id: input.userId,
          comment: input.comment,
        })
        .execute();
      return ok(undefined);
    },
  );
}

/**
 * The committee's votes line by line per funder: one decision row and one history row per funder,
 * then the file's status (accordé when one line is accordé with an amount, else rejeté).
 */
export async function decideApplication(
  db: Db,
  input: {
    id: string;
    version: number;
    lines: readonly { cofunderId: string; decision: Decision; votedCents: number }[];
    outcome: 'accorde' | 'rejete';
    comment: string;
    userId: string | null;
  },
): Promise<StoreResult> {
  return write(
    db,
    { userId: input.userId, action: 'application.decide', applicationId: input.id, details: { outcome: input.outcome } },
    async (trx) => {
      const current = await statusOf(trx, input.id);
      if (!current) return fail('application_not_found');
      if (current.status !== 'propose_comite') return fail('application_not_at_committee', { status: current.status });
      const bumped = await bump(trx, input.id, input.version, input.outcome);
      if (!bumped.ok) return bumped;
      const at = new Date();
      for (const line of input.lines) {
        await trx
          .insertInto('application_decisions')
          .values({
            application_id: input.id,
            cofunder_id: line.cofunderId,
            decision: line.decision,
            voted_cents: line.votedCents,
            decided_by: input.userId,
            decided_at: at,
          })
          .onConflict((c) =>
            c.columns(['application_id', 'cofunder_id']).doUpdateSet({
              decision: line.decision,
              voted_cents: line.votedCents,
              decided_by: input.userId,
              decided_at: at,
            }),
          )
          .execute();
        await trx
          .insertInto('application_history')
          .values({
            application_id: input.id,
            from_status: current.status,
            to_status: line.decision,
            cofunder_id: line.cofunderId,
            by_user_id: input.userId,
            comment: input.comment,
            at,
          })
          .execute();
      }
      // The file's own move, after the funders' lines.
      await trx
        .insertInto('application_history')
        .values({
          application_id: input.id,
          from_status: current.status,
          to_status: input.outcome,
          by_user_id: input.userId,
          comment: input.comment,
          at: new Date(at.getTime() + 1),
        })
        .execute();
      return ok(undefined);
    },
  );
}

/** The compte rendu financier: the actual lines per structure and the qualitative report. */
export async function saveReport(
  db: Db,
  input: {
    id: string;
    version: number;
    budgets: readonly { organisationId: string; lines: readonly BudgetLine[] }[];
    qualitative: string;
    userId: string | null;
  },
): Promise<StoreResult> {
  return write(db, { userId: input.userId, action: 'application.report', applicationId: input.id }, async (trx) => {
    const current = await statusOf(trx, input.id);
    if (!current) return fail('application_not_found');
    if (!mayReport(current.status)) return fail('application_not_reportable', { status: current.status });
    const bumped = await bump(trx, input.id, input.version);
    if (!bumped.ok) return bumped;
    for (const b of input.budgets) {
      const updated = await trx
        .updateTable('application_budgets')
        .set({ actual: JSON.stringify(b.lines), updated_at: new Date() })
        .where('application_id', '=', input.id)
        .where('organisation_id', '=', b.organisationId)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) return fail('application_structure_unknown');
    }
    await trx
      .insertInto('application_reports')
      .values({ application_id: input.id, qualitative: input.qualitative, updated_by: input.userId, updated_at: new Date() })
      .onConflict((c) =>
        c.column('application_id').doUpdateSet({ qualitative: input.qualitative, updated_by: input.userId, updated_at: new Date() }),
      )
      .execute();
    return ok(undefined);
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

async function loadRecord(db: Db, id: string) {
  const a = await db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .leftJoin('collectives as k', 'k.id', 'a.collective_id')
    .select([
      'a.id',
      'a.call_id',
      'c.title as call_title',
      'c.territory_id',
      'a.track',
      'a.status',
      'a.version',
      'a.action',
      'a.collective_id',
      'k.name as collective_name',
      'a.created_at',
      'a.updated_at',
      'a.submitted_at',
    ])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!a) return undefined;
  const [structures, budgets, documents] = await Promise.all([
    db
      .selectFrom('application_structures as s')
      .innerJoin('organisations as o', 'o.id', 's.organisation_id')
      .select(['s.organisation_id', 'o.name', 's.role'])
      .where('s.application_id', '=', id)
      .orderBy('s.position')
      .execute(),
    db.selectFrom('application_budgets').select(['organisation_id', 'planned', 'actual']).where('application_id', '=', id).execute(),
    db
      .selectFrom('call_files')
      .select(['id', 'kind', 'organisation_id', 'filename', 'mime', 'size', 'uploaded_at'])
      .where('application_id', '=', id)
      .orderBy('uploaded_at')
      .execute(),
  ]);
  return { a, structures, budgets, documents };
}

/** The eligibility of a file to its call today, for a pré-dossier or the deposit. */
export async function applicationEligibility(
  db: Db,
  id: string,
  now: Date,
  intent: 'pre_dossier' | 'depot' = 'depot',
): Promise<EligibilityView | undefined> {
  const record = await loadRecord(db, id);
  if (!record) return undefined;
  const call = await callFacts(db, record.a.call_id);
  if (!call) return undefined;
  return eligibilityOf(record, call, now, intent);
}

function eligibilityOf(
  record: NonNullable<Awaited<ReturnType<typeof loadRecord>>>,
  call: CallFacts,
  now: Date,
  intent: 'pre_dossier' | 'depot',
): EligibilityView {
  const planned = new Map(record.budgets.map((b) => [b.organisation_id, b.planned]));
  return checkEligibility({
    call,
    application: {
      track: record.a.track,
      action: record.a.action,
      structures: record.structures.map((s) => ({ organisationId: s.organisation_id, name: s.name, role: s.role })),
      budgets: record.structures.map((s) => ({
        organisationId: s.organisation_id,
        name: s.name,
        lines: planned.get(s.organisation_id) ?? [],
      })),
      documents: record.documents.map((d) => ({ kind: d.kind as DocumentKind, organisationId: d.organisation_id })),
    },
    intent,
    now,
  });
}

/** The full view of a file for one viewer (amounts proposed shown only to who may see them). */
export async function applicationView(db: Db, id: string, viewer: ApplicationViewer, now: Date): Promise<ApplicationView | undefined> {
  const record = await loadRecord(db, id);
  if (!record) return undefined;
  const { a, structures, budgets, documents } = record;
  const call = await callFacts(db, a.call_id);
  if (!call) return undefined;
  const status = a.status;
  const planned = new Map(budgets.map((b) => [b.organisation_id, b]));
  const budgetViews = structures.map((s) => {
    const lines = planned.get(s.organisation_id)?.planned ?? [];
    return {
      organisationId: s.organisation_id,
      organisationName: s.name,
      lines,
      totals: budgetTotals(lines),
      problems: budgetProblems(lines),
    };
  });
  const merged = consolidate(budgetViews.map((b) => b.lines));
  const consolidated = { lines: merged, totals: budgetTotals(merged), problems: budgetProblems(merged) };

  const [reviews, decisions, history, territories, change, report] = await Promise.all([
    db
      .selectFrom('application_reviews')
      .select(['cofunder_id', 'proposed_cents', 'updated_at'])
      .where('application_id', '=', id)
      .where('proposed_cents', 'is not', null)
      .orderBy('updated_at', 'desc')
      .execute(),
    db
      .selectFrom('application_decisions')
      .select(['cofunder_id', 'decision', 'voted_cents', 'decided_at'])
      .where('application_id', '=', id)
      .execute(),
    db
      .selectFrom('application_history as h')
      .leftJoin('users as u', 'u.id', 'h.by_user_id')
      .select(['h.from_status', 'h.to_status', 'h.cofunder_id', 'h.at', 'u.display_name', 'h.comment'])
      .where('h.application_id', '=', id)
      .orderBy('h.at')
      .orderBy('h.id')
      .execute(),
    a.action.territoryIds.length
      ? db.selectFrom('territories').select(['id', 'name', 'kind']).where('id', 'in', a.action.territoryIds).execute()
      : Promise.resolve([]),
    a.action.changeId
      ? db.selectFrom('pathway_changes').select(['id', 'pathway_id', 'text']).where('id', '=', a.action.changeId).executeTakeFirst()
      : Promise.resolve(undefined),
    db.selectFrom('application_reports').select(['qualitative', 'updated_at']).where('application_id', '=', id).executeTakeFirst(),
  ]);
  const proposedBy = new Map<string, number>();
  for (const r of reviews) if (!proposedBy.has(r.cofunder_id) && r.proposed_cents !== null) proposedBy.set(r.cofunder_id, r.proposed_cents);
  const decisionBy = new Map(decisions.map((d) => [d.cofunder_id, d]));
  const seesProposed = (cofunderId: string) =>
    viewer.coordinator ||
    (viewer.reviewFor.length > 0 && (atCommittee(status) || viewer.reviewFor.includes(cofunderId))) ||
    (viewer.applicant && DECIDED.includes(status));
  const funding = call.cofunders
    .map((f) => {
      const requested = merged.filter((l) => l.cofunderId === f.id).reduce((s, l) => s + l.amountCents, 0);
      const d = decisionBy.get(f.id);
      return {
        cofunderId: f.id,
        cofunderName: f.name,
        requestedCents: requested,
        proposedCents: seesProposed(f.id) ? (proposedBy.get(f.id) ?? null) : null,
        votedCents: d ? d.voted_cents : null,
        decision: d ? d.decision : null,
        decidedAt: d ? iso(d.decided_at) : null,
        shareBasisPoints: shareBasisPoints(requested, consolidated.totals.produits),
      };
    })
    .filter((f) => f.requestedCents > 0 || f.decision !== null || proposedBy.has(f.cofunderId));

  const reportView = (() => {
    if (!report && budgets.every((b) => b.actual === null)) return null;
    return {
      budgets: structures.map((s) => {
        const b = planned.get(s.organisation_id);
        const key = (l: BudgetLine) => `${l.code}\u0000${l.cofunderId ?? ''}\u0000${l.detail}`;
        const rows = new Map<string, { code: string; detail: string; plannedCents: number; actualCents: number }>();
        for (const l of b?.planned ?? []) {
          const k = key(l);
          const r = rows.get(k) ?? { code: l.code, detail: l.detail, plannedCents: 0, actualCents: 0 };
          r.plannedCents += l.amountCents;
          rows.set(k, r);
        }
        for (const l of b?.actual ?? []) {
          const k = key(l);
          const r = rows.get(k) ?? { code: l.code, detail: l.detail, plannedCents: 0, actualCents: 0 };
          r.actualCents += l.amountCents;
          rows.set(k, r);
        }
        return { organisationId: s.organisation_id, organisationName: s.name, lines: [...rows.values()] };
      }),
      qualitative: report?.qualitative ?? '',
      updatedAt: iso(report?.updated_at ?? a.updated_at),
    };
  })();

  const roles = { applicant: viewer.applicant, coordinator: viewer.coordinator };
  return {
    id: a.id,
    callId: a.call_id,
    callTitle: a.call_title,
    territoryId: a.territory_id,
    track: a.track,
    status,
    version: a.version,
    structures: structures.map((s) => ({ organisationId: s.organisation_id, name: s.name, role: s.role })),
    collective: a.collective_id && a.collective_name ? { id: a.collective_id, name: a.collective_name } : null,
    action: a.action,
    territories: territories.map((t) => ({ id: t.id, name: t.name, kind: t.kind })),
    change: change ? { id: change.id, pathwayId: change.pathway_id, text: change.text } : null,
    budgets: budgetViews,
    consolidated,
    funding,
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind as DocumentKind,
      organisationId: d.organisation_id,
      filename: d.filename,
      mime: d.mime,
      size: d.size,
      uploadedAt: iso(d.uploaded_at),
    })),
    eligibility: eligibilityOf(record, call, now, 'depot'),
    history: history.map((h) => ({
      from: h.from_status,
      to: h.to_status,
      cofunderId: h.cofunder_id,
      at: iso(h.at),
      by: h.display_name ?? null,
      comment: h.comment,
    })),
    report: reportView,
    may: {
      edit: (viewer.applicant || viewer.coordinator) && isEditable(status),
      moveTo: movesFor(status, roles),
      reviewFor: [...viewer.reviewFor],
      decide: viewer.coordinator && status === 'propose_comite',
      report: (viewer.applicant || viewer.coordinator) && mayReport(status),
    },
    createdAt: iso(a.created_at),
    updatedAt: iso(a.updated_at),
    submittedAt: a.submitted_at ? iso(a.submitted_at) : null,
  };
}

/**
 * Summaries of applications: of a call (`callId`), or of the structures an account's people
 * belong to (`organisationIds`). `seesAmounts` tells whether proposed totals are shown.
 */
export async function applicationSummaries(
  db: Db,
  filter: { callId?: string; organisationIds?: readonly string[]; ids?: readonly string[] },
  seesProposed: (status: ApplicationStatus, callId: string) => boolean,
): Promise<ApplicationSummaryView[]> {
  let q = db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .innerJoin('application_structures as s', (j) => j.onRef('s.application_id', '=', 'a.id').on('s.role', '=', 'lead'))
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .leftJoin('collectives as k', 'k.id', 'a.collective_id')
    .select([
      'a.id',
      'a.call_id',
      'c.title as call_title',
      'a.track',
      'a.action',
      'a.status',
      'o.id as lead_id',
      'o.name as lead_name',
      'a.collective_id',
      'k.name as collective_name',
      'a.updated_at',
    ]);
  if (filter.callId) q = q.where('a.call_id', '=', filter.callId);
  if (filter.ids) {
    if (filter.ids.length === 0) return [];
    q = q.where('a.id', 'in', [...filter.ids]);
  }
  if (filter.organisationIds) {
    if (filter.organisationIds.length === 0) return [];
    const orgs = [...filter.organisationIds];
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('application_structures as m')
          .select('m.application_id')
          .whereRef('m.application_id', '=', 'a.id')
          .where('m.organisation_id', 'in', orgs),
      ),
    );
  }
  const rows = await q.orderBy('a.updated_at', 'desc').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [budgets, counts, reviews, decisions] = await Promise.all([
    db.selectFrom('application_budgets').select(['application_id', 'planned']).where('application_id', 'in', ids).execute(),
    db
      .selectFrom('application_structures')
      .select(['application_id', sql<number>`count(*)::int`.as('n')])
      .where('application_id', 'in', ids)
      .groupBy('application_id')
      .execute(),
    db
      .selectFrom('application_reviews')
      .select(['application_id', 'cofunder_id', 'proposed_cents', 'updated_at'])
      .where('application_id', 'in', ids)
      .where('proposed_cents', 'is not', null)
      .orderBy('updated_at', 'desc')
      .execute(),
    db.selectFrom('application_decisions').select(['application_id', 'voted_cents']).where('application_id', 'in', ids).execute(),
  ]);
  // Grouped once by application: looking them up per row made the list quadratic in its length.
  const budgetsOf = groupBy(budgets, (b) => b.application_id);
  const structureCounts = new Map(counts.map((c) => [c.application_id, c.n]));
  const reviewsOf = groupBy(reviews, (rv) => rv.application_id);
  const decisionsOf = groupBy(decisions, (d) => d.application_id);
  return rows.map((r) => {
    const requested = (budgetsOf.get(r.id) ?? [])
      .flatMap((b) => b.planned)
      .filter((l) => l.cofunderId !== null || l.code.startsWith('74-'))
      .reduce((s, l) => s + l.amountCents, 0);
    const latest = new Map<string, number>();
    for (const rv of reviewsOf.get(r.id) ?? []) if (!latest.has(rv.cofunder_id)) latest.set(rv.cofunder_id, rv.proposed_cents ?? 0);
    const voted = decisionsOf.get(r.id) ?? [];
    const show = seesProposed(r.status, r.call_id);
    return {
      id: r.id,
      callId: r.call_id,
      callTitle: r.call_title,
      track: r.track,
      title: r.action.title,
      status: r.status,
      leadOrganisation: { id: r.lead_id, name: r.lead_name },
      structures: structureCounts.get(r.id) ?? 1,
      collective: r.collective_id && r.collective_name ? { id: r.collective_id, name: r.collective_name } : null,
      requestedCents: requested,
      proposedCents: show && latest.size ? [...latest.values()].reduce((s, v) => s + v, 0) : null,
      votedCents: voted.length ? voted.reduce((s, d) => s + d.voted_cents, 0) : null,
      updatedAt: iso(r.updated_at),
    };
  });
}

/** Where an application sits: its call, status, version and structures (for the routes' checks). */
export async function applicationHead(db: Db, id: string) {
  const a = await db
    .selectFrom('applications')
    .select(['id', 'call_id', 'status', 'version', 'track'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!a) return undefined;
  const structures = await db
    .selectFrom('application_structures')
    .select(['organisation_id', 'role'])
    .where('application_id', '=', id)
    .orderBy('position')
    .execute();
  return { ...a, structures };
}

/**
 * The tracks an account reviews in a call, read once for a whole list: `null` when it reviews for
 * none of the call's funders, `'all'` when one of its funders takes every track.
 */
export async function reviewedTracks(db: Db, callId: string, userId: string | null): Promise<ReadonlySet<Track> | 'all' | null> {
  if (!userId) return null;
  const rows = await db
    .selectFrom('call_cofunder_reviewers as r')
    .innerJoin('call_cofunders as f', 'f.id', 'r.cofunder_id')
    .select(['f.tracks'])
    .where('f.call_id', '=', callId)
    .where('r.user_id', '=', userId)
    .execute();
  if (rows.length === 0) return null;
  if (rows.some((r) => r.tracks.length === 0)) return 'all';
  return new Set(rows.flatMap((r) => r.tracks));
}

/** The co-funders of a call one account reviews for (all of them, or those of a track). */
export async function reviewedCofunders(db: Db, callId: string, userId: string | null, track?: Track): Promise<string[]> {
  if (!userId) return [];
  const rows = await db
    .selectFrom('call_cofunder_reviewers as r')
    .innerJoin('call_cofunders as f', 'f.id', 'r.cofunder_id')
    .select(['f.id', 'f.tracks'])
    .where('f.call_id', '=', callId)
    .where('r.user_id', '=', userId)
    .execute();
  return rows.filter((r) => !track || r.tracks.length === 0 || r.tracks.includes(track)).map((r) => r.id);
}

/** The planned and actual budgets of a file, for the packs. */
export async function applicationBudgets(db: Db, id: string) {
  return db.selectFrom('application_budgets').select(['organisation_id', 'planned', 'actual']).where('application_id', '=', id).execute();
}

/** What the Dauphin pack prints about each structure (identification of the CERFA's section 1). */
export async function structureIdentities(db: Db, organisationIds: readonly string[]) {
  if (organisationIds.length === 0) return [];
  return db
    .selectFrom('organisations as o')
    .leftJoin('territories as t', 't.id', 'o.commune_id')
    .select([
      'o.id',
      'o.name',
      'o.kind',
      'o.siren',
      'o.siret',
      'o.rna',
      'o.address',
      'o.website',
      'o.public_email',
      'o.public_phone',
      't.name as commune',
    ])
    .where('o.id', 'in', [...organisationIds])
    .execute();
}
