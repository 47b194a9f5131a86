import type { CallsContext } from '@maillage/core';
import { territoryBelow } from '../ecosystem/territory-context';
import type { Db } from '../schema';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The reviewers of a call's co-funders (all of them, or only those reviewing `track`: a funder with no tracks reviews all). */
async function reviewersOf(db: Db, callId: string, track?: string, cofunderId?: string): Promise<string[]> {
  let q = db
    .selectFrom('call_cofunder_reviewers as r')
    .innerJoin('call_cofunders as f', 'f.id', 'r.cofunder_id')
    .select(['r.user_id', 'f.tracks'])
    .where('f.call_id', '=', callId);
  if (cofunderId) q = q.where('f.id', '=', cofunderId);
  const rows = await q.execute();
  return [...new Set(rows.filter((r) => !track || r.tracks.length === 0 || r.tracks.includes(track as never)).map((r) => r.user_id))];
}

/**
 * A call as the policy judges it: its territory (`territoryId`: its team, the coordinators, manage
 * it there), the territories it reaches (`territoryIds`: everything below it and its eligible
 * territories, where people read it and apply), and the reviewers of its funders.
 */
export async function callContext(db: Db, id: string): Promise<CallsContext | undefined> {
  if (!UUID.test(id)) return undefined;
  const row = await db.selectFrom('calls').select('territory_id').where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const eligible = await db.selectFrom('call_territories').select('territory_id').where('call_id', '=', id).execute();
  return {
    territoryId: row.territory_id,
    territoryIds: [...new Set([...(await territoryBelow(db, row.territory_id)), ...eligible.map((e) => e.territory_id)])],
    reviewerUserIds: await reviewersOf(db, id),
  };
}

/**
 * An application as the policy judges it: its call's territory, the accounts of the people of its
 * structures (its applicants), and the reviewers of the call's funders for its track.
 */
export async function applicationContext(db: Db, id: string): Promise<CallsContext | undefined> {
  if (!UUID.test(id)) return undefined;
  const row = await db
    .selectFrom('applications as a')
    .innerJoin('calls as c', 'c.id', 'a.call_id')
    .select(['a.call_id', 'a.track', 'c.territory_id'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const members = await db
    .selectFrom('application_structures as s')
    .innerJoin('person_organisations as po', 'po.organisation_id', 's.organisation_id')
    .innerJoin('people as p', 'p.id', 'po.person_id')
    .select('p.user_id')
    .distinct()
    .where('s.application_id', '=', id)
    .where('p.user_id', 'is not', null)
    .execute();
  return {
    territoryId: row.territory_id,
    territoryIds: [row.territory_id],
    memberUserIds: members.map((m) => m.user_id as string),
    reviewerUserIds: await reviewersOf(db, row.call_id, row.track),
  };
}

/** A co-funder of a call: judged on the call's territory; its own reviewers are the ones who may review for it. */
export async function cofunderContext(db: Db, id: string): Promise<CallsContext | undefined> {
  if (!UUID.test(id)) return undefined;
  const row = await db
    .selectFrom('call_cofunders as f')
    .innerJoin('calls as c', 'c.id', 'f.call_id')
    .select(['f.call_id', 'c.territory_id'])
    .where('f.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    territoryId: row.territory_id,
    territoryIds: [row.territory_id],
    reviewerUserIds: await reviewersOf(db, row.call_id, undefined, id),
  };
}
