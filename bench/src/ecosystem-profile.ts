/**
 * Where the ecosystem map's time goes, step by step, on the bench dataset (10,000 organisations,
 * 100,000 assessments): the SQL of each query with EXPLAIN ANALYZE, then the route end to end.
 *
 *   MAILLAGE_WEB_DIST=… node --import tsx bench/src/ecosystem-profile.ts [pglite|postgres] [--explain] [--browser]
 */
import { join } from 'node:path';
import { ecosystemGraph, ecosystemMap, territoryFamily } from '@maillage/db';
import { sql } from 'kysely';
import { createTestApp } from '../../apps/server/src/testing';
import { generate } from './ecosystem';

const kind = (process.argv.find((a) => a === 'pglite' || a === 'postgres') ?? 'pglite') as 'pglite' | 'postgres';
const explain = process.argv.includes('--explain');
if (kind === 'postgres') process.env.TEST_DATABASE_URL ??= process.env.DATABASE_URL;
const t = await createTestApp(kind, {
  MAILLAGE_WEB_DIST: process.env.MAILLAGE_WEB_DIST ?? join(import.meta.dirname, '..', '..', 'apps/web/dist'),
});
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
  if (explain && process.env.GIST) {
    const t0 = performance.now();
    await sql`create index organisations_search_gist on organisations using gist (search_key gist_trgm_ops)`.execute(db);
    await sql`create index people_search_gist on people using gist (search_key gist_trgm_ops)`.execute(db);
    await sql`analyze organisations, people`.execute(db);
    console.log(`gist indexes built in ${(performance.now() - t0).toFixed(0)} ms`);
  }
  if (explain) {
    for (const key of (process.env.KEYS ?? 'la passerelle,asociation horizon').split(',')) {
      const like = `%${key}%`;
      for (const [label, q] of [
        [
          `people fuzzy "${key}"`,
          sql`explain (analyze, buffers) select p.id from people p where p.erased_at is null and p.search_key %> ${key} and not (p.search_key like ${like}) order by word_similarity(${key}, p.search_key) desc, p.name limit 30`,
        ],
        [
          `people like "${key}"`,
          sql`explain (analyze, buffers) select p.id from people p where p.erased_at is null and p.search_key like ${like} order by case when p.search_key like ${`${key}%`} then 0 else 1 end, p.name limit 30`,
        ],
        [
          `orgs knn "${key}"`,
          sql`explain (analyze, buffers) select o.id from organisations o where o.merged_into is null and ${key} <% o.search_key and not (o.search_key like ${like}) order by ${key} <<-> o.search_key, o.name limit 30`,
        ],
        [
          `people knn "${key}"`,
          sql`explain (analyze, buffers) select p.id from people p where p.erased_at is null and ${key} <% p.search_key and not (p.search_key like ${like}) order by ${key} <<-> p.search_key, p.name limit 30`,
        ],
        [
          `orgs fuzzy "${key}"`,
          sql`explain (analyze, buffers) select o.id from organisations o where o.merged_into is null and o.search_key %> ${key} and not (o.search_key like ${like}) order by word_similarity(${key}, o.search_key) desc, o.name limit 30`,
        ],
      ] as const) {
        const plan = await db.transaction().execute(async (trx) => {
          await sql`set local pg_trgm.word_similarity_threshold = 0.45`.execute(trx);
          if (process.env.NOSEQ) await sql`set local enable_seqscan = off`.execute(trx);
          return (q as ReturnType<typeof sql<Record<string, string>>>).execute(trx);
        });
        console.log(`--- ${label}\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
      }
    }
  }
  if (explain && kind === 'postgres') {
    // The whole map query's plan, through auto_explain (in the server's log).
    await db.transaction().execute(async (trx) => {
      await sql`load 'auto_explain'`.execute(trx);
      await sql`set local auto_explain.log_min_duration = 0`.execute(trx);
      await sql`set local auto_explain.log_analyze = on`.execute(trx);
      await sql`set local auto_explain.log_nested_statements = on`.execute(trx);
      const t0 = performance.now();
      await ecosystemMap(trx, { territoryId: e0, at, current: true });
      console.log(`ecosystemMap under auto_explain: ${(performance.now() - t0).toFixed(0)} ms (plan in the PostgreSQL log)`);
    });
  }
  const route = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: { cookie: d.coordinator.cookie } });
    if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode}`);
    return res.body.length;
  };
  await time('GET /map (today)', () => route(`/api/ecosystem/map?territoryId=${e0}`), 7);
  await time('GET /map (2025-09-30)', () => route(`/api/ecosystem/map?territoryId=${e0}&at=2025-09-30`), 7);
  if (process.argv.includes('--slowest')) {
    // The directory queries the bench runs (typo of a name, a name word, a person's name), slowest first.
    const words = [...new Set(d.orgNames.flatMap((n) => n.split(' ')).filter((w) => w.length > 4 && !/\d/.test(w)))];
    const queries = d.orgNames.slice(0, 60).flatMap((n, i) => {
      const w = words[i % words.length] as string;
      const cut = 1 + (i % (w.length - 2));
      return [w.slice(0, cut) + w.slice(cut + 1), n.split(' ').slice(-2, -1)[0] as string];
    });
    const timings: [number, string][] = [];
    for (const [i, q] of queries.entries()) {
      const url = `/api/ecosystem/directory?q=${encodeURIComponent(q)}${i % 2 ? `&territoryId=${e0}` : ''}`;
      const t0 = performance.now();
      await route(url);
      timings.push([performance.now() - t0, `${q}${i % 2 ? ' (territory)' : ''}`]);
    }
    timings.sort((a, b) => b[0] - a[0]);
    console.log(
      `slowest directory queries: ${timings
        .slice(0, 12)
        .map(([ms, q]) => `${q} ${ms.toFixed(0)} ms`)
        .join(', ')}`,
    );
  }
  await time('GET /directory', () => route(`/api/ecosystem/directory?q=passerelle&territoryId=${e0}`), 21);
  if (process.argv.includes('--browser')) {
    const { chromium } = await import('playwright-core');
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--use-gl=swiftshader', '--enable-unsafe-swiftshader'],
    });
    const commune = (
      await sql<{ territory_id: string }>`select territory_id from territory_parents where parent_id = ${e0} limit 1`.execute(db)
    ).rows[0]?.territory_id;
    try {
      for (let i = 0; i < 3; i++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        const [session, csrf] = d.coordinator.cookie.split('; ').map((c) => c.split('=')[1] as string);
        const host = new URL(address).hostname;
        await context.addCookies([
          { name: 'maillage_session', value: session as string, domain: host, path: '/' },
          { name: 'maillage_csrf', value: csrf as string, domain: host, path: '/' },
        ]);
        const page = await context.newPage();
        await page.addInitScript(() => {
          const w = globalThis as unknown as { __long: number[][] };
          w.__long = [];
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) w.__long.push([Math.round(e.startTime), Math.round(e.duration)]);
          }).observe({ type: 'longtask' as never, buffered: true });
        });
        const t0 = performance.now();
        const where = i === 2 && commune ? commune : e0;
        await page.goto(`${address}/ecosysteme/carte?territoire=${where}`);
        await page.waitForSelector('[data-rendered-ms]', { timeout: 120_000 });
        const total = performance.now() - t0;
        const timing = await page.evaluate(() => {
          type Entry = { name: string; startTime: number; responseEnd?: number };
          const p = (globalThis as unknown as { performance: { now(): number; getEntriesByType(type: string): Entry[] } }).performance;
          const map = p.getEntriesByType('resource').find((r) => r.name.includes('/api/ecosystem/map'));
          const marks = Object.fromEntries(p.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]));
          return {
            mapStart: Math.round(map?.startTime ?? -1),
            mapEnd: Math.round(map?.responseEnd ?? -1),
            marks,
            seenAt: Math.round(p.now()),
            long: (globalThis as unknown as { __long: number[][] }).__long,
          };
        });
        const rendered = await page.getAttribute('[data-rendered-ms]', 'data-rendered-ms');
        const errors: string[] = [];
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        // The worker's layout: when the settled positions reached the map (big maps only).
        const settled = await page
          .waitForFunction(
            () => {
              const p = (globalThis as unknown as { performance: { getEntriesByName(n: string): { startTime: number }[] } }).performance;
              return p.getEntriesByName('eco-map:settled')[0]?.startTime ?? false;
            },
            undefined,
            { timeout: 30_000 },
          )
          .then(
            (h) => h.jsonValue(),
            () => 'none',
          );
        console.log(`  layout settled by the worker at ${settled} ms ${errors.join(' ')}`);
        const nodes = await page.getAttribute('[data-rendered-ms]', 'data-nodes');
        console.log(
          `browser run ${i + 1} (${nodes} nodes): navigation → first frame ${total.toFixed(0)} ms; map request ${timing.mapStart} → ${timing.mapEnd} ms; data → first frame ${rendered} ms; observed at ${timing.seenAt} ms; marks ${JSON.stringify(timing.marks)}; long tasks [start, ms] ${JSON.stringify(timing.long)}`,
        );
        await context.close();
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  await t.close();
}
