import type { EventsRepo } from '@maillage/core';
import { withAudit } from '../accounts/store';
import {
  type DuplicatePolicy,
  type EcosystemCreationReport,
  type EcosystemRecordRef,
  fail,
  type OrganisationChoice,
  ok,
  organisationNameKey,
  type ParticipantKind,
  planEcosystemCreation,
  type Result,
  searchKey,
  type UnlinkedRegistration,
} from '@maillage/core';
import { type Kysely, sql } from 'kysely';
import { writeAudit } from '../accounts/store';
import { territoryBelow } from '../ecosystem/territory-context';
import type { DB } from '../schema';

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The public form's organisation search: organisations attached to the territory (or to what it
 * contains) or whose commune lies in it, every word typed found in their folded name; only id, name and
 * commune name leave this function.
 */
export async function searchTerritoryOrganisations(
  db: Kysely<DB>,
  territoryId: string,
  q: string,
  limit: number,
): Promise<OrganisationChoice[]> {
  const key = searchKey(q);
  if (!key) return [];
  const scope = await territoryBelow(db, territoryId);
  const rows = await sql<{ id: string; name: string; commune_name: string | null }>`
    select o.id, o.name, c.name as commune_name
    from organisations o left join territories c on c.id = o.commune_id
    where o.merged_into is null
      and ${sql.join(
        key.split(' ').map((word) => sql`o.search_key like ${`%${likeLiteral(word)}%`}`),
        sql` and `,
      )}
      and (o.commune_id = any(${scope}::uuid[])
        or exists (select 1 from organisation_territories ot where ot.organisation_id = o.id and ot.territory_id = any(${scope}::uuid[])))
    order by (o.search_key like ${`${likeLiteral(key)}%`}) desc, o.search_key, o.name
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ id: r.id, name: r.name, communeName: r.commune_name }));
}

const group = (rows: readonly { id: string; name: string; key: string }[]) => {
  const map = new Map<string, EcosystemRecordRef[]>();
  for (const r of rows) {
    const list = map.get(r.key) ?? [];
    list.push({ id: r.id, name: r.name });
    map.set(r.key, list);
  }
  return map;
};

/**
 * "Create in the ecosystem" in one transaction under the event's lock (two organisers clicking at
 * once do not create the same organisation twice): reads the unlinked registrations and what the
 * territory already holds, plans with core's `planEcosystemCreation`, writes people,
 * organisations, their territories and memberships, links the registrations, and audits.
 */
export async function createRegistrationsInEcosystem(
  db: Kysely<DB>,
  eventId: string,
  options: { registrationIds?: readonly string[]; duplicates: DuplicatePolicy; actorUserId: string | null },
): Promise<Result<EcosystemCreationReport, 'registration_not_found'>> {
  return db.transaction().execute(async (trx) => {
    const event = await sql<{ territory_id: string }>`select territory_id from events where id = ${eventId} for update`.execute(trx);
    const eventTerritoryId = event.rows[0]?.territory_id;
    if (!eventTerritoryId) return fail('registration_not_found');
    let q = trx
      .selectFrom('event_registrations')
      .select([
        'id',
        'name',
        'email',
        'organisation_name',
        'organisation_kind',
        'organisation_id',
        'territory_id',
        sql<string | null>`to_char(directory_consent_at at time zone 'Europe/Paris', 'YYYY-MM-DD')`.as('consent_on'),
      ])
      .where('event_id', '=', eventId)
      .where('status', '<>', 'cancelled')
      .where('person_id', 'is', null)
      .orderBy('seq');
    if (options.registrationIds) q = q.where('id', 'in', [...options.registrationIds]);
    const rows = await q.execute();
    if (options.registrationIds && rows.length !== new Set(options.registrationIds).size) return fail('registration_not_found');
    const scope = await territoryBelow(trx, eventTerritoryId);
    const inScope = new Set(scope);
    const registrations: UnlinkedRegistration[] = rows.map((r) => ({
      id: r.id,
      name: r.name,
      email: r.email,
      organisationName: r.organisation_name,
      organisationKind: r.organisation_kind as ParticipantKind | null,
      organisationId: r.organisation_id,
      // What a registration typed outside the event's territory is created on the event's territory.
      territoryId: r.territory_id && inScope.has(r.territory_id) ? r.territory_id : null,
      directoryConsentOn: r.consent_on,
    }));
    const empty = { created: 0, linked: 0 };
    if (registrations.length === 0) return ok({ applied: true, registrations: 0, people: empty, organisations: empty, duplicates: [] });

    const orgKeys = [...new Set(registrations.map((r) => organisationNameKey(r.organisationName)).filter(Boolean))];
    const nameKeys = [...new Set(registrations.map((r) => searchKey(r.name)).filter(Boolean))];
    const emails = [...new Set(registrations.map((r) => r.email.toLowerCase()).filter(Boolean))];
    const [orgs, byName, byEmail] = await Promise.all([
      orgKeys.length
        ? sql<{ id: string; name: string; key: string }>`
            select o.id, o.name, o.name_key as key from organisations o
            where o.merged_into is null and o.name_key = any(${orgKeys}::text[])
              and (o.commune_id = any(${scope}::uuid[])
                or exists (select 1 from organisation_territories ot where ot.organisation_id = o.id and ot.territory_id = any(${scope}::uuid[])))
            order by o.created_at`.execute(trx)
        : { rows: [] },
      sql<{ id: string; name: string; key: string }>`
        select p.id, p.name, p.search_key as key from people p
        where p.erased_at is null and p.search_key = any(${nameKeys}::text[])
          and (exists (select 1 from person_territories pt where pt.person_id = p.id and pt.territory_id = any(${scope}::uuid[]))
            or exists (select 1 from person_organisations po join organisation_territories ot on ot.organisation_id = po.organisation_id
              where po.person_id = p.id and ot.territory_id = any(${scope}::uuid[])))
        order by p.created_at`.execute(trx),
      emails.length
        ? sql<{ id: string; name: string; key: string }>`
            select distinct on (lower(p.email)) p.id, p.name, lower(p.email) as key from people p
            where p.erased_at is null and lower(p.email) = any(${emails}::text[])
              -- An unverified address links only to a person of the event's territory.
              and (exists (select 1 from person_territories pt where pt.person_id = p.id and pt.territory_id = any(${scope}::uuid[]))
                or exists (select 1 from person_organisations po join organisation_territories ot on ot.organisation_id = po.organisation_id
                  where po.person_id = p.id and ot.territory_id = any(${scope}::uuid[])))
            order by lower(p.email), p.created_at`.execute(trx)
        : { rows: [] },
    ]);
    const plan = planEcosystemCreation(
      registrations,
      {
        organisationsByKey: group(orgs.rows),
        peopleByName: group(byName.rows),
        peopleByEmail: new Map(byEmail.rows.map((r) => [r.key, { id: r.id, name: r.name }])),
      },
      options.duplicates,
      eventTerritoryId,
    );
    if (options.duplicates === 'report' && plan.duplicates.length > 0) {
      return ok({ applied: false, registrations: registrations.length, people: empty, organisations: empty, duplicates: plan.duplicates });
    }

    const orgIds = new Map<string, string>();
    for (const o of plan.organisations) {
      const row = await trx
        .insertInto('organisations')
        .values({
          name: o.name,
          search_key: searchKey(o.name),
          name_key: o.key,
          kind: o.kind,
          siren: null,
          siret: null,
          rna: null,
          commune_id: null,
          description: null,
          address: null,
          website: null,
          public_email: null,
          public_phone: null,
          created_by: options.actorUserId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      orgIds.set(o.key, row.id);
      await trx.insertInto('organisation_territories').values({ organisation_id: row.id, territory_id: o.territoryId }).execute();
    }
    let peopleCreated = 0;
    let organisationsLinked = 0;
    for (const step of plan.people) {
      const organisationId = step.organisation
        ? 'existing' in step.organisation
          ? step.organisation.existing
          : (orgIds.get(step.organisation.create) ?? null)
        : null;
      if (step.organisation && 'existing' in step.organisation) organisationsLinked++;
      let personId = step.personId;
      if (!personId) {
        const row = await trx
          .insertInto('people')
          .values({
            name: step.name,
            search_key: searchKey(step.name),
            function: null,
            user_id: null,
            resource_for: null,
            email: step.email,
            phone: null,
            contact_consent: step.email !== null,
            contact_consent_on: step.consentOn,
            created_by: options.actorUserId,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        personId = row.id;
        peopleCreated++;
        await trx.insertInto('person_territories').values({ person_id: personId, territory_id: step.territoryId }).execute();
        if (organisationId)
          await trx.insertInto('person_organisations').values({ person_id: personId, organisation_id: organisationId }).execute();
      }
      await trx
        .updateTable('event_registrations')
        .set({ person_id: personId, organisation_id: organisationId, updated_at: sql`now()` })
        .where('id', '=', step.registrationId)
        .execute();
    }
    const report: EcosystemCreationReport = {
      applied: true,
      registrations: plan.people.length,
      people: { created: peopleCreated, linked: plan.people.length - peopleCreated },
      organisations: { created: plan.organisations.length, linked: organisationsLinked },
      duplicates: plan.duplicates,
    };
    await writeAudit(trx, {
      actorUserId: options.actorUserId,
      action: 'event.create_in_ecosystem',
      entityType: 'event',
      entityId: eventId,
      details: {
        registrations: report.registrations,
        people: report.people,
        organisations: report.organisations,
        duplicates: options.duplicates,
      },
    });
    return ok(report);
  });
}

/** The day's registrations and the ecosystem: linking, searching, creating. */
export function ecosystemLinksRepo(db: Kysely<DB>): Pick<EventsRepo, 'linkToEcosystem' | 'searchOrganisations' | 'createInEcosystem'> {
  return {
    async linkToEcosystem(eventId, nameKey, audit) {
      return withAudit(db, audit, async (trx) => {
        const unlinked = await trx
          .selectFrom('event_registrations')
          .select(['id', 'organisation_name'])
          .where('event_id', '=', eventId)
          .where('status', '<>', 'cancelled')
          .where('organisation_id', 'is', null)
          .where('organisation_name', '<>', '')
          .execute();
        const keys = new Map(unlinked.map((r) => [r.id, nameKey(r.organisation_name)]));
        const wanted = [...new Set([...keys.values()].filter(Boolean))];
        const organisations = wanted.length
          ? await trx
              .selectFrom('organisations')
              .select(['id', 'name_key'])
              .where('name_key', 'in', wanted)
              .where('merged_into', 'is', null)
              .execute()
          : [];
        const byKey = new Map<string, string>();
        for (const o of organisations) if (!byKey.has(o.name_key)) byKey.set(o.name_key, o.id);
        let linkedOrganisations = 0;
        for (const [registrationId, key] of keys) {
          const organisationId = byKey.get(key);
          if (!organisationId) continue;
          await trx.updateTable('event_registrations').set({ organisation_id: organisationId }).where('id', '=', registrationId).execute();
          linkedOrganisations++;
        }
        const people = await sql<{ n: number }>`
          with linked as (
            update event_registrations r set person_id = (
              select p.id from people p where lower(p.email) = lower(r.email) and p.erased_at is null order by p.created_at limit 1)
            where r.event_id = ${eventId} and r.person_id is null and r.status <> 'cancelled' and r.email <> ''
              and exists (select 1 from people p where lower(p.email) = lower(r.email) and p.erased_at is null)
            returning 1)
          select count(*)::int as n from linked`.execute(trx);
        return { organisations: linkedOrganisations, people: Number(people.rows[0]?.n ?? 0) };
      });
    },

    searchOrganisations: (territoryId, q, limit) => searchTerritoryOrganisations(db, territoryId, q, limit),
    createInEcosystem: (eventId, options) => createRegistrationsInEcosystem(db, eventId, options),
  };
}
