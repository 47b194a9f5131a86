import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { availableTestStores, openTestStore } from '../testing';
import { createCollectives } from './store';
import { collectivesWorkspaceRepo } from './workspace-store';

describe.each(availableTestStores())('saving a section of the sheet on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it('compares and writes atomically: of saves racing from one version exactly one is kept, each other one answers the stored section', async () => {
    const db = store.db;
    const territory = await sql<{ id: string }>`
      insert into territories (kind, name, slug) values ('commune', 'Commune fiche', ${`commune-fiche-${randomBytes(4).toString('hex')}`}) returning id`.execute(
      db,
    );
    const repo = collectivesWorkspaceRepo(db);
    const audit = { actorUserId: null, action: 'test', entityType: 'collective', entityId: null };
    const id = await repo.createCollective(
      {
        territoryId: territory.rows[0]!.id,
        name: 'Collectif en course',
        urgency: '',
        themes: [],
        personIds: [],
        by: { userId: null, at: new Date() },
      },
      { kind: 'created', summary: 'créé' },
      () => audit,
    );
    const race = (base: number, n: number) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          repo.saveSection(
            {
              collectiveId: id,
              section: 'animation',
              baseVersion: base,
              content: { text: `écrit ${base}.${i}` },
              restoredFrom: null,
              by: { userId: null, at: new Date() },
            },
            (version) => ({ kind: 'section', section: 'animation', version, summary: 'a modifié' }),
            () => audit,
          ),
        ),
      );
    for (const base of [0, 1, 2]) {
      const outcomes = await race(base, 6);
      const saved = outcomes.flatMap((o) => ('saved' in o ? [o.saved] : []));
      const refused = outcomes.flatMap((o) => ('conflict' in o ? [o.conflict] : []));
      expect(saved).toHaveLength(1);
      expect(saved[0]?.version).toBe(base + 1);
      expect(refused).toHaveLength(5);
      for (const current of refused) expect(current).toEqual(saved[0]);
    }
    const revisions = await repo.revisions(id, 'animation');
    expect(revisions.map((r) => r.version)).toEqual([3, 2, 1]);
    const lines = await db
      .selectFrom('collective_history')
      .select('version')
      .where('collective_id', '=', id)
      .where('kind', '=', 'section')
      .execute();
    expect(lines).toHaveLength(3);
  });
});

describe.each(availableTestStores())('where a collective comes from, on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
  });

  it('names its territory, the room it was formed in and the day of that room (none for one made by hand)', async () => {
    const db = store.db;
    const suffix = randomBytes(4).toString('hex');
    const territory = await db
      .insertInto('territories')
      .values({ kind: 'epci', name: 'Agglomération des Saules (fictive)', slug: `saules-${suffix}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    const event = await db
      .insertInto('events')
      .values({
        slug: `journee-saules-${suffix}`,
        territory_id: territory.id,
        title: 'Journée des Saules',
        start_date: '2026-12-10',
        end_date: '2026-12-10',
        status: 'published',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const session = await db
      .insertInto('event_sessions')
      .values({
        event_id: event.id,
        kind: 'mise_en_route',
        title: 'Mise en route',
        day: '2026-12-10',
        starts_at: '09:30',
        ends_at: '10:15',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const room = await db
      .insertInto('live_rooms')
      .values({
        code: suffix.slice(0, 6).toUpperCase(),
        title: 'Atelier des urgences',
        territory_id: territory.id,
        event_session_id: session.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const [formed, byHand] = await createCollectives(db, [
      {
        territoryId: territory.id,
        name: 'Familles des Saules',
        urgency: 'Les familles isolées',
        themes: ['Parentalité'],
        origin: { roomId: room.id, activityId: 'a1', number: 1 },
        members: [],
        createdBy: null,
      },
      { territoryId: territory.id, name: 'Collectif à la main', urgency: '', themes: [], origin: null, members: [], createdBy: null },
    ]);
    const repo = collectivesWorkspaceRepo(db);
    const detail = await repo.workspace(formed as string, '2026-12-10');
    expect(detail?.territoryName).toBe('Agglomération des Saules (fictive)');
    expect(detail?.origin).toEqual({
      roomId: room.id,
      roomTitle: 'Atelier des urgences',
      event: { id: event.id, title: 'Journée des Saules' },
    });
    expect((await repo.workspace(byHand as string, '2026-12-10'))?.origin).toBeNull();
  });
});
