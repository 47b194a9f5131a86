import type { TodayView } from '@maillage/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema';

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

/** Who asks for their today, and where their roles reach (territory and everything below it). */
export interface TodayQuery {
  readonly userId: string;
  /** Where the person holds any role: the days shown. */
  readonly territoryIds: readonly string[];
  /** Where the person facilitates or coordinates: the open rooms and support requests shown. */
  readonly facilitatedTerritoryIds: readonly string[];
  /** `YYYY-MM-DD` (Europe/Paris): days ending before are over. */
  readonly today: string;
  /** Whether drafts of these territories are the person's to prepare (coordinators). */
  readonly draftTerritoryIds: readonly string[];
}

const ids = (list: readonly string[]) => sql<string>`any(${[...list]}::uuid[])`;

/**
 * What is someone's today, read in one go for the home page: open rooms, coming days, the
 * collectives they sit in, pending support requests. Each list is short (a dozen at most).
 */
export async function todayOf(db: Kysely<DB>, q: TodayQuery): Promise<TodayView> {
  const [rooms, days, collectives, requests] = await Promise.all([
    q.facilitatedTerritoryIds.length === 0
      ? []
      : db
          .selectFrom('live_rooms as r')
          .select((eb) => [
            'r.id',
            'r.code',
            'r.title',
            'r.territory_id',
            'r.created_at',
            eb
              .selectFrom('live_participants as p')
              .whereRef('p.room_id', '=', 'r.id')
              .select(eb.fn.countAll<string>().as('n'))
              .as('participants'),
          ])
          .where('r.territory_id', '=', ids(q.facilitatedTerritoryIds))
          .where('r.closed_at', 'is', null)
          .orderBy('r.created_at', 'desc')
          .limit(12)
          .execute(),
    q.territoryIds.length === 0
      ? []
      : db
          .selectFrom('events')
          .select(['id', 'slug', 'title', 'territory_id', 'start_date', 'status'])
          .where('territory_id', '=', ids(q.territoryIds))
          .where(sql<string>`end_date::text`, '>=', q.today)
          .where((eb) =>
            eb.or([
              eb('status', 'in', ['published', 'closed']),
              ...(q.draftTerritoryIds.length
                ? [eb.and([eb('status', '=', 'draft'), eb('territory_id', '=', ids(q.draftTerritoryIds))])]
                : []),
            ]),
          )
          .orderBy('start_date')
          .orderBy('title')
          .limit(12)
          .execute(),
    db
      .selectFrom('collectives as c')
      .innerJoin('collective_members as m', 'm.collective_id', 'c.id')
      .select(['c.id', 'c.name', 'c.territory_id'])
      .distinct()
      .where('m.user_id', '=', q.userId)
      .where('m.left_at', 'is', null)
      .orderBy('c.name')
      .limit(12)
      .execute(),
    q.facilitatedTerritoryIds.length === 0
      ? []
      : db
          .selectFrom('collective_support_requests as r')
          .innerJoin('collectives as c', 'c.id', 'r.collective_id')
          .select(['r.id', 'r.collective_id', 'c.name', 'r.text', 'r.asked_at'])
          .where('c.territory_id', '=', ids(q.facilitatedTerritoryIds))
          .where('r.status', '=', 'ouverte')
          .orderBy('r.asked_at')
          .limit(12)
          .execute(),
  ]);
  return {
    rooms: rooms.map((r) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      territoryId: r.territory_id,
      participants: Number(r.participants ?? 0),
      createdAt: iso(r.created_at),
    })),
    days: days.map((d) => ({
      id: d.id,
      slug: d.slug,
      title: d.title,
      territoryId: d.territory_id,
      startDate: String(d.start_date).slice(0, 10),
      status: d.status,
    })),
    collectives: collectives.map((c) => ({ id: c.id, name: c.name, territoryId: c.territory_id })),
    pendingRequests: requests.map((r) => ({
      id: r.id,
      collectiveId: r.collective_id,
      collectiveName: r.name,
      text: r.text,
      askedAt: iso(r.asked_at),
    })),
  };
}

/** The directory record linked to an account, if any (for the person's own RGPD export). */
export async function personIdOfUser(db: Kysely<DB>, userId: string): Promise<string | null> {
  const row = await db.selectFrom('people').select('id').where('user_id', '=', userId).orderBy('id').executeTakeFirst();
  return row?.id ?? null;
}
