import { parisToday, progressOf } from '@maillage/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { seedDemo } from '../demo/seed-demo';
import { availableTestStores, openTestStore } from '../testing';
import { DEMO_ADVANCED_COLLECTIVE, DEMO_FORMED_COLLECTIVE } from './demo';
import { collectivesWorkspaceRepo } from './workspace-store';

describe.each(availableTestStores())('the collectives of the demo on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
    await seedDemo(store.db);
  }, 180_000);
  afterAll(async () => {
    await store?.close();
  });

  const find = async (name: string) => {
    const row = await store.db.selectFrom('collectives').select('id').where('name', '=', name).executeTakeFirstOrThrow();
    return (await collectivesWorkspaceRepo(store.db).workspace(row.id, parisToday(new Date())))!;
  };

  it('has one collective just formed: three members, an urgency, no sheet', async () => {
    const c = await find(DEMO_FORMED_COLLECTIVE);
    expect(c.members).toHaveLength(3);
    expect(c.urgency).not.toBe('');
    expect(c.sections.every((s) => s.version === 0)).toBe(true);
  });

  it('has one well advanced: roles, every section written, a convention, steps done and overdue, a request answered, edits by two members', async () => {
    const c = await find(DEMO_ADVANCED_COLLECTIVE);
    const repo = collectivesWorkspaceRepo(store.db);
    expect(
      c.members
        .filter((m) => m.hasAccount)
        .map((m) => m.name)
        .sort(),
    ).toEqual(['Awa Diallo', 'Julien Roche']);
    expect(c.members.every((m) => m.roles.length > 0)).toBe(true);
    const progress = progressOf(c, parisToday(new Date()));
    expect(progress.sectionsFilled).toBe(11);
    expect(progress.stepsDone).toBeGreaterThanOrEqual(1);
    expect(progress.stepsOverdue).toBeGreaterThanOrEqual(1);
    expect(c.sections.find((s) => s.section === 'forme_juridique')?.content).toMatchObject({ form: 'convention' });
    expect(c.sections.find((s) => s.section === 'gouvernance')?.content).toMatchObject({ meetings: 'une fois par mois' });
    const requests = await repo.requests({ collectiveId: c.id });
    expect(requests.map((r) => r.status)).toEqual(['traitee']);
    const authors = new Set((await repo.history(c.id)).filter((h) => h.kind === 'section').map((h) => h.author));
    expect([...authors].sort()).toEqual(['Awa Diallo', 'Julien Roche']);
    expect((await repo.revisions(c.id, 'etat_des_lieux')).map((r) => r.author)).toEqual(['Julien Roche', 'Awa Diallo']);
  });
});
