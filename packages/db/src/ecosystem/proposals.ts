import {
  type AuditOf,
  normaliseFields,
  type OrganisationFields,
  type OrganisationKind,
  type ProposalChanges,
  type OrganisationProposalDecision,
  type ProposalInput,
  type ProposalRow,
  type ProposalStatus,
  type Result,
} from '@maillage/core';
import { type Kysely, sql } from 'kysely';
import { withAudit } from '../accounts/store';
import type { DB, Db } from '../schema';
import { organisationColumns } from './rows';
import { territoryFamily } from './territory-context';

/** An organisation's editable fields, normalised, and its version; `lock` takes its row's lock (inside a transaction). */
export async function organisationFields(
  db: Db,
  id: string,
  lock = false,
): Promise<{ fields: OrganisationFields; version: number; territoryId: string | null } | null> {
  let query = db.selectFrom('organisations').selectAll().where('id', '=', id).where('merged_into', 'is', null);
  if (lock) query = query.forUpdate();
  const o = await query.executeTakeFirst();
  if (!o) return null;
  const [territories, themes] = await Promise.all([
    db.selectFrom('organisation_territories').select('territory_id').where('organisation_id', '=', id).execute(),
    db.selectFrom('organisation_themes').select('theme_id').where('organisation_id', '=', id).execute(),
  ]);
  const territoryIds = territories.map((t) => t.territory_id);
  return {
    fields: normaliseFields({
      name: o.name,
      kind: o.kind as OrganisationKind,
      siren: o.siren,
      siret: o.siret,
      rna: o.rna,
      communeId: o.commune_id,
      territoryIds,
      themeIds: themes.map((t) => t.theme_id),
      description: o.description,
      address: o.address,
      website: o.website,
      publicEmail: o.public_email,
      publicPhone: o.public_phone,
    }),
    version: o.version,
    // Decisions belong to its commune, else to one of its territories (the first by id, stable).
    territoryId: o.commune_id ?? [...territoryIds].sort()[0] ?? null,
  };
}

/** Replaces an organisation's fields, territories and themes, and bumps its version (inside the caller's transaction). */
export async function writeOrganisationFields(trx: Db, id: string, fields: OrganisationFields): Promise<void> {
  await trx
    .updateTable('organisations')
    .set({ ...organisationColumns(fields), updated_at: new Date(), version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
  await trx.deleteFrom('organisation_territories').where('organisation_id', '=', id).execute();
  if (fields.territoryIds.length)
    await trx
      .insertInto('organisation_territories')
      .values(fields.territoryIds.map((territory_id) => ({ organisation_id: id, territory_id })))
      .execute();
  await trx.deleteFrom('organisation_themes').where('organisation_id', '=', id).execute();
  if (fields.themeIds.length)
    await trx
      .insertInto('organisation_themes')
      .values(fields.themeIds.map((theme_id) => ({ organisation_id: id, theme_id })))
      .execute();
}

function proposalsQuery(db: Db) {
  return db
    .selectFrom('organisation_proposals as p')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .leftJoin('users as a', 'a.id', 'p.author_user_id')
    .leftJoin('users as d', 'd.id', 'p.decided_by')
    .select([
      'p.id',
      'p.organisation_id',
      'o.name as organisation_name',
      'p.territory_id',
      'p.changes',
      'p.base',
      'p.base_version',
      'p.author_user_id',
      'a.display_name as author_name',
      'p.message',
      'p.status',
      'p.decided_by',
      'd.display_name as decided_by_name',
      'p.decided_at',
      'p.decision_note',
      'p.created_at',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof proposalsQuery>['executeTakeFirstOrThrow']>>;

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

function toProposal(r: Row): ProposalRow {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    territoryId: r.territory_id,
    changes: r.changes as ProposalChanges,
    base: r.base as ProposalChanges,
    baseVersion: r.base_version,
    authorUserId: r.author_user_id,
    authorName: r.author_name,
    message: r.message,
    status: r.status as ProposalStatus,
    decidedBy: r.decided_by,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at ? iso(r.decided_at) : null,
    decisionNote: r.decision_note,
    createdAt: iso(r.created_at),
  };
}

/** Records a proposal; the same author's earlier pending proposal on the organisation is superseded by it. */
export function insertProposal(db: Kysely<DB>, input: ProposalInput, audit: AuditOf<string>): Promise<string> {
  return withAudit(db, audit, async (trx) => {
    if (input.authorUserId)
      await trx
        .updateTable('organisation_proposals')
        .set({ status: 'superseded', decided_at: new Date() })
        .where('organisation_id', '=', input.organisationId)
        .where('author_user_id', '=', input.authorUserId)
        .where('status', '=', 'proposed')
        .execute();
    const row = await trx
      .insertInto('organisation_proposals')
      .values({
        organisation_id: input.organisationId,
        territory_id: input.territoryId,
        changes: JSON.stringify(input.changes),
        base: JSON.stringify(input.base),
        base_version: input.baseVersion,
        author_user_id: input.authorUserId,
        message: input.message,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/** Every proposal of an organisation, newest first. */
export async function organisationProposals(db: Db, organisationId: string): Promise<ProposalRow[]> {
  const rows = await proposalsQuery(db)
    .where('p.organisation_id', '=', organisationId)
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id')
    .execute();
  return rows.map(toProposal);
}

/** Pending proposals on the organisations of a territory or below it, oldest first. */
export async function pendingProposals(db: Kysely<DB>, territoryId: string): Promise<ProposalRow[]> {
  const family = await territoryFamily(db, territoryId);
  const rows = await proposalsQuery(db)
    .where('p.status', '=', 'proposed')
    .where('o.merged_into', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('organisation_territories as ot')
          .select('ot.organisation_id')
          .whereRef('ot.organisation_id', '=', 'p.organisation_id')
          .where('ot.territory_id', 'in', family),
      ),
    )
    .orderBy('p.created_at')
    .orderBy('p.id')
    .limit(200)
    .execute();
  return rows.map(toProposal);
}

export async function getProposal(db: Db, id: string): Promise<ProposalRow | undefined> {
  const row = await proposalsQuery(db).where('p.id', '=', id).executeTakeFirst();
  return row ? toProposal(row) : undefined;
}

/** Names of territories and themes, for a diff. */
export async function diffNames(db: Db, territoryIds: readonly string[], themeIds: readonly string[]) {
  const [territories, themes] = await Promise.all([
    territoryIds.length
      ? db
          .selectFrom('territories')
          .select(['id', 'name'])
          .where('id', 'in', [...territoryIds])
          .execute()
      : [],
    themeIds.length
      ? db
          .selectFrom('eco_themes')
          .select(['id', 'label as name'])
          .where('id', 'in', [...themeIds])
          .execute()
      : [],
  ]);
  return { territories: new Map(territories.map((t) => [t.id, t.name])), themes: new Map(themes.map((t) => [t.id, t.name])) };
}

class Refused extends Error {
  constructor(readonly result: Result<never, string>) {
    super('refused');
  }
}

/**
 * Accepts a proposal in one transaction: the organisation's row is locked, then `decide` judges
 * the proposal against the record as it is. If it agrees, the record (version bumped), the
 * decision and the audit entry are written together; if not, the transaction is rolled back and
 * its answer returned: nothing half-written.
 */
export async function acceptProposal<E extends string>(
  db: Kysely<DB>,
  id: string,
  decide: (proposal: ProposalRow, current: { fields: OrganisationFields; version: number }) => Result<OrganisationFields, E>,
  decision: OrganisationProposalDecision,
  audit: AuditOf<void>,
): Promise<Result<OrganisationFields, E | 'proposal_not_found'>> {
  try {
    let applied: OrganisationFields | undefined;
    await withAudit(db, audit, async (trx) => {
      const head = await trx.selectFrom('organisation_proposals').select('organisation_id').where('id', '=', id).executeTakeFirst();
      if (!head) throw new Refused({ ok: false, error: 'proposal_not_found' });
      // The organisation first, then the proposal: every writer of either takes them in this order.
      const current = await organisationFields(trx, head.organisation_id, true);
      await trx.selectFrom('organisation_proposals').select('id').where('id', '=', id).forUpdate().execute();
      const proposal = await getProposal(trx, id);
      if (!current || !proposal) throw new Refused({ ok: false, error: 'proposal_not_found' });
      const decided = decide(proposal, current);
      if (!decided.ok) throw new Refused(decided);
      await writeOrganisationFields(trx, proposal.organisationId, decided.value);
      await trx
        .updateTable('organisation_proposals')
        .set({ status: 'accepted', decided_by: decision.by, decided_at: new Date(), decision_note: decision.note })
        .where('id', '=', id)
        .execute();
      applied = decided.value;
    });
    return { ok: true, value: applied as OrganisationFields };
  } catch (e) {
    if (e instanceof Refused) return e.result as Result<never, E | 'proposal_not_found'>;
    throw e;
  }
}

/** Refuses a pending proposal, with the decision and its audit entry; false when it was no longer pending. */
export async function refuseProposal(
  db: Kysely<DB>,
  id: string,
  decision: OrganisationProposalDecision,
  audit: AuditOf<void>,
): Promise<boolean> {
  try {
    await withAudit(db, audit, async (trx) => {
      const done = await trx
        .updateTable('organisation_proposals')
        .set({ status: 'refused', decided_by: decision.by, decided_at: new Date(), decision_note: decision.note })
        .where('id', '=', id)
        .where('status', '=', 'proposed')
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) === 0) throw new Refused({ ok: false, error: 'proposal_already_decided' });
    });
    return true;
  } catch (e) {
    if (e instanceof Refused) return false;
    throw e;
  }
}
