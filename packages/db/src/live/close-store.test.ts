import { randomBytes } from 'node:crypto';
import { joinCodeFrom } from '@maillage/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { createCollectives } from '../collectives/store';
import { knownPairs } from '../ecosystem/people';
import { erasePerson } from '../privacy/personal-data';
import { availableTestStores, openTestStore } from '../testing';
import { closeLiveRoom } from './close-store';
import { liveRepo } from './store';

describe.each(availableTestStores())('closing a room and erasing a person on %s', (kind) => {
  let store: Store;
  let territoryId: string;
  beforeAll(async () => {
    store = await openTestStore(kind);
    const t = await store.db
      .insertInto('territories')
      .values({ kind: 'quartier', name: 'Quartier des Aulnes', slug: `aulnes-${randomBytes(3).toString('hex')}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    territoryId = t.id;
  });
  afterAll(async () => {
    await store?.close();
  });

  it('records acquaintances only between people still there, and an erasure anonymises the room and the collective', async () => {
    const people = await store.db
      .insertInto('people')
      .values(['Anouk Ferrand', 'Bastien Roux', 'Céline Vidal'].map((name) => ({ name, search_key: name.toLowerCase() })))
      .returning('id')
      .execute();
    const [a, b, c] = people.map((p) => p.id) as [string, string, string];
    const repo = liveRepo(store.db);
    const room = await repo.createRoom({
      code: joinCodeFrom((n) => randomBytes(n)),
      title: 'Salle',
      territoryId,
      eventSessionId: null,
      createdBy: null,
    });
    if (room === 'code_taken') throw new Error('collision');
    const participant = crypto.randomUUID();
    await store.db
      .insertInto('live_participants')
      .values({ id: participant, room_id: room.id, token_hash: randomBytes(8).toString('hex'), display_name: 'Céline Vidal', person_id: c })
      .execute();
    await repo.append(room.id, [
      {
        event: {
          type: 'participant.joined',
          participantId: participant,
          personId: c,
          name: 'Céline Vidal',
          organisationKind: null,
          territory: null,
        },
      },
    ]);
    const [collectiveId] = await createCollectives(store.db, [
      {
        territoryId,
        name: 'Collectif des Aulnes',
        urgency: 'Les familles isolées',
        themes: [],
        origin: null,
        members: [{ name: 'Céline Vidal', personId: c, liveParticipantId: participant }],
        createdBy: null,
      },
    ]);

    await erasePerson(store.db, c, null);
    const recorded = await closeLiveRoom(store.db, {
      roomId: room.id,
      at: new Date('2026-03-12T10:00:00Z'),
      personPairs: [
        [a, b],
        [a, c],
        [b, c],
      ],
    });
    expect(recorded).toBe(1);
    expect(await knownPairs(store.db, [a, b, c])).toHaveLength(1);

    const row = await store.db
      .selectFrom('live_participants')
      .select(['display_name', 'person_id'])
      .where('id', '=', participant)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ display_name: 'Personne effacée', person_id: null });
    const [joined] = await repo.eventsSince(room.id, 0);
    expect(joined?.event).toMatchObject({ type: 'participant.joined', name: 'Personne effacée' });
    expect(joined?.event).not.toHaveProperty('personId');
    const member = await store.db
      .selectFrom('collective_members')
      .select(['display_name', 'person_id'])
      .where('collective_id', '=', collectiveId as string)
      .executeTakeFirstOrThrow();
    expect(member).toEqual({ display_name: 'Personne effacée', person_id: null });
    const closed = await store.db.selectFrom('live_rooms').select('closed_at').where('id', '=', room.id).executeTakeFirstOrThrow();
    expect(closed.closed_at).not.toBeNull();
  });
});
