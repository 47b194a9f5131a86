import type { ServerMessage } from '@maillage/core';
import { knownPairs, liveRepo } from '@maillage/db';
import { availableTestStores } from '@maillage/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing';
import { connect, facilitatorOn, joinAs, newTerritory, type Probe, type Results } from './test-kit';

type Me = Extract<ServerMessage, { type: 'me' | 'welcome' }>;

describe.each(availableTestStores())('world café, idea wall and collectives on %s', (kind) => {
  let t: TestApp;
  let territoryId: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    territoryId = await newTerritory(t.store);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function roomWithPhones(n: number) {
    const f = await facilitatorOn(t, territoryId);
    const created = await f.call('POST', '/api/live/rooms', { title: 'Journée des quartiers', territoryId });
    const { id: roomId, code } = created.body as { id: string; code: string };
    const phones: { id: string; name: string; phone: Probe }[] = [];
    const kinds = ['association', 'caf', 'collectivite', 'bailleur', 'centre_social'];
    for (let i = 0; i < n; i++) {
      const name = `Personne ${String.fromCharCode(65 + i)}`;
      const joined = await joinAs(t, code, name, kinds[i % kinds.length] as string);
      expect(joined.status).toBe(201);
      const phone = await connect(t.app, code, { role: 'participant', token: joined.body.token });
      await phone.next((m) => m.type === 'welcome');
      phones.push({ id: joined.body.participantId as string, name, phone });
    }
    return { f, roomId, code, phones };
  }

  it('runs a world café: hosts, planned rounds on the phones, the timer, a host’s synthesis, a re-plan', async () => {
    const { f, roomId, code, phones } = await roomWithPhones(10);
    const added = await f.call('POST', `/api/live/rooms/${roomId}/activities`, {
      kind: 'worldcafe',
      prompt: 'World café : que vous inspirent ces thèmes ?',
      tables: [{ theme: 'Bien-être et parentalité', place: 'Près des fenêtres' }, { theme: 'Jeunesse' }, { theme: 'Emploi' }],
      rounds: 3,
      minutes: 20,
    });
    expect(added.status).toBe(201);
    const activityId = (added.body as { id: string }).id;
    const [host, ...movers] = phones as [(typeof phones)[number], ...typeof phones];
    expect(
      (
        await f.call('PUT', `/api/live/rooms/${roomId}/activities/${activityId}/hosts`, {
          hosts: [{ table: 't1', participantId: host.id }],
        })
      ).status,
    ).toBe(200);
    expect((await f.call('POST', `/api/live/rooms/${roomId}/activities/${activityId}/rounds/0/start`)).body).toMatchObject({
      code: 'live_not_planned',
    });
    expect((await f.call('POST', `/api/live/rooms/${roomId}/activities/${activityId}/plan`)).status).toBe(200);
    expect((await f.call('POST', `/api/live/rooms/${roomId}/activities/${activityId}/start`)).status).toBe(200);
    const round = await f.call('POST', `/api/live/rooms/${roomId}/activities/${activityId}/rounds/0/start`);
    expect(round.status).toBe(200);

    // Each mover's phone shows three distinct tables; the host stays at table 1.
    for (const m of movers) {
      const me = await m.phone.next<Me>((x) => (x.type === 'me' || x.type === 'welcome') && Boolean(x.me?.cafe?.itinerary.every(Boolean)));
      const tables = me.me?.cafe?.itinerary.map((s) => s?.table.id);
      expect(new Set(tables).size).toBe(3);
    }
    const hostView = await host.phone.next<Me>((x) => (x.type === 'me' || x.type === 'welcome') && Boolean(x.me?.cafe?.hosts));
    expect(hostView.me?.cafe?.hosts).toMatchObject({ id: 't1', number: 1, theme: 'Bien-être et parentalité', place: 'Près des fenêtres' });

    const projector = await connect(t.app, code, { role: 'projector' });
    const welcome = await projector.next<Extract<ServerMessage, { type: 'welcome' }>>((m) => m.type === 'welcome');
    expect(welcome.room.timer?.endsAt).toBe((welcome.room.timer?.startedAt ?? 0) + 20 * 60_000);
    expect(welcome.room.activity).toMatchObject({ kind: 'worldcafe', round: 0, rounds: 3 });

    // Only the host writes the synthesis; the projector shows it.
    movers[0]?.phone.send({
      v: 1,
      type: 'submit',
      key: 'synth-x-0001',
      activityId,
      input: { kind: 'synthesis', table: 't1', text: 'Pas moi' },
    });
    expect(await movers[0]?.phone.next((m) => m.type === 'reject')).toMatchObject({ code: 'not_host' });
    host.phone.send({
      v: 1,
      type: 'submit',
      key: 'synth-h-0001',
      activityId,
      input: { kind: 'synthesis', table: 't1', text: 'Les parents d’abord' },
    });
    await host.phone.next((m) => m.type === 'ack');
    const shown = await projector.next<Results>(
      (m) =>
        m.type === 'results' && (m.results[activityId] as { tables?: { syntheses: unknown[] }[] })?.tables?.[0]?.syntheses.length === 1,
    );
    const cafeResults = shown.results[activityId] as Extract<Results['results'][string], { kind: 'worldcafe' }>;
    expect(cafeResults.tables[0]).toMatchObject({ id: 't1', host: 'Personne A', syntheses: [{ round: 0, text: 'Les parents d’abord' }] });
    expect(cafeResults.tables.reduce((n, table) => n + table.seated, 0)).toBe(10);

    // Someone leaves: the re-plan keeps round 1 and leaves them out of rounds 2 and 3.
    const gone = movers[1] as (typeof movers)[number];
    expect((await f.call('PUT', `/api/live/rooms/${roomId}/participants/${gone.id}/presence`, { present: false })).status).toBe(200);
    const before = (await f.call('GET', `/api/live/rooms/${roomId}`)).body as {
      activities: { id: string; cafe?: { plan: { members: string[] }[][] } }[];
    };
    const plan0 = before.activities.find((a) => a.id === activityId)?.cafe?.plan?.[0];
    expect((await f.call('POST', `/api/live/rooms/${roomId}/activities/${activityId}/plan`)).status).toBe(200);
    const after = (await f.call('GET', `/api/live/rooms/${roomId}`)).body as typeof before;
    const plan = after.activities.find((a) => a.id === activityId)?.cafe?.plan ?? [];
    expect(plan[0]).toEqual(plan0);
    expect(plan[1]?.flatMap((t) => t.members)).not.toContain(gone.name);
    expect(plan[2]?.flatMap((t) => t.members)).toHaveLength(movers.length - 1);
  });

  it('runs an idea wall and forms collectives that become records with the four questions', async () => {
    const { f, roomId, code, phones } = await roomWithPhones(6);
    const wall = await f.call('POST', `/api/live/rooms/${roomId}/activities`, {
      kind: 'ideas',
      prompt: 'Labo d’idées',
      options: ['Jeunesse', 'Santé'],
    });
    const wallId = (wall.body as { id: string }).id;
    await f.call('POST', `/api/live/rooms/${roomId}/activities/${wallId}/start`);
    const [a, b, c] = phones as [(typeof phones)[number], (typeof phones)[number], (typeof phones)[number]];
    a.phone.send({
      v: 1,
      type: 'submit',
      key: 'idea-a-00001',
      activityId: wallId,
      input: { kind: 'idea', theme: 1, text: 'Une maison de santé' },
    });
    const ideaAck = await a.phone.next<Extract<ServerMessage, { type: 'ack' }>>((m) => m.type === 'ack');
    b.phone.send({
      v: 1,
      type: 'submit',
      key: 'vote-b-00001',
      activityId: wallId,
      input: { kind: 'idea-vote', idea: ideaAck.seq, vote: true },
    });
    await b.phone.next((m) => m.type === 'ack');
    // The phones see the wall (to vote), at most once a second.
    const seen = await c.phone.next<Results>(
      (m) => m.type === 'results' && (m.results[wallId] as { ideas?: { votes: number }[] })?.ideas?.[0]?.votes === 1,
      5000,
    );
    expect(seen.results[wallId]).toMatchObject({
      kind: 'ideas',
      themes: ['Jeunesse', 'Santé'],
      ideas: [{ text: 'Une maison de santé', theme: 1 }],
    });
    const mine = await b.phone.next<Me>((m) => m.type === 'me' && Boolean(m.me?.submitted?.votes?.length));
    expect(mine.me?.submitted?.votes).toEqual([ideaAck.seq]);

    const forming = await f.call('POST', `/api/live/rooms/${roomId}/activities`, {
      kind: 'collectives',
      prompt: 'Quelle urgence partagez-vous ?',
      options: ['Parentalité', 'Santé'],
    });
    const formingId = (forming.body as { id: string }).id;
    await f.call('POST', `/api/live/rooms/${roomId}/activities/${formingId}/start`);
    for (const [i, p] of phones.entries()) {
      const theme = i % 2 === 0 ? 'Parentalité' : 'Santé';
      p.phone.send({
        v: 1,
        type: 'submit',
        key: `urg-${i}-000001`,
        activityId: formingId,
        input: { kind: 'urgency', text: `Urgence ${theme} du quartier`, themes: [theme] },
      });
      await p.phone.next((m) => m.type === 'ack' && m.key === `urg-${i}-000001`);
    }
    expect((await f.call('POST', `/api/live/rooms/${roomId}/activities/${formingId}/collectives/propose`)).status).toBe(200);
    const proposed = await a.phone.next<Me>((m) => m.type === 'me' && Boolean(m.me?.collective));
    expect(proposed.me?.collective?.members.length).toBe(3);
    a.phone.send({
      v: 1,
      type: 'submit',
      key: 'coll-a-00001',
      activityId: formingId,
      input: { kind: 'collective', number: proposed.me?.collective?.number, accepted: true },
    });
    await a.phone.next((m) => m.type === 'ack' && m.key === 'coll-a-00001');
    // The facilitator renames a proposed collective from the console; the record takes that name.
    const number = proposed.me?.collective?.number as number;
    const renamed = await f.call('PUT', `/api/live/rooms/${roomId}/activities/${formingId}/collectives/${number}/name`, {
      name: 'Les voisins du quartier',
    });
    expect(renamed.status).toBe(200);

    const created = await f.call('POST', `/api/live/rooms/${roomId}/activities/${formingId}/collectives/create`);
    expect(created.status).toBe(200);
    const list = (created.body as { collectives: { number: number; id: string }[] }).collectives;
    expect(list).toHaveLength(2);
    // A retry (a lost answer) finds the same collectives.
    const again = await f.call('POST', `/api/live/rooms/${roomId}/activities/${formingId}/collectives/create`);
    expect((again.body as { collectives: unknown[] }).collectives).toEqual(list);
    const listed = await f.call('GET', `/api/collectives?territoryId=${territoryId}`);
    expect((listed.body as { id: string }[]).filter((x) => list.some((l) => l.id === x.id))).toHaveLength(2);
    const one = await f.call('GET', `/api/collectives/${list[0]?.id}`);
    expect(one.body).toMatchObject({
      themes: expect.any(Array),
      questions: [{ question: 1 }, { question: 2 }, { question: 3 }, { question: 4 }],
    });
    expect((one.body as { members: unknown[] }).members).toHaveLength(3);
    const renamedRecord = await f.call('GET', `/api/collectives/${list.find((l) => l.number === number)?.id}`);
    expect((renamedRecord.body as { name: string }).name).toBe('Les voisins du quartier');
    expect((one.body as { urgency: string }).urgency).toMatch(/Urgence/);
    const answered = await f.call('PUT', `/api/collectives/${list[0]?.id}/answers/4`, {
      answer: 'Se revoir dans quinze jours au centre social',
    });
    expect(answered.status).toBe(200);
    const reread = await f.call('GET', `/api/collectives/${list[0]?.id}`);
    expect((reread.body as { questions: { answer: string }[] }).questions[3]?.answer).toBe('Se revoir dans quinze jours au centre social');
    expect((await f.call('PUT', `/api/collectives/${list[0]?.id}/answers/5`, { answer: 'x' })).status).toBe(400);
    // The room's export keeps everything: the wall with its votes, the collectives with their ids.
    const exported = await f.call('GET', `/api/live/rooms/${roomId}/export.json`);
    expect(exported.res.headers['content-disposition']).toContain('.json');
    const dump = JSON.parse(exported.res.body) as { activities: { kind: string; results: Record<string, unknown> }[] };
    expect(dump.activities.find((x) => x.kind === 'ideas')?.results).toMatchObject({ ideas: [{ text: 'Une maison de santé', votes: 1 }] });
    expect(dump.activities.find((x) => x.kind === 'collectives')?.results).toMatchObject({ created: true });
    void code;
  });

  it('closes a room: registered people who sat together become acquaintances, and phones can no longer answer', async () => {
    const { f, roomId, code, phones } = await roomWithPhones(1);
    // Three registered people of the ecosystem, seated in one mise en route group.
    const people = await t.store.db
      .insertInto('people')
      .values(['Nadia Belkacem', 'Lucas Moreau', 'Jeanne Petit'].map((name) => ({ name, search_key: name.toLowerCase() })))
      .returning('id')
      .execute();
    const ids = people.map(() => crypto.randomUUID());
    const groupActivity = crypto.randomUUID();
    const keywordActivity = crypto.randomUUID();
    const appended = await liveRepo(t.store.db).append(roomId, [
      ...people.map((p, i) => ({
        event: {
          type: 'participant.joined' as const,
          participantId: ids[i] as string,
          personId: p.id,
          name: `Inscrit ${i}`,
          organisationKind: null,
          territory: null,
        },
      })),
      { event: { type: 'activity.added', activityId: groupActivity, kind: 'icebreaker', prompt: 'Mise en route' } },
      { event: { type: 'groups.formed', activityId: groupActivity, groups: [{ number: 1, place: 'Panneau 1', members: ids }] } },
      { event: { type: 'activity.added', activityId: keywordActivity, kind: 'keyword', prompt: 'Un mot', mode: 'person' } },
      { event: { type: 'activity.started', activityId: keywordActivity } },
    ]);
    // Written behind the server's back: tell it, as another process's NOTIFY would.
    await t.app.live.remoteChanged(roomId, appended.at(-1)?.seq ?? 0);
    const personIds = people.map((p) => p.id);
    expect(await knownPairs(t.store.db, personIds)).toEqual([]);
    const closed = await f.call('POST', `/api/live/rooms/${roomId}/close`);
    expect(closed.status).toBe(200);
    expect((closed.body as { acquaintances: number }).acquaintances).toBe(3);
    expect((await knownPairs(t.store.db, personIds)).length).toBe(3);
    // Closing again adds nothing and keeps the room closed.
    expect((await f.call('POST', `/api/live/rooms/${roomId}/close`)).status).toBe(200);
    expect((await knownPairs(t.store.db, personIds)).length).toBe(3);
    const phone = phones[0]?.phone as Probe;
    phone.send({ v: 1, type: 'submit', key: 'late-000001', activityId: keywordActivity, input: { kind: 'keyword', text: 'Trop tard' } });
    expect(await phone.next((m) => m.type === 'reject' || m.type === 'error')).toMatchObject({ code: 'room_closed' });
    void code;
  });
});
