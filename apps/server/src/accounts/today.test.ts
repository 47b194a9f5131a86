import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableTestStores } from '@maillage/db/testing';
import { createTestWorld, type TestWorld } from '../testing';

/** `GET /api/me/today`: the home page's "what is mine today", cut to the caller's roles. */
describe.each(availableTestStores())('today on %s', (kind) => {
  let t: TestWorld;
  const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  beforeAll(async () => {
    t = await createTestWorld(kind);
    const { db } = t.store;
    const w = t.world;
    const event = (slug: string, territoryId: string, start: string, status: 'draft' | 'published') =>
      db
        .insertInto('events')
        .values({
          slug,
          territory_id: territoryId,
          title: `Journée ${slug}`,
          start_date: start,
          end_date: start,
          organisers: '[]',
          partners: '[]',
          themes: '[]',
          takeaways: '[]',
          status,
        })
        .execute();
    await event('a-venir', w.communeId, inDays(10), 'published');
    await event('passee', w.communeId, inDays(-10), 'published');
    await event('brouillon', w.communeId, inDays(5), 'draft');
    await event('ailleurs', w.otherCommuneId, inDays(3), 'published');
    const facilitator = await t.loginAs('facilitator');
    const room = await facilitator.post('/api/live/rooms', { title: 'Atelier du mardi', territoryId: w.communeId });
    expect(room.status).toBe(201);
    const closed = await facilitator.post('/api/live/rooms', { title: 'Salle fermée', territoryId: w.communeId });
    await facilitator.post(`/api/live/rooms/${closed.body.id}/close`);
    const [collective] = await db
      .insertInto('collectives')
      .values({ territory_id: w.quartierId, name: 'Collectif des jardins', themes: '[]', created_by: null })
      .returning('id')
      .execute();
    await db
      .insertInto('collective_members')
      .values({ collective_id: collective!.id, position: 1, display_name: 'Membre', person_id: null, user_id: w.users.member.id })
      .execute();
    await db
      .insertInto('collective_support_requests')
      .values({ collective_id: collective!.id, kind: 'autre', text: 'Besoin d’une salle', asked_at: new Date() })
      .execute();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives a facilitator the open rooms, the coming days and the pending requests of their territories', async () => {
    const res = await (await t.loginAs('facilitator')).get('/api/me/today');
    expect(res.status).toBe(200);
    expect(res.body.rooms.map((r: { title: string }) => r.title)).toEqual(['Atelier du mardi']);
    expect(res.body.days.map((d: { slug: string }) => d.slug)).toEqual(['a-venir']);
    expect(res.body.pendingRequests.map((r: { text: string }) => r.text)).toEqual(['Besoin d’une salle']);
    expect(res.body.collectives).toEqual([]);
  });

  it('gives a member their collectives and the coming days, not the rooms or requests', async () => {
    const res = await (await t.loginAs('member')).get('/api/me/today');
    expect(res.body.collectives.map((c: { name: string }) => c.name)).toEqual(['Collectif des jardins']);
    expect(res.body.days.map((d: { slug: string }) => d.slug)).toEqual(['a-venir']);
    expect(res.body.rooms).toEqual([]);
    expect(res.body.pendingRequests).toEqual([]);
  });

  it('shows a coordinator the drafts they prepare', async () => {
    const res = await (await t.loginAs('coordinator')).get('/api/me/today');
    expect(res.body.days.map((d: { slug: string }) => d.slug)).toEqual(['brouillon', 'a-venir']);
  });

  it('shows nothing of another territory, and refuses anonymous callers', async () => {
    const res = await (await t.loginAs('outsider')).get('/api/me/today');
    expect(res.body.days.map((d: { slug: string }) => d.slug)).toEqual(['ailleurs']);
    expect(res.body.rooms).toEqual([]);
    expect(res.body.collectives).toEqual([]);
    expect((await t.client().get('/api/me/today')).status).toBe(401);
  });

  it('names the account’s directory record in Mon compte (null when there is none)', async () => {
    const res = await (await t.loginAs('member')).get('/api/account');
    expect(res.status).toBe(200);
    expect(res.body.personId).toBeNull();
  });
});
