import { randomUUID } from 'node:crypto';
import {
  type AuditEntryInput,
  detachedChanges,
  fail,
  lastLights,
  ok,
  type PathwayAuthor,
  type PathwayDecider,
  type PathwayOp,
  type PathwayState,
  type PathwaySummaryView,
  type PathwaysRepo,
  type Result,
  type StoredPathwayView,
} from '@maillage/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import { writeAudit } from '../accounts/store';
import type { DB } from '../schema';

type Db = Kysely<DB> | Transaction<DB>;

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

/** The territory a pathway is judged on (its owner territory, or its collective's), or undefined. */
export async function pathwayContext(db: Db, id: string): Promise<{ territoryId: string } | undefined> {
  const row = await db
    .selectFrom('pathways as p')
    .leftJoin('collectives as c', 'c.id', 'p.collective_id')
    .select(['p.territory_id', 'c.territory_id as collective_territory_id'])
    .where('p.id', '=', id)
    .executeTakeFirst();
  return row ? { territoryId: row.collective_territory_id ?? row.territory_id } : undefined;
}

/** The state the rules read: the whole pathway, without names. */
export async function loadPathwayState(db: Db, id: string): Promise<PathwayState | undefined> {
  const p = await db.selectFrom('pathways').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) return undefined;
  const [changes, contributions, links, actions, indicators, reviews, lights] = await Promise.all([
    db.selectFrom('pathway_changes').selectAll().where('pathway_id', '=', id).orderBy('position').orderBy('id').execute(),
    db
      .selectFrom('pathway_contributions as pc')
      .innerJoin('pathway_changes as c', 'c.id', 'pc.change_id')
      .select(['pc.change_id', 'pc.target_change_id'])
      .where('c.pathway_id', '=', id)
      .orderBy('pc.target_change_id')
      .execute(),
    db.selectFrom('pathway_links').selectAll().where('pathway_id', '=', id).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('pathway_actions').selectAll().where('pathway_id', '=', id).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('indicators').selectAll().where('pathway_id', '=', id).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('pathway_reviews').selectAll().where('pathway_id', '=', id).orderBy('held_on').orderBy('created_at').execute(),
    db
      .selectFrom('pathway_review_lights as l')
      .innerJoin('pathway_reviews as r', 'r.id', 'l.review_id')
      .innerJoin('pathway_changes as c', 'c.id', 'l.change_id')
      .select(['l.review_id', 'l.change_id', 'l.light', 'l.comment'])
      .where('r.pathway_id', '=', id)
      .orderBy('c.position')
      .execute(),
  ]);
  return {
    id: p.id,
    title: p.title,
    territoryId: p.territory_id,
    collectiveId: p.collective_id,
    version: p.version,
    vision: { sentence: p.vision_sentence, frontPageTitle: p.front_page_title, frontPageStory: p.front_page_story },
    changes: changes.map((c) => ({
      id: c.id,
      horizon: c.horizon,
      text: c.text,
      organisationIds: c.organisation_ids,
      kinds: c.actor_kinds,
      markers: c.markers,
      contributesTo: contributions.filter((x) => x.change_id === c.id).map((x) => x.target_change_id),
    })),
    links: links.map((l) => ({ id: l.id, from: l.from_change_id, to: l.to_change_id, rationale: l.rationale, assumptions: l.assumptions })),
    actions: actions.map((a) => ({
      id: a.id,
      changeId: a.change_id,
      text: a.text,
      collectiveId: a.collective_id,
      organisationId: a.organisation_id,
      byName: a.by_name,
    })),
    indicators: indicators.map((i) => ({
      id: i.id,
      changeId: i.change_id,
      name: i.name,
      unit: i.unit,
      source: i.source,
      method: i.method,
      frequency: i.frequency,
      reporter: i.reporter,
      baselineValue: i.baseline_value,
      baselineYear: i.baseline_year,
      targetValue: i.target_value,
      targetYear: i.target_year,
    })),
    reviews: reviews.map((r) => ({
      id: r.id,
      heldOn: r.held_on,
      summary: r.summary,
      lights: lights.filter((l) => l.review_id === r.id).map((l) => ({ changeId: l.change_id, light: l.light, comment: l.comment })),
    })),
  };
}

async function ownerOf(db: Db, p: { territory_id: string; collective_id: string | null }) {
  if (p.collective_id) {
    const c = await db.selectFrom('collectives').select(['id', 'name']).where('id', '=', p.collective_id).executeTakeFirstOrThrow();
    return { kind: 'collective' as const, id: c.id, name: c.name };
  }
  const t = await db.selectFrom('territories').select(['id', 'name']).where('id', '=', p.territory_id).executeTakeFirstOrThrow();
  return { kind: 'territory' as const, id: t.id, name: t.name };
}

/** The whole pathway as the API shows it (without the reader's permissions). */
export async function loadPathwayView(db: Db, id: string): Promise<StoredPathwayView | undefined> {
  const state = await loadPathwayState(db, id);
  if (!state) return undefined;
  const p = await db.selectFrom('pathways').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const changeIds = state.changes.map((c) => c.id);
  const orgIds = [
    ...new Set([...state.changes.flatMap((c) => c.organisationIds), ...state.actions.flatMap((a) => a.organisationId ?? [])]),
  ];
  const collectiveIds = [...new Set(state.actions.flatMap((a) => a.collectiveId ?? []))];
  const targetIds = [...new Set(state.changes.flatMap((c) => c.contributesTo))];
  const [owner, orgs, collectives, targets, carriers, journal] = await Promise.all([
    ownerOf(db, p),
    orgIds.length ? db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', orgIds).execute() : [],
    collectiveIds.length ? db.selectFrom('collectives').select(['id', 'name']).where('id', 'in', collectiveIds).execute() : [],
    targetIds.length ? db.selectFrom('pathway_changes').select(['id', 'text', 'pathway_id']).where('id', 'in', targetIds).execute() : [],
    changeIds.length
      ? db
          .selectFrom('pathway_contributions as pc')
          .innerJoin('pathway_changes as c', 'c.id', 'pc.change_id')
          .innerJoin('pathways as p', 'p.id', 'c.pathway_id')
          .leftJoin('collectives as co', 'co.id', 'p.collective_id')
          .innerJoin('territories as t', 't.id', 'p.territory_id')
          .select(['pc.target_change_id', 'c.id', 'c.text', 'c.pathway_id', sql<string>`coalesce(co.name, t.name)`.as('owner_name')])
          .where('pc.target_change_id', 'in', changeIds)
          .orderBy('co.name')
          .orderBy('c.position')
          .execute()
      : [],
    db.selectFrom('pathway_journal').selectAll().where('pathway_id', '=', id).orderBy('on_day').orderBy('created_at').execute(),
  ]);
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const collectiveName = new Map(collectives.map((c) => [c.id, c.name]));
  const target = new Map(targets.map((t) => [t.id, t]));
  const detached = new Set(detachedChanges(state));
  const lights = lastLights(state);
  return {
    id: state.id,
    title: state.title,
    owner,
    territoryId: state.territoryId,
    vision: { ...state.vision },
    changes: state.changes.map((c) => ({
      id: c.id,
      horizon: c.horizon,
      text: c.text,
      actors: {
        organisations: c.organisationIds.flatMap((o) => (orgName.has(o) ? [{ id: o, name: orgName.get(o) as string }] : [])),
        kinds: [...c.kinds],
      },
      markers: c.markers.map((m) => ({ ...m })),
      contributesTo: c.contributesTo.flatMap((t) => {
        const found = target.get(t);
        return found ? [{ id: found.id, text: found.text, pathwayId: found.pathway_id }] : [];
      }),
      carriedBy: carriers
        .filter((x) => x.target_change_id === c.id)
        .map((x) => ({ id: x.id, text: x.text, pathwayId: x.pathway_id, ownerName: x.owner_name })),
      detached: detached.has(c.id),
      lastLight: lights.get(c.id) ?? null,
    })),
    links: state.links.map((l) => ({ ...l })),
    actions: state.actions.map((a) => ({
      id: a.id,
      changeId: a.changeId,
      text: a.text,
      by: a.collectiveId
        ? { kind: 'collective' as const, id: a.collectiveId, name: collectiveName.get(a.collectiveId) ?? '' }
        : a.organisationId
          ? { kind: 'organisation' as const, id: a.organisationId, name: orgName.get(a.organisationId) ?? '' }
          : { kind: 'other' as const, id: null, name: a.byName },
    })),
    indicators: state.indicators.map((i) => ({ ...i })),
    reviews: state.reviews.map((r) => ({ ...r, lights: r.lights.map((l) => ({ ...l })) })),
    journal: journal.map((j) => ({ id: j.id, on: j.on_day, text: j.text, author: j.author_name })),
    version: state.version,
    updatedAt: iso(p.updated_at),
  };
}

async function applyOp(trx: Transaction<DB>, pathwayId: string, op: PathwayOp, author: PathwayAuthor): Promise<void> {
  switch (op.op) {
    case 'title':
      await trx.updateTable('pathways').set({ title: op.title }).where('id', '=', pathwayId).execute();
      return;
    case 'vision':
      await trx
        .updateTable('pathways')
        .set({
          vision_sentence: op.vision.sentence,
          front_page_title: op.vision.frontPageTitle,
          front_page_story: op.vision.frontPageStory,
        })
        .where('id', '=', pathwayId)
        .execute();
      return;
    case 'addChange':
    case 'updateChange': {
      const c = op.change;
      const fields = {
        horizon: c.horizon,
        text: c.text,
        organisation_ids: JSON.stringify(c.organisationIds),
        actor_kinds: JSON.stringify(c.kinds),
        markers: JSON.stringify(c.markers),
      };
      if (op.op === 'addChange') {
        const last = await trx
          .selectFrom('pathway_changes')
          .select(sql<number>`coalesce(max(position), -1)::int`.as('n'))
          .where('pathway_id', '=', pathwayId)
          .executeTakeFirstOrThrow();
        await trx
          .insertInto('pathway_changes')
          .values({ id: c.id, pathway_id: pathwayId, position: last.n + 1, ...fields })
          .execute();
      } else {
        await trx.updateTable('pathway_changes').set(fields).where('id', '=', c.id).where('pathway_id', '=', pathwayId).execute();
        await trx.deleteFrom('pathway_contributions').where('change_id', '=', c.id).execute();
      }
      if (c.contributesTo.length) {
        await trx
          .insertInto('pathway_contributions')
          .values(c.contributesTo.map((t) => ({ change_id: c.id, target_change_id: t })))
          .execute();
      }
      return;
    }
    case 'deleteChange':
      await trx.deleteFrom('pathway_changes').where('id', '=', op.id).where('pathway_id', '=', pathwayId).execute();
      return;
    case 'addLink':
      await trx
        .insertInto('pathway_links')
        .values({
          id: op.link.id,
          pathway_id: pathwayId,
          from_change_id: op.link.from,
          to_change_id: op.link.to,
          rationale: op.link.rationale,
          assumptions: op.link.assumptions,
        })
        .execute();
      return;
    case 'deleteLink':
      await trx.deleteFrom('pathway_links').where('id', '=', op.id).where('pathway_id', '=', pathwayId).execute();
      return;
    case 'addAction':
      await trx
        .insertInto('pathway_actions')
        .values({
          id: op.action.id,
          pathway_id: pathwayId,
          change_id: op.action.changeId,
          text: op.action.text,
          collective_id: op.action.collectiveId,
          organisation_id: op.action.organisationId,
          by_name: op.action.byName,
        })
        .execute();
      return;
    case 'deleteAction':
      await trx.deleteFrom('pathway_actions').where('id', '=', op.id).where('pathway_id', '=', pathwayId).execute();
      return;
    case 'putIndicator': {
      const i = op.indicator;
      const fields = {
        change_id: i.changeId,
        name: i.name,
        unit: i.unit,
        source: i.source,
        method: i.method,
        frequency: i.frequency,
        reporter: i.reporter,
        baseline_value: i.baselineValue,
        baseline_year: i.baselineYear,
        target_value: i.targetValue,
        target_year: i.targetYear,
      };
      if (op.isNew)
        await trx
          .insertInto('indicators')
          .values({ id: i.id, pathway_id: pathwayId, ...fields })
          .execute();
      else await trx.updateTable('indicators').set(fields).where('id', '=', i.id).where('pathway_id', '=', pathwayId).execute();
      return;
    }
    case 'deleteIndicator':
      await trx.deleteFrom('indicators').where('id', '=', op.id).where('pathway_id', '=', pathwayId).execute();
      return;
    case 'addReview':
      await trx
        .insertInto('pathway_reviews')
        .values({
          id: op.review.id,
          pathway_id: pathwayId,
          held_on: op.review.heldOn,
          summary: op.review.summary,
          created_by: author.userId,
        })
        .execute();
      if (op.review.lights.length) {
        await trx
          .insertInto('pathway_review_lights')
          .values(op.review.lights.map((l) => ({ review_id: op.review.id, change_id: l.changeId, light: l.light, comment: l.comment })))
          .execute();
      }
      return;
    case 'addJournal':
      await trx
        .insertInto('pathway_journal')
        .values({
          id: op.note.id,
          pathway_id: pathwayId,
          on_day: op.note.on,
          text: op.note.text,
          author_id: author.userId,
          author_name: author.name,
        })
        .execute();
      return;
  }
}

/** Locks the pathway, runs the decider on its state, applies, bumps the version and stores the snapshot. */
async function writeLocked<E extends string>(
  trx: Transaction<DB>,
  pathwayId: string,
  decide: PathwayDecider<E>,
  author: PathwayAuthor,
): Promise<Result<StoredPathwayView, E | 'pathway_not_found'>> {
  // The row lock serialises the writes of one pathway: a second link waits, then reads the first.
  const locked = await trx.selectFrom('pathways').select('id').where('id', '=', pathwayId).forUpdate().executeTakeFirst();
  if (!locked) return fail('pathway_not_found');
  const state = (await loadPathwayState(trx, pathwayId)) as PathwayState;
  const decided = decide(state, randomUUID);
  if (!decided.ok) return decided;
  for (const op of decided.value.ops) await applyOp(trx, pathwayId, op, author);
  const version = state.version + 1;
  await trx.updateTable('pathways').set({ version, updated_at: sql`now()` }).where('id', '=', pathwayId).execute();
  const view = (await loadPathwayView(trx, pathwayId)) as StoredPathwayView;
  await trx
    .insertInto('pathway_versions')
    .values({
      pathway_id: pathwayId,
      version,
      author_id: author.userId,
      author_name: author.name,
      summary: decided.value.summary,
      snapshot: JSON.stringify(view),
    })
    .execute();
  return ok(view);
}

/** The store behind change pathways. */
export function pathwaysRepo(db: Kysely<DB>): PathwaysRepo {
  return {
    async create(input, decide, author, audit) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('pathways')
          .values({ territory_id: input.territoryId, collective_id: input.collectiveId, title: input.title, created_by: author.userId })
          .returning('id')
          .executeTakeFirstOrThrow();
        const written = await writeLocked(trx, row.id, decide, author);
        if (!written.ok) throw new Error(`a new pathway could not be written: ${written.error}`);
        await writeAudit(trx, audit(row.id));
        return written.value;
      });
    },
    async write(pathwayId, decide, author, audit: AuditEntryInput) {
      return db.transaction().execute(async (trx) => {
        const written = await writeLocked(trx, pathwayId, decide, author);
        if (written.ok) await writeAudit(trx, audit);
        return written;
      });
    },
    async contributable(pathwayId, ids) {
      if (ids.length === 0) return new Set();
      const own = await pathwayContext(db, pathwayId);
      if (!own) return new Set();
      // Changes of territories' pathways (not collectives') whose territory is this one's or one above it.
      const rows = await sql<{ id: string }>`
        with recursive above(id) as (
          select ${own.territoryId}::uuid
          union
          select tp.parent_id from territory_parents tp join above a on a.id = tp.territory_id
        )
        select c.id from pathway_changes c join pathways p on p.id = c.pathway_id
        where c.id = any(${[...ids]}::uuid[]) and p.collective_id is null and p.id <> ${pathwayId}
          and p.territory_id in (select id from above)`.execute(db);
      return new Set(rows.rows.map((r) => r.id));
    },
  };
}

/** The pathways of some territories (owned by them or by their collectives), newest first. */
export async function listPathways(db: Db, territoryIds: readonly string[] | 'all'): Promise<PathwaySummaryView[]> {
  if (territoryIds !== 'all' && territoryIds.length === 0) return [];
  let q = db
    .selectFrom('pathways as p')
    .leftJoin('collectives as c', 'c.id', 'p.collective_id')
    .innerJoin('territories as t', 't.id', 'p.territory_id')
    .select([
      'p.id',
      'p.title',
      'p.territory_id',
      'p.collective_id',
      'c.name as collective_name',
      'c.territory_id as collective_territory_id',
      't.name as territory_name',
      'p.version',
      'p.updated_at',
      (eb) =>
        eb
          .selectFrom('pathway_changes as ch')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('ch.pathway_id', '=', 'p.id')
          .as('changes'),
      (eb) =>
        eb
          .selectFrom('pathway_reviews as r')
          .select(sql<string>`max(r.held_on)::text`.as('d'))
          .whereRef('r.pathway_id', '=', 'p.id')
          .as('last_review_on'),
    ])
    .orderBy('p.updated_at', 'desc')
    .orderBy('p.id');
  if (territoryIds !== 'all') {
    const ids = [...territoryIds];
    q = q.where((eb) => eb.or([eb('p.territory_id', 'in', ids), eb('c.territory_id', 'in', ids)]));
  }
  const rows = await q.execute();
  const graphs = await Promise.all(rows.map((r) => loadPathwayState(db, r.id)));
  return rows.map((r, i) => ({
    id: r.id,
    title: r.title,
    owner: r.collective_id
      ? { kind: 'collective' as const, id: r.collective_id, name: r.collective_name ?? '' }
      : { kind: 'territory' as const, id: r.territory_id, name: r.territory_name },
    territoryId: r.collective_territory_id ?? r.territory_id,
    changes: Number(r.changes ?? 0),
    detached: graphs[i] ? detachedChanges(graphs[i] as PathwayState).length : 0,
    lastReviewOn: r.last_review_on ?? null,
    version: r.version,
    updatedAt: iso(r.updated_at),
  }));
}

/** The versions of a pathway, newest first. */
export async function listPathwayVersions(db: Db, id: string) {
  const rows = await db
    .selectFrom('pathway_versions')
    .select(['version', 'at', 'author_name', 'summary'])
    .where('pathway_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({ version: r.version, at: iso(r.at), author: r.author_name, summary: r.summary }));
}

/** One version's snapshot, as it was read then. */
export async function readPathwayVersion(db: Db, id: string, version: number): Promise<StoredPathwayView | undefined> {
  const row = await db
    .selectFrom('pathway_versions')
    .select('snapshot')
    .where('pathway_id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? (row.snapshot as unknown as StoredPathwayView) : undefined;
}

/** A collective's territory, to check a pathway's owner (undefined when it does not exist). */
export async function collectiveTerritory(db: Db, collectiveId: string): Promise<string | undefined> {
  const row = await db.selectFrom('collectives').select('territory_id').where('id', '=', collectiveId).executeTakeFirst();
  return row?.territory_id;
}
