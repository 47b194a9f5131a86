import { readFileSync } from 'node:fs';
import { actorKindList, organisationNameKey, relationKey, searchKey } from '@maillage/core';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DemoContext } from '../demo/seed';
import type { DB } from '../schema';

/** Where an organisation acts: the agglomeration, a commune (0, 1) or a QPV (q0, q1, q2). */
const placeSchema = z.union([z.literal('agglo'), z.literal(0), z.literal(1), z.literal('q0'), z.literal('q1'), z.literal('q2')]);
type Place = z.infer<typeof placeSchema>;

/**
 * The demo ecosystem as data (`demo-data.json`): entirely fictional organisations and people of
 * the Val-de-Lys, who knows whom, and each relation's story as steps of [months ago, level, the
 * side that assessed it, a note]. People and organisations are referred to by name.
 */
export const demoDataSchema = z
  .strictObject({
    organisations: z.array(
      z.strictObject({
        name: z.string().min(1),
        kind: z.enum(actorKindList),
        places: z.array(placeSchema).min(1),
        themes: z.array(z.string()),
        description: z.string(),
      }),
    ),
    people: z.array(
      z.strictObject({
        name: z.string().min(1),
        function: z.string(),
        organisation: z.string(),
        resourceFor: z.string().min(1).optional(),
        themes: z.array(z.string()).optional(),
        account: z.enum(['member1', 'member2']).optional(),
      }),
    ),
    /** Members of every organisation made up from these lists, up to `total` people in all. */
    generatedPeople: z.strictObject({
      total: z.int().nonnegative(),
      firstNames: z.array(z.string().min(1)).min(1),
      lastNames: z.array(z.string().min(1)).min(1),
      functions: z.array(z.string().min(1)).min(1),
    }),
    /** Declared, or met at the same table at last year's cooperation day. */
    acquaintances: z.array(z.strictObject({ a: z.string(), b: z.string(), source: z.enum(['declared', 'event']) })),
    relations: z.array(
      z.strictObject({
        a: z.string(),
        b: z.string(),
        steps: z.array(
          z.strictObject({
            monthsAgo: z.int().nonnegative(),
            level: z.int().min(1).max(7),
            side: z.enum(['a', 'b']),
            note: z.string().min(1).optional(),
          }),
        ),
      }),
    ),
  })
  .superRefine((d, ctx) => {
    const unique = (names: string[], path: string) => {
      if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', path: [path], message: 'duplicate name' });
      return new Set(names);
    };
    const orgs = unique(
      d.organisations.map((o) => o.name),
      'organisations',
    );
    const people = unique(
      d.people.map((p) => p.name),
      'people',
    );
    const check = (ok: boolean, path: (string | number)[], name: string) => {
      if (!ok) ctx.addIssue({ code: 'custom', path, message: `unknown name: ${name}` });
    };
    for (const [i, p] of d.people.entries()) check(orgs.has(p.organisation), ['people', i, 'organisation'], p.organisation);
    for (const [i, q] of d.acquaintances.entries())
      for (const k of ['a', 'b'] as const) check(people.has(q[k]), ['acquaintances', i, k], q[k]);
    for (const [i, r] of d.relations.entries()) for (const k of ['a', 'b'] as const) check(orgs.has(r[k]), ['relations', i, k], r[k]);
  });

type DemoPerson = {
  name: string;
  fn: string;
  org: number;
  resource?: string | undefined;
  themes?: string[] | undefined;
  account?: 'member1' | 'member2' | undefined;
};

/** Reads and checks `demo-data.json`, then resolves names to positions and makes up the remaining people. */
function loadDemoData() {
  const data = demoDataSchema.parse(JSON.parse(readFileSync(new URL('./demo-data.json', import.meta.url), 'utf8')));
  const { organisations } = data;
  const orgIndex = new Map(organisations.map((o, i) => [o.name, i]));
  const named: DemoPerson[] = data.people.map((p) => ({
    name: p.name,
    fn: p.function,
    org: orgIndex.get(p.organisation)!,
    resource: p.resourceFor,
    themes: p.themes,
    account: p.account,
  }));
  const { total, firstNames, lastNames, functions } = data.generatedPeople;
  // Fixed lists and arithmetic, so the demo is the same every time.
  const people: DemoPerson[] = [
    ...named,
    ...Array.from({ length: Math.max(0, total - named.length) }, (_, i) => ({
      name: `${firstNames[i % firstNames.length]} ${lastNames[(i * 7 + Math.floor(i / firstNames.length)) % lastNames.length]}`,
      fn: functions[i % functions.length] as string,
      org: (i * 5) % organisations.length,
    })),
  ];
  const personIndex = new Map(named.map((p, i) => [p.name, i]));
  const acquaintances = data.acquaintances.map((q) => [personIndex.get(q.a)!, personIndex.get(q.b)!, q.source] as const);
  const relations = data.relations.map((r) => [orgIndex.get(r.a)!, orgIndex.get(r.b)!, r.steps] as const);
  return { organisations, people, acquaintances, relations };
}

const placeId = (ctx: DemoContext, p: Place) =>
  p === 'agglo' ? ctx.territoryId : p === 0 || p === 1 ? ctx.communeIds[p] : ctx.quartierIds[Number(p.slice(1)) as 0 | 1 | 2];

function monthsAgo(today: Date, months: number, day: number): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - months, Math.min(day, 28)));
  return d.toISOString().slice(0, 10);
}

/**
 * The demo territory's ecosystem, read from `demo-data.json`: 40 fictional organisations of
 * every kind, 120 people (resource people among them, the two demo members as themselves),
 * acquaintances, and relations at every level with a two-year history, sometimes seen
 * differently by the two sides. Idempotent.
 */
export async function seedEcosystemDemo(db: Kysely<DB>, ctx: DemoContext, today = new Date()): Promise<void> {
  const { organisations, people, acquaintances, relations } = loadDemoData();
  const first = organisations[0] as (typeof organisations)[number];
  const already = await db.selectFrom('organisations').select('id').where('name', '=', first.name).executeTakeFirst();
  if (already) return;
  await db.transaction().execute(async (trx) => {
    const themeRows = await trx.selectFrom('eco_themes').select(['id', 'label']).where('territory_id', 'is', null).execute();
    const theme = new Map(themeRows.map((t) => [t.label, t.id]));
    const orgIds: string[] = [];
    for (const o of organisations) {
      const row = await trx
        .insertInto('organisations')
        .values({
          name: o.name,
          search_key: searchKey(o.name),
          name_key: organisationNameKey(o.name),
          kind: o.kind,
          siren: null,
          siret: null,
          rna: null,
          commune_id:
            o.places.includes(1) && !o.places.includes(0) ? ctx.communeIds[1] : o.places.includes('agglo') ? null : ctx.communeIds[0],
          description: o.description,
          address: null,
          website: null,
          public_email: null,
          public_phone: null,
          created_by: ctx.userIds.coordinator,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      orgIds.push(row.id);
      await trx
        .insertInto('organisation_territories')
        .values(o.places.map((p) => ({ organisation_id: row.id, territory_id: placeId(ctx, p) })))
        .execute();
      const themeIds = o.themes.map((t) => theme.get(t)).filter((x): x is string => Boolean(x));
      if (themeIds.length)
        await trx
          .insertInto('organisation_themes')
          .values(themeIds.map((theme_id) => ({ organisation_id: row.id, theme_id })))
          .execute();
    }
    const personIds: string[] = [];
    for (const [i, p] of people.entries()) {
      const userId = p.account === 'member1' ? ctx.userIds.members[0] : p.account === 'member2' ? ctx.userIds.members[1] : null;
      const consent = i % 3 !== 2;
      const local = p.name
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z]+/g, '.');
      const row = await trx
        .insertInto('people')
        .values({
          name: p.name,
          search_key: searchKey(p.name),
          function: p.fn,
          user_id: userId,
          is_resource: Boolean(p.resource),
          resource_for: p.resource ?? null,
          email: consent ? `${local}@val-de-lys.exemple.fr` : null,
          phone: consent ? `06 00 00 ${String(10 + i).padStart(2, '0')} ${String(20 + i).padStart(2, '0')}` : null,
          contact_consent: consent,
          contact_consent_on: consent ? monthsAgo(today, 10 + (i % 6), 5 + i) : null,
          created_by: ctx.userIds.coordinator,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      personIds.push(row.id);
      await trx
        .insertInto('person_organisations')
        .values({ person_id: row.id, organisation_id: orgIds[p.org] as string })
        .execute();
      const themeIds = (p.themes ?? []).map((t) => theme.get(t)).filter((x): x is string => Boolean(x));
      if (themeIds.length)
        await trx
          .insertInto('person_themes')
          .values(themeIds.map((theme_id) => ({ person_id: row.id, theme_id })))
          .execute();
    }
    // Acquaintances: declared, and met at the same table at last year's cooperation day.
    for (const [x, y, source] of acquaintances) {
      const [a, b] = relationKey(personIds[x] as string, personIds[y] as string);
      await trx
        .insertInto('acquaintances')
        .values({
          person_a: a,
          person_b: b,
          source,
          source_ref: source === 'event' ? 'journee-cooperation-demo' : '',
          declared_by: null,
          met_on: monthsAgo(today, 12, 14),
        })
        .execute();
    }
    for (const [ai, bi, steps] of relations) {
      const x = orgIds[ai] as string;
      const y = orgIds[bi] as string;
      const [orgA, orgB] = relationKey(x, y);
      for (const { monthsAgo: months, level, side, note } of steps) {
        await trx
          .insertInto('cooperation_assessments')
          .values({
            org_a: orgA,
            org_b: orgB,
            on_behalf_of: side === 'a' ? x : y,
            level,
            assessed_on: monthsAgo(today, months, 3 + ((ai + bi) % 20)),
            note: note ?? null,
            assessed_by: ctx.userIds.coordinator,
          })
          .execute();
      }
    }
  });
}
