import { budgetTotals } from '@maillage/core';
import { verify } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { DEMO_ADVANCED_COLLECTIVE } from '../collectives/demo';
import { seedDemo } from '../demo/seed-demo';
import { availableTestStores, openTestStore } from '../testing';
import { demoCalendar, demoCallTitle, demoCallYear } from './demo';

describe('demo calendar', () => {
  it('programmes next year from July on, and keeps the deposit step open today', () => {
    expect(demoCallYear('2026-12-02')).toBe(2027);
    expect(demoCallYear('2026-03-10')).toBe(2026);
    for (const today of ['2026-12-02', '2026-03-10', '2026-08-31']) {
      const steps = demoCalendar(demoCallYear(today), today);
      const depot = steps.find((s) => s.kind === 'depot')!;
      expect(depot.opens_on <= today && today <= depot.closes_on).toBe(true);
      expect(steps.every((s) => s.opens_on <= s.closes_on)).toBe(true);
    }
    expect(demoCalendar(2027, '2026-12-02').find((s) => s.kind === 'depot')).toMatchObject({
      opens_on: '2026-11-25',
      closes_on: '2027-01-31',
    });
  });
});

describe.each(availableTestStores())('calls demo on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('gives the demo territory its AAP with three tracks, referents, the calendar, two co-funders with reviewers and four applications, once', async () => {
    const report = await seedDemo(store.db);
    await seedDemo(store.db);
    const db = store.db;
    const territory = await db.selectFrom('territories').select('id').where('slug', '=', 'val-de-lys').executeTakeFirstOrThrow();
    const year = demoCallYear(new Date().toISOString().slice(0, 10));
    const calls = await db.selectFrom('calls').selectAll().where('territory_id', '=', territory.id).execute();
    expect(calls.map((c) => c.title)).toEqual([demoCallTitle(year)]);
    const callId = calls[0]!.id;
    const tracks = await db.selectFrom('call_tracks').selectAll().where('call_id', '=', callId).execute();
    expect(
      tracks
        .filter((t) => t.enabled)
        .map((t) => t.track)
        .sort(),
    ).toEqual(['petit_collectif', 'projet_collectif', 'projet_individuel']);
    const steps = await db.selectFrom('call_steps').select('kind').where('call_id', '=', callId).execute();
    expect(steps).toHaveLength(7);
    const referents = await db.selectFrom('call_referents').select(['track', 'territory_id']).where('call_id', '=', callId).execute();
    expect(new Set(referents.map((r) => r.track)).size).toBe(3);
    expect(referents.some((r) => r.territory_id !== null)).toBe(true);
    const cofunders = await db
      .selectFrom('call_cofunders as f')
      .innerJoin('call_cofunder_reviewers as r', 'r.cofunder_id', 'f.id')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['f.id', 'f.kind', 'f.name', 'u.email'])
      .where('f.call_id', '=', callId)
      .orderBy('f.position')
      .execute();
    expect(cofunders.map((f) => [f.kind, f.name, f.email])).toEqual([
      ['etat', 'État – politique de la ville', 'instruction.etat@val-de-lys.exemple.fr'],
      ['epci', 'Agglomération du Val-de-Lys', 'instruction.agglo@val-de-lys.exemple.fr'],
    ]);
    // The reviewers sign in with the passwords the demo prints.
    for (const email of ['instruction.etat@val-de-lys.exemple.fr', 'instruction.agglo@val-de-lys.exemple.fr']) {
      const account = report.accounts.find((a) => a.email === email)!;
      const user = await db.selectFrom('users').select('password_hash').where('email', '=', email).executeTakeFirstOrThrow();
      expect(await verify(user.password_hash, account.password)).toBe(true);
    }
    const applications = await db
      .selectFrom('applications as a')
      .leftJoin('collectives as c', 'c.id', 'a.collective_id')
      .select(['a.id', 'a.status', 'c.name as collective'])
      .where('a.call_id', '=', callId)
      .execute();
    expect(applications.map((a) => a.status).sort()).toEqual(['accorde', 'brouillon', 'depose', 'en_instruction']);
    expect(applications.find((a) => a.collective === DEMO_ADVANCED_COLLECTIVE)?.status).toBe('depose');
    // Every budget balances to the cent, and its 74 lines ask the call's co-funders.
    const budgets = await db
      .selectFrom('application_budgets')
      .select(['application_id', 'planned'])
      .where(
        'application_id',
        'in',
        applications.map((a) => a.id),
      )
      .execute();
    expect(budgets).toHaveLength(5);
    for (const b of budgets) {
      expect(budgetTotals(b.planned).balanced).toBe(true);
      expect(b.planned.filter((l) => l.code.startsWith('74-')).every((l) => cofunders.some((f) => f.id === l.cofunderId))).toBe(true);
    }
    const granted = applications.find((a) => a.status === 'accorde')!;
    const decisions = await db.selectFrom('application_decisions').selectAll().where('application_id', '=', granted.id).execute();
    expect(decisions.map((d) => [d.decision, Number(d.voted_cents)]).sort()).toEqual([
      ['accorde', 250_000],
      ['accorde', 400_000],
    ]);
    const history = await db
      .selectFrom('application_history')
      .select('to_status')
      .where('application_id', '=', granted.id)
      .orderBy('at')
      .execute();
    expect(history.map((h) => h.to_status)).toEqual(['brouillon', 'depose', 'recevable', 'en_instruction', 'propose_comite', 'accorde']);
    const documents = await db.selectFrom('call_files').select(['kind', 'mime']).where('call_id', '=', callId).execute();
    expect(documents).toEqual([{ kind: 'rib', mime: 'application/pdf' }]);
  });
});
