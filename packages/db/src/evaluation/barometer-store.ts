import { type BarometerAnswers, type BarometerRunsRepo, barometerResult } from '@maillage/core';
import { type Kysely, sql, type Transaction } from 'kysely';
import { withAudit } from '../accounts/store';
import type { DB } from '../schema';

type Db = Kysely<DB> | Transaction<DB>;

function runsQuery(db: Db) {
  return db
    .selectFrom('barometer_runs as r')
    .leftJoin('collectives as c', 'c.id', 'r.collective_id')
    .select([
      'r.id',
      'r.territory_id',
      'r.collective_id',
      'c.name as collective_name',
      'r.title',
      'r.code',
      sql<string>`r.opened_on::text`.as('opened_on'),
      'r.closed_at',
      'r.created_at',
      (eb) =>
        eb
          .selectFrom('barometer_answers as a')
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .whereRef('a.run_id', '=', 'r.id')
          .as('respondents'),
    ]);
}
type RunRow = Awaited<ReturnType<ReturnType<typeof runsQuery>['executeTakeFirstOrThrow']>>;

export async function barometerRunContext(db: Db, id: string): Promise<{ territoryId: string } | undefined> {
  const row = await db.selectFrom('barometer_runs').select('territory_id').where('id', '=', id).executeTakeFirst();
  return row ? { territoryId: row.territory_id } : undefined;
}

async function answersOf(db: Db, runId: string): Promise<BarometerAnswers[]> {
  // Read in a fixed order that says nothing of who answered when.
  const rows = await db.selectFrom('barometer_answers').select('answers').where('run_id', '=', runId).orderBy('respondent_hash').execute();
  return rows.map((r) => r.answers);
}

/** The run before this one, of the same collective (or the same partnership title of the territory). */
async function previousRun(db: Db, run: RunRow): Promise<string | null> {
  let q = db
    .selectFrom('barometer_runs')
    .select('id')
    .where('territory_id', '=', run.territory_id)
    .where(sql<boolean>`(opened_on, created_at) < (${run.opened_on}::date, ${run.created_at})`);
  q = run.collective_id
    ? q.where('collective_id', '=', run.collective_id)
    : q.where('collective_id', 'is', null).where('title', '=', run.title);
  const row = await q.orderBy('opened_on', 'desc').orderBy('created_at', 'desc').executeTakeFirst();
  return row?.id ?? null;
}

/** A run with its results (hidden below three respondents) and its trend against the previous run. */
async function present(db: Db, run: RunRow, showCode: boolean) {
  const previousRunId = await previousRun(db, run);
  const [answers, before] = await Promise.all([
    answersOf(db, run.id),
    previousRunId ? answersOf(db, previousRunId) : Promise.resolve(undefined),
  ]);
  const result = barometerResult(answers, before);
  return {
    id: run.id,
    territoryId: run.territory_id,
    collective: run.collective_id ? { id: run.collective_id, name: run.collective_name ?? '' } : null,
    title: run.title,
    openedOn: run.opened_on,
    closed: run.closed_at !== null,
    respondents: Number(run.respondents ?? 0),
    code: showCode ? run.code : null,
    previousRunId,
    result: result.shown
      ? { ...result, factors: result.factors.map((f) => ({ ...f })), groups: result.groups.map((g) => ({ ...g })) }
      : { ...result },
  };
}

export async function loadBarometerRun(db: Db, id: string, showCode: (territoryId: string) => boolean) {
  const run = await runsQuery(db).where('r.id', '=', id).executeTakeFirst();
  return run ? present(db, run, showCode(run.territory_id)) : undefined;
}

export async function listBarometerRuns(db: Db, territoryIds: readonly string[], showCode: (territoryId: string) => boolean) {
  if (!territoryIds.length) return [];
  const runs = await runsQuery(db)
    .where('r.territory_id', 'in', [...territoryIds])
    .orderBy('r.opened_on', 'desc')
    .orderBy('r.created_at', 'desc')
    .execute();
  return Promise.all(runs.map((r) => present(db, r, showCode(r.territory_id))));
}

/** What a respondent's phone needs: the run by its code. */
export async function findRunByCode(db: Db, code: string) {
  return db.selectFrom('barometer_runs').select(['id', 'title', 'closed_at']).where('code', '=', code).executeTakeFirst();
}

export function barometerRunsRepo(db: Kysely<DB>): BarometerRunsRepo {
  return {
    open(input, createdBy, audit) {
      return withAudit(db, audit, async (trx) => {
        const row = await trx
          .insertInto('barometer_runs')
          .values({
            territory_id: input.territoryId,
            collective_id: input.collectiveId,
            title: input.title,
            code: input.code,
            opened_on: input.openedOn,
            created_by: createdBy,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return row.id;
      });
    },
    close(runId, audit) {
      return withAudit(db, audit, async (trx) => {
        await trx
          .updateTable('barometer_runs')
          .set({ closed_at: new Date() })
          .where('id', '=', runId)
          .where('closed_at', 'is', null)
          .execute();
      });
    },
    async answer(runId, respondentHash, answers) {
      const row = await db
        .insertInto('barometer_answers')
        .values({ run_id: runId, respondent_hash: respondentHash, answers: JSON.stringify(answers) })
        .onConflict((oc) => oc.columns(['run_id', 'respondent_hash']).doNothing())
        .returning('run_id')
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}

/** The organisations of a collective's members (through the ecosystem's people they are). */
export async function collectiveOrganisations(db: Db, collectiveId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('collective_members as m')
    .innerJoin('person_organisations as po', 'po.person_id', 'm.person_id')
    .select('po.organisation_id')
    .distinct()
    .where('m.collective_id', '=', collectiveId)
    .execute();
  return new Set(rows.map((r) => r.organisation_id));
}
