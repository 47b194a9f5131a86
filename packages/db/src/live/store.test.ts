import { randomBytes } from 'node:crypto';
import { joinCodeFrom, type LiveRepo } from '@maillage/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { availableTestStores, openTestStore } from '../testing';
import { liveRepo } from './store';

describe.each(availableTestStores())('live store on %s', (kind) => {
  let store: Store;
  let repo: LiveRepo;
  let territoryId: string;
  beforeAll(async () => {
    store = await openTestStore(kind);
    repo = liveRepo(store.db);
    const t = await store.db
      .insertInto('territories')
      .values({ kind: 'quartier', name: 'Quartier des Tilleuls', slug: `tilleuls-${randomBytes(3).toString('hex')}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    territoryId = t.id;
  });
  afterAll(async () => {
    await store?.close();
  });

  const newRoom = async () => {
    const room = await repo.createRoom({
      code: joinCodeFrom((n) => randomBytes(n)),
      title: 'Atelier',
      territoryId,
      eventSessionId: null,
      createdBy: null,
    });
    if (room === 'code_taken') throw new Error('collision');
    return room;
  };

  it('refuses a code already taken, finds rooms by code', async () => {
    const room = await newRoom();
    expect(await repo.createRoom({ code: room.code, title: 'Autre', territoryId, eventSessionId: null, createdBy: null })).toBe(
      'code_taken',
    );
    expect((await repo.findRoomByCode(room.code))?.id).toBe(room.id);
    expect(await repo.findRoomById('pas-un-uuid')).toBeUndefined();
  });

  it('stores events with increasing seqs, once per idempotency key, and replays them from a seq', async () => {
    const room = await newRoom();
    const { participant, seq: joinedAt } = await repo.createParticipant(room.id, {
      tokenHash: `h-${room.id}`,
      name: 'Inès',
      organisationKind: 'caf',
      territory: 'Nord',
    });
    expect(joinedAt).toBe(1);
    expect((await repo.findParticipantByToken(room.id, `h-${room.id}`))?.name).toBe('Inès');
    expect(await repo.findParticipantByToken(room.id, 'autre')).toBeUndefined();
    const kw = (text: string) => ({ type: 'keyword.submitted' as const, activityId: 'k', participantId: participant.id, text });
    const first = await repo.append(room.id, [
      { event: { type: 'activity.added', activityId: 'k', kind: 'keyword', prompt: '?' } },
      { event: kw('Confiance'), participantId: participant.id, key: 'cle-00000001' },
      { event: kw('Confiance'), participantId: participant.id, key: 'cle-00000001' },
      { event: kw('Écoute'), participantId: participant.id, key: 'cle-00000002' },
    ]);
    expect(first).toEqual([
      { seq: 2, duplicate: false },
      { seq: 3, duplicate: false },
      { seq: 3, duplicate: true },
      { seq: 4, duplicate: false },
    ]);
    const retry = await repo.append(room.id, [
      { event: kw('Confiance'), participantId: participant.id, key: 'cle-00000001' },
      { event: kw('Temps'), participantId: participant.id, key: 'cle-00000003' },
    ]);
    expect(retry).toEqual([
      { seq: 3, duplicate: true },
      { seq: 5, duplicate: false },
    ]);
    const all = await repo.eventsSince(room.id, 0);
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    // A caller that trusted the key as new (another process raced it): the unique index answers.
    const raced = await repo.append(room.id, [{ event: kw('Confiance'), participantId: participant.id, key: 'cle-00000001' }], {
      keysAreNew: true,
    });
    expect(raced).toEqual([{ seq: 3, duplicate: true }]);
    expect((await repo.eventsSince(room.id, 5)).length).toBe(0);
    expect(all[0]?.event).toEqual({
      type: 'participant.joined',
      participantId: participant.id,
      name: 'Inès',
      organisationKind: 'caf',
      territory: 'Nord',
    });
    expect(all[2]).toEqual({ seq: 3, event: kw('Confiance'), participantId: participant.id, key: 'cle-00000001' });
    expect((await repo.eventsSince(room.id, 3)).map((e) => e.seq)).toEqual([4, 5]);
    const count = await store.db
      .selectFrom('live_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('room_id', '=', room.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(5);
  });

  it('creates a crowd of participants in one transaction, each with its joined event in order', async () => {
    const room = await newRoom();
    const list = ['Aïcha', 'Bruno', 'Chen'].map((name) => ({
      tokenHash: `${name}-${room.id}`,
      name,
      organisationKind: null,
      territory: 'Sud',
    }));
    const created = await repo.createParticipants(room.id, list);
    expect(created.map((c) => [c.participant.name, c.seq])).toEqual([
      ['Aïcha', 1],
      ['Bruno', 2],
      ['Chen', 3],
    ]);
    const events = await repo.eventsSince(room.id, 0);
    expect(events.map((e) => (e.event.type === 'participant.joined' ? e.event.name : ''))).toEqual(['Aïcha', 'Bruno', 'Chen']);
    expect((await repo.participantsWithTokens(room.id)).length).toBe(3);
  });

  it('keeps seqs unique under concurrent appends to one room', async () => {
    const room = await newRoom();
    const { participant } = await repo.createParticipant(room.id, {
      tokenHash: `c-${room.id}`,
      name: 'Noé',
      organisationKind: null,
      territory: null,
    });
    const batches = await Promise.all(
      Array.from({ length: 8 }, (_, b) =>
        repo.append(
          room.id,
          Array.from({ length: 25 }, (_, i) => ({
            event: { type: 'vote.cast' as const, activityId: 'p', participantId: participant.id, choices: [i % 3] },
            participantId: participant.id,
            key: `k-${b}-${i}-xxxxxx`,
          })),
        ),
      ),
    );
    const seqs = batches.flat().map((o) => o.seq);
    expect(new Set(seqs).size).toBe(200);
    expect(Math.max(...seqs)).toBe(201);
  });

  it('counts failed join attempts per client in a window', async () => {
    const now = new Date();
    await repo.recordJoinFailure('10.0.0.1', now);
    await repo.recordJoinFailure('10.0.0.1', now);
    await repo.recordJoinFailure('10.0.0.2', now);
    expect(await repo.countJoinFailures('10.0.0.1', new Date(now.getTime() - 60_000))).toBe(2);
    expect(await repo.countJoinFailures('10.0.0.1', new Date(now.getTime() + 1))).toBe(0);
  });
});
