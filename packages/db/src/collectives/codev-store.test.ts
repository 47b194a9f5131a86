import { randomBytes } from 'node:crypto';
import { codevPresetSteps, joinCodeFrom } from '@maillage/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { addDemoCodevRecord } from '../demo/codev';
import { liveRepo } from '../live/store';
import { availableTestStores, openTestStore } from '../testing';
import { findCodevRecord, listCodevRecords, saveCodevRecord } from './codev-store';
import { createCollectives } from './store';

describe.each(availableTestStores())('co-development records on %s', (kind) => {
  let store: Store;
  let territoryId: string;
  let collectiveId: string;
  beforeAll(async () => {
    store = await openTestStore(kind);
    const t = await store.db
      .insertInto('territories')
      .values({ kind: 'quartier', name: 'Quartier des Tilleuls', slug: `tilleuls-${randomBytes(3).toString('hex')}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    territoryId = t.id;
    [collectiveId] = (await createCollectives(store.db, [
      { territoryId, name: 'Collectif', urgency: '', themes: [], origin: null, members: [], createdBy: null },
    ])) as [string];
  });
  afterAll(async () => {
    await store?.close();
  });

  const draft = (subject: string) => ({
    subjectType: 'projet' as const,
    collectiveId,
    porteurParticipantId: null,
    subject,
    contract: 'Aidez-moi à…',
    proposals: [
      { text: 'Anonyme', name: null, participantId: null },
      { text: 'Signée', name: 'Bao', participantId: null },
    ],
    actionPlan: 'Un plan',
    followUp: '2027-02-01',
    learnings: [{ text: 'Appris', participantId: null }],
    steps: codevPresetSteps.seed,
  });

  it('keeps one record per room and activity, rewritten by a second close, with its audit entry', async () => {
    const activityId = crypto.randomUUID();
    const at = new Date('2026-12-01T09:00:00Z');
    const room = await liveRepo(store.db).createRoom({
      code: joinCodeFrom((n) => randomBytes(n)),
      title: 'Salle',
      territoryId,
      eventSessionId: null,
      createdBy: null,
    });
    if (room === 'code_taken') throw new Error('code collision');
    const base = { roomId: room.id, activityId, territoryId, heldAt: at, createdBy: null };
    const id = await saveCodevRecord(store.db, { ...base, draft: draft('Premier') });
    expect(await findCodevRecord(store.db, id)).toMatchObject({
      subject: 'Premier',
      followUp: '2027-02-01',
      heldAt: at.toISOString(),
      proposals: [
        { text: 'Anonyme', name: null },
        { text: 'Signée', name: 'Bao' },
      ],
      learnings: ['Appris'],
    });
    // The same room and activity: the same row, rewritten.
    expect(await saveCodevRecord(store.db, { ...base, draft: draft('Second') })).toBe(id);
    expect((await findCodevRecord(store.db, id))?.subject).toBe('Second');
    const audit = await store.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity_id', '=', id).execute();
    expect(audit).toEqual([
      { action: 'codev.recorded', entity_id: id },
      { action: 'codev.recorded', entity_id: id },
    ]);
    expect(await findCodevRecord(store.db, crypto.randomUUID())).toBeUndefined();
  });

  it('writes the demo record once, listed with the collective', async () => {
    const heldAt = new Date('2026-11-05T14:00:00Z');
    const first = await addDemoCodevRecord(store.db, { territoryId, collectiveId, heldAt });
    expect(await addDemoCodevRecord(store.db, { territoryId, collectiveId, heldAt })).toBe(first);
    const list = await listCodevRecords(store.db, collectiveId);
    const demo = list.find((r) => r.id === first);
    expect(demo).toMatchObject({ followUp: '2026-12-05', subjectType: 'probleme' });
    expect(demo?.proposals.filter((p) => p.name !== null)).toHaveLength(1);
    expect(demo?.steps).toHaveLength(6);
  });
});
