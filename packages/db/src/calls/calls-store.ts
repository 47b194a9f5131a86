import { createHash } from 'node:crypto';
import {
  type CofunderKind,
  type CofundersBody,
  DOCUMENT_TYPES,
  type DocumentType,
  defaultSteps,
  type StepKind,
  TRACKS,
  type Track,
  type UpdateCallBody,
} from '@maillage/core';
import { type Kysely, sql } from 'kysely';
import { loadGrants, territoryScope } from '../accounts/store';
import type { DB } from '../schema';

/**
 * Calls for projects, the funder side: a call with its note de cadrage, priorities, eligible
 * territories, tracks, referents and dated steps; its co-funders and their reviewers; the files
 * of its note de cadrage (in `call_files`, so that every instance of a deployment serves them).
 * Writes run inside the caller's transaction (`withAudit`); a stale `version` is answered with the
 * current one.
 */

type Db = Kysely<DB>;

export interface CallRecord {
  readonly id: string;
  readonly territoryId: string;
  readonly territoryName: string;
  readonly title: string;
  readonly year: number;
  readonly framing: string;
  readonly version: number;
  readonly priorities: { id: string; text: string; change: { id: string; pathwayId: string; text: string } | null }[];
  readonly eligibleTerritories: { id: string; name: string; kind: string }[];
  readonly tracks: { track: Track; enabled: boolean; description: string }[];
  readonly referents: {
    id: string;
    track: Track;
    cofunderId: string | null;
    institution: string;
    territory: { id: string; name: string } | null;
    name: string;
    email: string;
    phone: string;
  }[];
  readonly steps: { id: string; kind: StepKind; label: string; opensOn: string; closesOn: string }[];
  readonly cofunders: {
    id: string;
    kind: CofunderKind;
    name: string;
    detail: string;
    envelopeCents: number;
    tracks: Track[];
    reviewers: { userId: string; name: string }[];
  }[];
  readonly files: { id: string; filename: string; mime: string; size: number; uploadedAt: Date }[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A day column read as text (PGlite and pg may hand a Date): 'YYYY-MM-DD'. */
const dayOf = (v: unknown): string => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/** Launches a call: the three tracks enabled and the typical calendar of its programming year. */
export async function createCall(
  db: Db,
  input: { territoryId: string; title: string; year: number; framing: string; createdBy: string | null },
): Promise<string> {
  const { id } = await db
    .insertInto('calls')
    .values({ territory_id: input.territoryId, title: input.title, year: input.year, framing: input.framing, created_by: input.createdBy })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('call_tracks')
    .values(TRACKS.map((track) => ({ call_id: id, track, enabled: true, description: '' })))
    .execute();
  await db
    .insertInto('call_steps')
    .values(
      defaultSteps(input.year).map((s) => ({ call_id: id, kind: s.kind, label: s.label, opens_on: s.opensOn, closes_on: s.closesOn })),
    )
    .execute();
  return id;
}

/** A call with everything its page shows, or undefined. */
export async function loadCall(db: Db, id: string): Promise<CallRecord | undefined> {
  const call = await db
    .selectFrom('calls as c')
    .innerJoin('territories as t', 't.id', 'c.territory_id')
    .select([
      'c.id',
      'c.territory_id',
      't.name as territory_name',
      'c.title',
      'c.year',
      'c.framing',
      'c.version',
      'c.created_at',
      'c.updated_at',
    ])
    .where('c.id', '=', id)
    .executeTakeFirst();
  if (!call) return undefined;
  const [priorities, eligible, tracks, referents, steps, cofunders, reviewers, files] = await Promise.all([
    db
      .selectFrom('call_priorities as p')
      .leftJoin('pathway_changes as ch', 'ch.id', 'p.change_id')
      .select(['p.id', 'p.text', 'p.change_id', 'ch.pathway_id', 'ch.text as change_text'])
      .where('p.call_id', '=', id)
      .orderBy('p.position')
      .execute(),
    db
      .selectFrom('call_territories as ct')
      .innerJoin('territories as t', 't.id', 'ct.territory_id')
      .select(['t.id', 't.name', 't.kind'])
      .where('ct.call_id', '=', id)
      .orderBy('t.name')
      .execute(),
    db.selectFrom('call_tracks').select(['track', 'enabled', 'description']).where('call_id', '=', id).execute(),
    db
      .selectFrom('call_referents as r')
      .leftJoin('territories as t', 't.id', 'r.territory_id')
      .select([
        'r.id',
        'r.track',
        'r.cofunder_id',
        'r.institution',
        'r.territory_id',
        't.name as territory_name',
        'r.name',
        'r.email',
        'r.phone',
      ])
      .where('r.call_id', '=', id)
      .orderBy('r.position')
      .execute(),
    db
      .selectFrom('call_steps')
      .select(['id', 'kind', 'label', sql<string>`opens_on::text`.as('opens_on'), sql<string>`closes_on::text`.as('closes_on')])
      .where('call_id', '=', id)
      .orderBy('opens_on')
      .orderBy('closes_on')
      .execute(),
    db
      .selectFrom('call_cofunders')
      .select(['id', 'kind', 'name', 'detail', 'envelope_cents', 'tracks'])
      .where('call_id', '=', id)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('call_cofunder_reviewers as r')
      .innerJoin('call_cofunders as f', 'f.id', 'r.cofunder_id')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.cofunder_id', 'r.user_id', 'u.display_name'])
      .where('f.call_id', '=', id)
      .orderBy('u.display_name')
      .execute(),
    db
      .selectFrom('call_files')
      .select(['id', 'filename', 'mime', 'size', 'uploaded_at'])
      .where('call_id', '=', id)
      .where('application_id', 'is', null)
      .orderBy('uploaded_at')
      .execute(),
  ]);
  const trackOrder = (t: Track) => TRACKS.indexOf(t);
  return {
    id: call.id,
    territoryId: call.territory_id,
    territoryName: call.territory_name,
    title: call.title,
    year: call.year,
    framing: call.framing,
    version: call.version,
    priorities: priorities.map((p) => ({
      id: p.id,
      text: p.text,
      change: p.change_id && p.pathway_id ? { id: p.change_id, pathwayId: p.pathway_id, text: p.change_text ?? '' } : null,
    })),
    eligibleTerritories: eligible,
    tracks: [...tracks].sort((a, b) => trackOrder(a.track) - trackOrder(b.track)),
    referents: referents.map((r) => ({
      id: r.id,
      track: r.track,
      cofunderId: r.cofunder_id,
      institution: r.institution,
      territory: r.territory_id ? { id: r.territory_id, name: r.territory_name ?? '' } : null,
      name: r.name,
      email: r.email,
      phone: r.phone,
    })),
    steps: steps.map((s) => ({ id: s.id, kind: s.kind, label: s.label, opensOn: dayOf(s.opens_on), closesOn: dayOf(s.closes_on) })),
    cofunders: cofunders.map((f) => ({
      id: f.id,
      kind: f.kind,
      name: f.name,
      detail: f.detail,
      envelopeCents: Number(f.envelope_cents),
      tracks: f.tracks,
      reviewers: reviewers.filter((r) => r.cofunder_id === f.id).map((r) => ({ userId: r.user_id, name: r.display_name })),
    })),
    files: files.map((f) => ({ id: f.id, filename: f.filename, mime: f.mime, size: f.size, uploadedAt: f.uploaded_at as Date })),
    createdAt: call.created_at as Date,
    updatedAt: call.updated_at as Date,
  };
}

/** The calls on these territories (or all, for `null`) and those the user reviews for, newest year first. */
export async function callIdsFor(db: Db, scope: readonly string[] | null, reviewerUserId: string | null, onTerritory?: string) {
  // A call of an EPCI's contrat de ville is read by those who act in its communes and quartiers: the scope's ancestors count.
  const territoryIds = scope === null ? null : await territoriesAbove(db, scope);
  let q = db.selectFrom('calls as c').select(['c.id', 'c.territory_id']).orderBy('c.year', 'desc').orderBy('c.title');
  if (onTerritory) q = q.where('c.territory_id', '=', onTerritory);
  if (territoryIds !== null) {
    q = q.where((eb) => {
      const ors = [];
      if (territoryIds.length) ors.push(eb('c.territory_id', 'in', territoryIds));
      if (reviewerUserId)
        ors.push(
          eb.exists(
            eb
              .selectFrom('call_cofunder_reviewers as r')
              .innerJoin('call_cofunders as f', 'f.id', 'r.cofunder_id')
              .select('r.user_id')
              .whereRef('f.call_id', '=', 'c.id')
              .where('r.user_id', '=', reviewerUserId),
          ),
        );
      return ors.length ? eb.or(ors) : eb.val(false);
    });
  }
  return q.execute();
}

/** Territories and every territory above them (a commune's EPCI, a quartier's commune). */
async function territoriesAbove(db: Db, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await sql<{ id: string }>`
    with recursive above(id) as (
      select unnest(${[...ids]}::uuid[])
      union
      select tp.parent_id from territory_parents tp join above on tp.territory_id = above.id
    ) select id from above`.execute(db);
  return rows.rows.map((r) => r.id);
}

/**
 * How many applications of a call the caller reads: all of them for its managers; the deposited
 * files of the tracks they review for a reviewer; their own structures' files for an applicant.
 */
export async function countCallApplications(
  db: Db,
  callId: string,
  who: { all: boolean; reviewerTracks: readonly Track[] | null; memberUserId: string | null },
): Promise<number> {
  if (who.all) {
    const r = await db
      .selectFrom('applications')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('call_id', '=', callId)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }
  const r = await db
    .selectFrom('applications as a')
    .select((eb) => eb.fn.count<string>('a.id').distinct().as('n'))
    .where('a.call_id', '=', callId)
    .where((eb) => {
      const ors = [];
      if (who.reviewerTracks)
        ors.push(
          eb.and([
            eb('a.status', 'not in', ['brouillon', 'pre_dossier']),
            who.reviewerTracks.length ? eb('a.track', 'in', who.reviewerTracks) : eb.val(true),
          ]),
        );
      if (who.memberUserId)
        ors.push(
          eb.exists(
            eb
              .selectFrom('application_structures as s')
              .innerJoin('person_organisations as po', 'po.organisation_id', 's.organisation_id')
              .innerJoin('people as p', 'p.id', 'po.person_id')
              .select('s.application_id')
              .whereRef('s.application_id', '=', 'a.id')
              .where('p.user_id', '=', who.memberUserId),
          ),
        );
      return ors.length ? eb.or(ors) : eb.val(false);
    })
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export type CallStoreFailure = { ok: false; error: string; details?: Record<string, unknown> };
export type CallStoreResult = { ok: true } | CallStoreFailure;

/** Takes the call's version forward from `version`, or says the current one (someone saved in between). */
async function bumpVersion(db: Db, callId: string, version: number, set: Record<string, unknown> = {}): Promise<CallStoreResult> {
  const row = await db
    .updateTable('calls')
    .set({ ...set, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', callId)
    .where('version', '=', version)
    .returning('version')
    .executeTakeFirst();
  if (row) return { ok: true };
  const current = await db.selectFrom('calls').select('version').where('id', '=', callId).executeTakeFirst();
  if (!current) return { ok: false, error: 'call_not_found' };
  return { ok: false, error: 'call_conflict', details: { current: current.version } };
}

/** Ids sent back must be the call's own rows of that kind: anything else names another call's row. */
async function unknownIds(
  db: Db,
  table: 'call_priorities' | 'call_referents' | 'call_steps' | 'call_cofunders',
  callId: string,
  ids: string[],
) {
  if (!ids.length) return [];
  const rows = await db.selectFrom(table).select('id').where('call_id', '=', callId).where('id', 'in', ids).execute();
  const known = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

/** Replaces rows keeping the ids sent back: rows not sent are deleted, others updated, new ones inserted. */
async function replaceKeepingIds<T extends { id?: string | undefined }>(
  db: Db,
  table: 'call_priorities' | 'call_referents' | 'call_steps',
  callId: string,
  items: readonly T[],
  values: (item: T, position: number) => Record<string, unknown>,
) {
  const kept = items.map((i) => i.id).filter((id): id is string => !!id);
  let del = db.deleteFrom(table).where('call_id', '=', callId);
  if (kept.length) del = del.where('id', 'not in', kept);
  await del.execute();
  for (const [position, item] of items.entries()) {
    const v = values(item, position);
    if (item.id) await db.updateTable(table).set(v).where('id', '=', item.id).where('call_id', '=', callId).execute();
    else
      await db
        .insertInto(table)
        .values({ ...v, call_id: callId } as never)
        .execute();
  }
}

/**
 * Saves the whole settings of a call (title, year, note de cadrage, priorities, eligible
 * territories, tracks, referents, steps) from the version read. A priority may serve a change of a
 * pathway on the call's territory (or below it), never another territory's.
 */
export async function updateCallSettings(db: Db, callId: string, body: UpdateCallBody & { version: number }): Promise<CallStoreResult> {
  const call = await db.selectFrom('calls').select('territory_id').where('id', '=', callId).executeTakeFirst();
  if (!call) return { ok: false, error: 'call_not_found' };
  const scope = new Set((await territoryScope(db, [call.territory_id])).get(call.territory_id) ?? [call.territory_id]);
  const priorities = body.priorities ?? [];
  const referents = body.referents ?? [];
  const steps = body.steps ?? [];
  for (const [field, table, items] of [
    ['priorities', 'call_priorities', priorities],
    ['referents', 'call_referents', referents],
    ['steps', 'call_steps', steps],
  ] as const) {
    const ids = (items as readonly { id?: string | undefined }[]).map((i) => i.id).filter((id): id is string => !!id);
    const unknown = await unknownIds(db, table, callId, ids);
    if (unknown.length) {
      const index = (items as readonly { id?: string | undefined }[]).findIndex((i) => i.id === unknown[0]);
      return { ok: false, error: 'call_item_unknown', details: { field: `body.${field}.${index}.id` } };
    }
  }
  const changeIds = [...new Set(priorities.map((p) => p.changeId).filter((id): id is string => !!id))];
  if (changeIds.length) {
    const rows = await db
      .selectFrom('pathway_changes as ch')
      .innerJoin('pathways as p', 'p.id', 'ch.pathway_id')
      .select(['ch.id', 'p.territory_id'])
      .where('ch.id', 'in', changeIds)
      .execute();
    const ok = new Set(rows.filter((r) => scope.has(r.territory_id)).map((r) => r.id));
    const index = priorities.findIndex((p) => p.changeId && !ok.has(p.changeId));
    if (index >= 0) return { ok: false, error: 'call_change_foreign', details: { field: `body.priorities.${index}.changeId` } };
  }
  const outside = (body.eligibleTerritoryIds ?? []).findIndex((t) => !scope.has(t));
  if (outside >= 0) return { ok: false, error: 'call_territory_outside', details: { field: `body.eligibleTerritoryIds.${outside}` } };
  const refOutside = referents.findIndex((r) => r.territoryId && !scope.has(r.territoryId));
  if (refOutside >= 0)
    return { ok: false, error: 'call_territory_outside', details: { field: `body.referents.${refOutside}.territoryId` } };
  const funderIds = [...new Set(referents.map((r) => r.cofunderId).filter((id): id is string => !!id))];
  const foreignFunders = await unknownIds(db, 'call_cofunders', callId, funderIds);
  if (foreignFunders.length) {
    const index = referents.findIndex((r) => r.cofunderId === foreignFunders[0]);
    return { ok: false, error: 'cofunder_not_found', details: { field: `body.referents.${index}.cofunderId` } };
  }
  const tracks = new Set<string>();
  for (const [i, t] of (body.tracks ?? []).entries()) {
    if (tracks.has(t.track)) return { ok: false, error: 'call_track_twice', details: { field: `body.tracks.${i}.track` } };
    tracks.add(t.track);
  }

  const bumped = await bumpVersion(db, callId, body.version, { title: body.title, year: body.year, framing: body.framing });
  if (!bumped.ok) return bumped;
  await replaceKeepingIds(db, 'call_priorities', callId, priorities, (p, position) => ({
    text: p.text,
    change_id: p.changeId ?? null,
    position,
  }));
  await replaceKeepingIds(db, 'call_referents', callId, referents, (r, position) => ({
    track: r.track,
    cofunder_id: r.cofunderId ?? null,
    institution: r.institution ?? '',
    territory_id: r.territoryId ?? null,
    name: r.name,
    email: r.email ?? '',
    phone: r.phone ?? '',
    position,
  }));
  await replaceKeepingIds(db, 'call_steps', callId, steps, (s) => ({
    kind: s.kind,
    label: s.label ?? '',
    opens_on: s.opensOn,
    closes_on: s.closesOn,
  }));
  await db.deleteFrom('call_territories').where('call_id', '=', callId).execute();
  const eligible = [...new Set(body.eligibleTerritoryIds ?? [])];
  if (eligible.length)
    await db
      .insertInto('call_territories')
      .values(eligible.map((t) => ({ call_id: callId, territory_id: t })))
      .execute();
  for (const t of body.tracks ?? []) {
    await db
      .insertInto('call_tracks')
      .values({ call_id: callId, track: t.track, enabled: t.enabled, description: t.description ?? '' })
      .onConflict((oc) => oc.columns(['call_id', 'track']).doUpdateSet({ enabled: t.enabled, description: t.description ?? '' }))
      .execute();
  }
  return { ok: true };
}

/** Whether a user works on the call's territory (a role on it, above it or below it): who may be named a reviewer. */
async function worksOn(db: Db, userId: string, territoryId: string, scope: ReadonlySet<string>): Promise<boolean> {
  const grants = await loadGrants(db, userId);
  return grants.some((g) => g.scope.includes(territoryId) || scope.has(g.territoryId));
}

/**
 * Replaces the co-funders of a call and their reviewers, keeping the ids sent back. A funder that
 * has reviews or votes is not removed (its line of the committee would vanish). Reviewers are
 * people who work on the call's territory.
 */
export async function replaceCofunders(db: Db, callId: string, body: CofundersBody): Promise<CallStoreResult> {
  const call = await db.selectFrom('calls').select('territory_id').where('id', '=', callId).executeTakeFirst();
  if (!call) return { ok: false, error: 'call_not_found' };
  const cofunders = body.cofunders ?? [];
  const ids = cofunders.map((c) => c.id).filter((id): id is string => !!id);
  const unknown = await unknownIds(db, 'call_cofunders', callId, ids);
  if (unknown.length)
    return {
      ok: false,
      error: 'cofunder_not_found',
      details: { field: `body.cofunders.${cofunders.findIndex((c) => c.id === unknown[0])}.id` },
    };
  const scope = new Set((await territoryScope(db, [call.territory_id])).get(call.territory_id) ?? [call.territory_id]);
  for (const [i, c] of cofunders.entries()) {
    for (const [j, userId] of (c.reviewerUserIds ?? []).entries()) {
      if (!(await worksOn(db, userId, call.territory_id, scope)))
        return { ok: false, error: 'reviewer_outside', details: { field: `body.cofunders.${i}.reviewerUserIds.${j}` } };
    }
  }
  const removed = await db
    .selectFrom('call_cofunders as f')
    .select(['f.id', 'f.name'])
    .where('f.call_id', '=', callId)
    .$if(ids.length > 0, (q) => q.where('f.id', 'not in', ids))
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('application_reviews as r').select('r.id').whereRef('r.cofunder_id', '=', 'f.id')),
        eb.exists(eb.selectFrom('application_decisions as d').select('d.cofunder_id').whereRef('d.cofunder_id', '=', 'f.id')),
      ]),
    )
    .executeTakeFirst();
  if (removed) return { ok: false, error: 'cofunder_in_use', details: { name: removed.name } };
  const bumped = await bumpVersion(db, callId, body.version);
  if (!bumped.ok) return bumped;
  let del = db.deleteFrom('call_cofunders').where('call_id', '=', callId);
  if (ids.length) del = del.where('id', 'not in', ids);
  await del.execute();
  for (const [position, c] of cofunders.entries()) {
    const values = {
      kind: c.kind,
      name: c.name,
      detail: c.detail ?? '',
      envelope_cents: c.envelopeCents ?? 0,
      tracks: JSON.stringify([...new Set(c.tracks ?? [])]),
      position,
    };
    let id = c.id;
    if (id) await db.updateTable('call_cofunders').set(values).where('id', '=', id).execute();
    else
      id = (
        await db
          .insertInto('call_cofunders')
          .values({ ...values, call_id: callId })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    await db.deleteFrom('call_cofunder_reviewers').where('cofunder_id', '=', id).execute();
    const reviewers = [...new Set(c.reviewerUserIds ?? [])];
    if (reviewers.length)
      await db
        .insertInto('call_cofunder_reviewers')
        .values(reviewers.map((user_id) => ({ cofunder_id: id as string, user_id })))
        .execute();
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------
// Files

const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/**
 * The type of a document read from its bytes (its signature), not from its name: PDF, PNG, JPEG,
 * and the two ZIP-based word-processing formats (an ODT starts with its stored `mimetype` entry;
 * a DOCX holds `[Content_Types].xml` and a `word/` part). Null for anything else (an executable
 * renamed `.pdf`).
 */
export function detectDocumentType(bytes: Uint8Array): DocumentType | null {
  if (startsWith(bytes, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 200))).toString('latin1');
    if (head.includes('mimetypeapplication/vnd.oasis.opendocument.text')) return 'application/vnd.oasis.opendocument.text';
    const all = Buffer.from(bytes).toString('latin1');
    if (all.includes('[Content_Types].xml') && all.includes('word/'))
      return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  return null;
}

/** Why a file is refused, or null: declared and real types must agree, and be one of the accepted ones. */
export function documentTypeProblem(declared: string, bytes: Uint8Array): { detected: DocumentType | null } | null {
  const detected = detectDocumentType(bytes);
  if (detected && detected === declared && declared in DOCUMENT_TYPES) return null;
  return { detected };
}

/** Adds a file to a call's note de cadrage (type already checked by the caller with `documentTypeProblem`). */
export async function addCallFile(
  db: Db,
  input: { callId: string; filename: string; mime: string; content: Uint8Array; uploadedBy: string | null },
): Promise<string> {
  const row = await db
    .insertInto('call_files')
    .values({
      call_id: input.callId,
      application_id: null,
      organisation_id: null,
      kind: 'cadrage',
      filename: input.filename,
      mime: input.mime,
      size: input.content.length,
      sha256: createHash('sha256').update(input.content).digest('hex'),
      content: input.content,
      uploaded_by: input.uploadedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A file of the call's note de cadrage, with its bytes, or undefined (another call's file too). */
export async function readCallFile(db: Db, callId: string, fileId: string) {
  const row = await db
    .selectFrom('call_files')
    .select(['id', 'filename', 'mime', 'size', 'sha256', 'content'])
    .where('id', '=', fileId)
    .where('call_id', '=', callId)
    .where('application_id', 'is', null)
    .executeTakeFirst();
  return row ? { ...row, content: Buffer.from(row.content) } : undefined;
}

/** Deletes a file of the call's note de cadrage; false when the call has no such file. */
export async function deleteCallFile(db: Db, callId: string, fileId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('call_files')
    .where('id', '=', fileId)
    .where('call_id', '=', callId)
    .where('application_id', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

/**
 * The accounts a call's team may name as reviewers, by name: every active user with a role on the
 * call's territory, above it or below it (exactly whom `replaceCofunders` accepts).
 */
export async function reviewerCandidates(db: Db, callId: string): Promise<{ userId: string; name: string; email: string }[]> {
  const call = await db.selectFrom('calls').select('territory_id').where('id', '=', callId).executeTakeFirst();
  if (!call) return [];
  const around = await sql<{ id: string }>`
    with recursive below(id) as (
      select ${call.territory_id}::uuid
      union
      select tp.territory_id from territory_parents tp join below on tp.parent_id = below.id
    ), above(id) as (
      select ${call.territory_id}::uuid
      union
      select tp.parent_id from territory_parents tp join above on tp.territory_id = above.id
    ) select id from below union select id from above`.execute(db);
  const rows = await db
    .selectFrom('users as u')
    .select(['u.id', 'u.display_name', 'u.email'])
    .where('u.disabled_at', 'is', null)
    .where('u.id', 'in', (eb) =>
      eb
        .selectFrom('role_assignments')
        .select('user_id')
        .where(
          'territory_id',
          'in',
          around.rows.map((r) => r.id),
        ),
    )
    .orderBy('u.display_name')
    .orderBy('u.email')
    .execute();
  return rows.map((u) => ({ userId: u.id, name: u.display_name, email: u.email }));
}
