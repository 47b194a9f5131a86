import type { ExportedOrganisationRow, ExportedPersonRow, TerritoryExport } from '@maillage/core';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../schema';

import { territoryFamily } from './territory-context';

/** Organisations and people of a territory, for exports (contact details filtered by the caller). */
export async function territoryExport(db: Kysely<DB>, territoryId: string): Promise<TerritoryExport> {
  const family = await territoryFamily(db, territoryId);
  const organisations = await sql<ExportedOrganisationRow>`
    select o.id, o.name, o.kind, o.siren, o.siret, o.rna, c.name as commune, o.description, o.address, o.website, o.public_email, o.public_phone,
      (select array_agg(t.name order by t.search_name, t.name) from organisation_territories ot join territories t on t.id = ot.territory_id where ot.organisation_id = o.id) as territories,
      (select array_agg(ot.territory_id) from organisation_territories ot where ot.organisation_id = o.id) as territory_ids,
      (select array_agg(t.label order by t.label_key, t.label) from organisation_themes ot join eco_themes t on t.id = ot.theme_id where ot.organisation_id = o.id) as themes
    from organisations o left join territories c on c.id = o.commune_id
    where o.merged_into is null and o.id in (select organisation_id from organisation_territories where territory_id = any(${family}::uuid[]))
    order by o.search_key, o.name`.execute(db);
  const people = await sql<ExportedPersonRow>`
    select p.id, p.name, p.function, p.is_resource, p.resource_for, p.email, p.phone, p.contact_consent_on::text, p.user_id,
      (select array_agg(o.name order by o.search_key, o.name) from person_organisations po join organisations o on o.id = po.organisation_id where po.person_id = p.id) as organisations,
      (select array_agg(x) from (select territory_id as x from person_territories where person_id = p.id
        union select ot.territory_id from person_organisations po join organisation_territories ot on ot.organisation_id = po.organisation_id where po.person_id = p.id) s) as territory_ids
    from people p
    where p.erased_at is null and (
      exists (select 1 from person_territories x where x.person_id = p.id and x.territory_id = any(${family}::uuid[]))
      or exists (select 1 from person_organisations po2 join organisation_territories ot2 on ot2.organisation_id = po2.organisation_id
                 where po2.person_id = p.id and ot2.territory_id = any(${family}::uuid[])))
    order by p.search_key, p.name`.execute(db);
  return { organisations: organisations.rows, people: people.rows };
}
