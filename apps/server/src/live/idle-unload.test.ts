import { randomBytes } from 'node:crypto';
import { joinCodeFrom } from '@maillage/core';
import { liveRepo } from '@maillage/db';
import { openTestStore } from '@maillage/db/testing';
import { describe, expect, it } from 'vitest';
import { type LiveConnection, LiveHub } from './hub';

/** A scheduler fired by hand and a clock moved by hand: no test waits for real time. */
function manualTime() {
  let t = 1_000_000;
  const planned = new Set<{ at: number; fn: () => void }>();
  return {
    now: () => t,
    schedule(fn: () => void, ms: number) {
      const task = { at: t + ms, fn };
      planned.add(task);
      return () => planned.delete(task);
    },
    /** Moves the clock and runs what fell due. */
    advance(ms: number) {
      t += ms;
      for (const task of [...planned]) {
        if (task.at > t) continue;
        planned.delete(task);
        task.fn();
      }
    },
    get planned() {
      return planned.size;
    },
  };
}

const connection = (role: LiveConnection['role'], participantId: string | null): LiveConnection => ({
  role,
  participantId,
  send: () => {},
  buffered: () => 0,
});

describe('idle live rooms leave memory', () => {
  it('unloads a room nobody uses after the idle delay, and loads it again exactly as it was', async () => {
    const store = await openTestStore('pglite');
    try {
      const repo = liveRepo(store.db);
      const time = manualTime();
      const idleUnloadMs = 30 * 60_000;
      const hub = new LiveHub(repo, { coalesceMs: 150, now: time.now, schedule: time.schedule, idleUnloadMs });
      const territory = await store.db
        .insertInto('territories')
        .values({ kind: 'quartier', name: 'Quartier du Moulin', slug: `moulin-${randomBytes(3).toString('hex')}` })
        .returning('id')
        .executeTakeFirstOrThrow();
      const created = await repo.createRoom({
        code: joinCodeFrom((n) => new Uint8Array(randomBytes(n))),
        title: 'Atelier du Moulin',
        territoryId: territory.id,
        eventSessionId: null,
        createdBy: null,
      });
      if (created === 'code_taken') throw new Error('code collision');
      const { participant } = await repo.createParticipant(created.id, {
        tokenHash: 'empreinte',
        name: 'Sacha',
        organisationKind: null,
        territory: null,
      });
      const activityId = crypto.randomUUID();
      const rt = await hub.room(created.id);
      if (!rt) throw new Error('room not found');
      await hub.command(rt, () => ({
        ok: true,
        value: [
          { type: 'activity.added', activityId, kind: 'keyword', prompt: 'Un mot pour ce quartier', mode: 'person' },
          { type: 'activity.started', activityId },
        ],
      }));
      const phone = connection('participant', participant.id);
      hub.attach(rt, phone);
      const first = await hub.submit(rt, participant.id, 'cle-0001', activityId, { kind: 'keyword', text: 'Entraide' });
      expect(first).toMatchObject({ ok: true, duplicate: false });
      await hub.submit(rt, participant.id, 'cle-0002', activityId, { kind: 'keyword', text: 'Jardins' });
      const views = (r: typeof rt) => ({
        participant: { ...hub.welcome(r, phone, undefined), serverTime: 0 },
        facilitator: { ...hub.welcome(r, connection('facilitator', null), undefined), serverTime: 0 },
        projector: { ...hub.welcome(r, connection('projector', null), undefined), serverTime: 0 },
      });
      const before = views(rt);

      // Connected: never unloaded, however long the phone stays.
      time.advance(2 * idleUnloadMs);
      expect(hub.loadedRoomIds()).toContain(created.id);
      // Nobody left: unloaded once the idle delay has passed, not before.
      hub.detach(rt, phone);
      time.advance(idleUnloadMs - 1);
      expect(hub.loadedRoomIds()).toContain(created.id);
      time.advance(1);
      await expect.poll(() => hub.loadedRoomIds()).not.toContain(created.id);

      const again = await hub.room(created.id);
      if (!again) throw new Error('room not found');
      expect(again).not.toBe(rt);
      expect(views(again)).toEqual(before);
      // A phone resending what it already sent is answered from the reloaded room, not stored twice.
      const retry = await hub.submit(again, participant.id, 'cle-0001', activityId, { kind: 'keyword', text: 'Entraide' });
      expect(retry).toEqual({ ok: true, seq: first.ok ? first.seq : -1, duplicate: true });
      await hub.close();
      expect(time.planned).toBe(0);
    } finally {
      await store.close();
    }
  });
});
