import { createHash } from 'node:crypto';
import { createIndicator, reportMeasurement, saveQuizResult } from '@maillage/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../client';
import { erasePerson, exportPersonData } from '../privacy/personal-data';
import { availableTestStores, openTestStore } from '../testing';
import { quizResultsRepo } from './quiz-store';
import { indicatorMeasurements, loadIndicator, measurementsRepo } from './store';

describe.each(availableTestStores())('shared measurement store on %s', (kind) => {
  let store: Store;
  let territoryId: string;
  let organisationId: string;
  let userId: string;
  let personId: string;
  beforeAll(async () => {
    store = await openTestStore(kind);
    const suffix = Math.random().toString(36).slice(2);
    const t = await sql<{ id: string }>`
      insert into territories (kind, name, slug) values ('epci', 'Agglo des mesures', ${`agglo-mesures-${suffix}`}) returning id`.execute(
      store.db,
    );
    territoryId = t.rows[0]!.id;
    const org = await store.db
      .insertInto('organisations')
      .values({ name: 'Centre social', search_key: 'centre social', name_key: 'centre social', kind: 'centre_social' })
      .returning('id')
      .executeTakeFirstOrThrow();
    organisationId = org.id;
    const user = await store.db
      .insertInto('users')
      .values({ email: `rapporteuse-${suffix}@exemple.fr`, display_name: 'Rita Rapporteuse', password_hash: 'x' })
      .returning('id')
      .executeTakeFirstOrThrow();
    userId = user.id;
    const person = await store.db
      .insertInto('people')
      .values({ name: 'Rita Rapporteuse', search_key: 'rita rapporteuse', user_id: userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    personId = person.id;
  });
  afterAll(async () => {
    await store?.close();
  });

  it('gives concurrent reports of one period distinct versions, keeping every one', async () => {
    const deps = { repo: measurementsRepo(store.db) };
    const id = await createIndicator(
      deps,
      {
        territoryId,
        collectiveId: null,
        name: 'Familles',
        unit: 'familles',
        source: '',
        method: '',
        frequency: 'annuelle',
        reporter: '',
        baselineValue: null,
        baselineYear: null,
        targetValue: null,
        targetYear: null,
        firstPeriod: null,
        reporterIds: [organisationId],
      },
      null,
    );
    const record = (await loadIndicator(store.db, id))!;
    const results = await Promise.all(
      [10, 11, 12, 13].map((value) => reportMeasurement(deps, record, { organisationId, period: '2025', value }, userId)),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const rows = await indicatorMeasurements(store.db, id, { organisationId, period: '2025' });
    expect(rows.map((r) => r.version)).toEqual([1, 2, 3, 4]);
    expect(rows.map((r) => r.value).sort()).toEqual([10, 11, 12, 13]);
    const audit = await store.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', id)
      .where('action', '=', 'measurement.report')
      .execute();
    expect(audit).toHaveLength(4);
  });

  it('exports her reports and quiz results, then erases: values kept and unlinked, quiz results gone', async () => {
    const token = createHash('sha256').update('jeton-de-rita').digest('hex');
    await saveQuizResult(
      { repo: quizResultsRepo(store.db) },
      Array.from({ length: 12 }, () => 0),
      token,
      userId,
    );
    const exported = (await exportPersonData(store.db, personId)) as Record<string, unknown>;
    expect(JSON.stringify(exported)).toContain('measurementsReported');
    expect(exported.measurementsReported).toHaveLength(4);
    expect(exported.quizResults).toHaveLength(1);
    await erasePerson(store.db, personId, null);
    const left = await store.db.selectFrom('indicator_measurements').select('reported_by').where('reported_by', '=', userId).execute();
    expect(left).toEqual([]);
    expect(await store.db.selectFrom('indicator_measurements').select('id').execute()).toHaveLength(4);
    expect(await store.db.selectFrom('quiz_results').select('id').where('user_id', '=', userId).execute()).toEqual([]);
  });
});
