import type { ObservedChangesRepo, ObservedChangeView } from '@maillage/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import { withAudit } from '../accounts/store';
import type { DB } from '../schema';

type Db = Kysely<DB> | Transaction<DB>;

function observationsQuery(db: Db) {
  return db
    .selectFrom('observed_changes as o')
    .leftJoin('collectives as c', 'c.id', 'o.collective_id')
    .leftJoin('organisations as org', 'org.id', 'o.actor_organisation_id')
    .leftJoin('pathways as p', 'p.id', 'o.pathway_id')
    .leftJoin('pathway_changes as ch', 'ch.id', 'o.change_id')
    .leftJoin('users as u', 'u.id', 'o.created_by')
    .select([
      'o.id',
      'o.territory_id',
      'o.collective_id',
      'c.name as collective_name',
      sql<string>`o.observed_on::text`.as('observed_on'),
      'o.actor_organisation_id',
      'org.name as organisation_name',
      'o.actor_name',
      'o.kind',
      'o.description',
      'o.evidence',
      'o.significance',
      'o.contribution',
      'o.pathway_id',
      'p.title as pathway_title',
      'o.change_id',
      'ch.text as change_text',
      'u.display_name as recorded_by',
      'o.created_at',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof observationsQuery>['executeTakeFirstOrThrow']>>;

function view(r: Row): ObservedChangeView {
  return {
    id: r.id,
    territoryId: r.territory_id,
    collective: r.collective_id ? { id: r.collective_id, name: r.collective_name ?? '' } : null,
    observedOn: r.observed_on,
    actor: { organisationId: r.actor_organisation_id, name: r.organisation_name ?? r.actor_name },
    kind: r.kind,
    description: r.description,
    evidence: r.evidence,
    significance: r.significance,
    contribution: r.contribution,
    change:
      r.pathway_id && r.change_id
        ? { pathwayId: r.pathway_id, pathwayTitle: r.pathway_title ?? '', changeId: r.change_id, text: r.change_text ?? '' }
        : null,
    recordedBy: r.recorded_by ?? null,
    recordedAt: new Date(r.created_at).toISOString(),
  };
}

export async function observedChangeContext(db: Db, id: string): Promise<{ territoryId: string } | undefined> {
  const row = await db.selectFrom('observed_changes').select('territory_id').where('id', '=', id).executeTakeFirst();
  return row ? { territoryId: row.territory_id } : undefined;
}

export async function loadObservedChange(db: Db, id: string): Promise<ObservedChangeView | undefined> {
  const row = await observationsQuery(db).where('o.id', '=', id).executeTakeFirst();
  return row ? view(row) : undefined;
}

/** The observed changes of the territories `territoryIds` (a territory and those below it), between two days, most recent first. */
export async function listObservedChanges(
  db: Db,
  territoryIds: readonly string[],
  range: { from?: string | undefined; to?: string | undefined } = {},
) {
  if (!territoryIds.length) return [];
  let q = observationsQuery(db).where('o.territory_id', 'in', [...territoryIds]);
  if (range.from) q = q.where('o.observed_on', '>=', range.from);
  if (range.to) q = q.where('o.observed_on', '<=', range.to);
  return (await q.orderBy('o.observed_on', 'desc').orderBy('o.created_at', 'desc').execute()).map(view);
}

export function observedChangesRepo(db: Kysely<DB>): ObservedChangesRepo {
  return {
    record(input, createdBy, audit) {
      return withAudit(db, audit, async (trx) => {
        const row = await trx
          .insertInto('observed_changes')
          .values({
            territory_id: input.territoryId,
            collective_id: input.collectiveId,
            observed_on: input.observedOn,
            actor_organisation_id: input.actorOrganisationId,
            actor_name: input.actorName,
            kind: input.kind,
            description: input.description,
            evidence: input.evidence,
            significance: input.significance,
            contribution: input.contribution,
            created_by: createdBy,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      });
    },
    async attach(id, link, audit) {
      return withAudit(db, audit, async (trx) => {
        if (link) {
          const change = await trx
            .selectFrom('pathway_changes')
            .select('id')
            .where('id', '=', link.changeId)
            .where('pathway_id', '=', link.pathwayId)
            .executeTakeFirst();
          if (!change) return false;
        }
        await trx
          .updateTable('observed_changes')
          .set({ pathway_id: link?.pathwayId ?? null, change_id: link?.changeId ?? null })
          .where('id', '=', id)
          .execute();
        return true;
      });
    },
  };
}
