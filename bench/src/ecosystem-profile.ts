/**
 * Where the ecosystem map's time goes, step by step, on the bench dataset (10,000 organisations,
 * 100,000 assessments): the SQL of each query with EXPLAIN ANALYZE, then the route end to end.
 *
 *   node --import tsx bench/src/ecosystem-profile.ts [pglite|postgres] [--explain]
 */
import { ecosystemGraph, ecosystemMap, territoryFamily } from '@maillage/db';
import { sql } from 'kysely';
import { createTestApp } from '../../apps/server/src/testing';
import { generate } from './ecosystem';

const kind = (process.argv.find((a) => a === 'pglite' || a === 'postgres') ?? 'pglite') as 'pglite' | 'postgres';
const explain = process.argv.includes('--explain');
if (kind === 'postgres') process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL;
const t = await createTestApp(kind);
try {
  const d = await generate(t.store);
  const db = t.store.db;
  const e0 = d.epcis[0] as string;
  const at = new Date().toISOString().slice(0, 10);
  const time = async <T>(label: string, fn: () => Promise<T>, n = 5): Promise<T> => {
    let out: T | undefined;
    const ms: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      out = await fn();
      ms.push(performance.now() - t0);
    }
    ms.sort((a, b) => a - b);
    console.log(`${label}: median ${ms[Math.floor(n / 2)]?.toFixed(1)} ms (min ${ms[0]?.toFixed(1)})`);
    return out as T;
  };
  const family = await time('territoryFamily', () => territoryFamily(db, e0));
  const graph = await time('ecosystemGraph (current)', () => ecosystemGraph(db, { territoryId: e0, at, current: true }));
  console.log(`  ${graph.nodes.length} nodes, ${graph.facts.length} facts`);
  const map = await time('ecosystemMap (current, one round trip)', () => ecosystemMap(db, { territoryId: e0, at, current: true }));
  console.log(`  ${map.nodes.length} nodes, ${map.edges.length} edges`);
  await time('ecosystemMap (2025-09-30)', () => ecosystemMap(db, { territoryId: e0, at: '2025-09-30', current: false }));
  await time('ecosystemGraph (2025-09-30)', () => ecosystemGraph(db, { territoryId: e0, at: '2025-09-30', current: false }));
  if (explain) {
    const ids = graph.nodes.map((n) => n.id);
    for (const [label, q] of [
      [
        'nodes',
        sql`explain (analyze, buffers) select o.id, o.name, o.kind, array_agg(ot.territory_id) as territory_ids
          from organisations o join organisation_territories ot on ot.organisation_id = o.id
          where o.merged_into is null and o.id in (select organisation_id from organisation_territories where territory_id = any(${family}::uuid[]))
          group by o.id`,
      ],
      [
        'sides',
        sql`explain (analyze, buffers) with n as materialized (select unnest(${ids}::uuid[]) as id)
          select rs.org_a, rs.org_b, rs.on_behalf_of, rs.level, rs.assessed_on from n join relation_sides rs on rs.org_a = n.id
          where rs.org_b in (select id from n)`,
      ],
      [
        'past',
        sql`explain (analyze, buffers) with n as materialized (select unnest(${ids}::uuid[]) as id)
          select distinct on (ca.org_a, ca.org_b, ca.on_behalf_of) ca.org_a, ca.org_b, ca.on_behalf_of, ca.level, ca.assessed_on
          from n join cooperation_assessments ca on ca.org_a = n.id
          where ca.org_b in (select id from n) and ca.assessed_on <= '2025-09-30'
          order by ca.org_a, ca.org_b, ca.on_behalf_of, ca.assessed_on desc, ca.seq desc`,
      ],
    ] as const) {
      const plan = await (q as ReturnType<typeof sql<{ 'QUERY PLAN': string }>>).execute(db);
      console.log(`--- ${label}\n${plan.rows.map((r) => (r as Record<string, string>)['QUERY PLAN']).join('\n')}`);
    }
  }
  const route = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie: d.coordinator.cookie } });
    if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode}`);
    return res.body.length;
  };
  await time('GET /map (today)', () => route(`/api/ecosystem/map?territoryId=${e0}`), 7);
  await time('GET /map (2025-09-30)', () => route(`/api/ecosystem/map?territoryId=${e0}&at=2025-09-30`), 7);
  await time('GET /directory', () => route(`/api/ecosystem/directory?q=passerelle&territoryId=${e0}`), 21);
} finally {
  await t.close();
}
