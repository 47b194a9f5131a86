import { type OrganisationInput, organisationNameKey, type PersonInput, searchKey } from '@maillage/core';
import type { Db } from '../schema';

/** An organisation's columns from what was typed (its search and duplicate keys derived from the name). */
export function organisationColumns(input: OrganisationInput) {
  return {
    name: input.name,
    search_key: searchKey(input.name),
    name_key: organisationNameKey(input.name),
    kind: input.kind,
    siren: input.siren,
    siret: input.siret,
    rna: input.rna,
    commune_id: input.communeId,
    description: input.description,
    address: input.address,
    website: input.website,
    public_email: input.publicEmail,
    public_phone: input.publicPhone,
  };
}

export async function insertOrganisationRow(db: Db, input: OrganisationInput, actorUserId: string | null): Promise<string> {
  const row = await db
    .insertInto('organisations')
    .values({ ...organisationColumns(input), created_by: actorUserId })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.territoryIds.length) {
    await db
      .insertInto('organisation_territories')
      .values(input.territoryIds.map((territory_id) => ({ organisation_id: row.id, territory_id })))
      .execute();
  }
  if (input.themeIds.length) {
    await db
      .insertInto('organisation_themes')
      .values(input.themeIds.map((theme_id) => ({ organisation_id: row.id, theme_id })))
      .execute();
  }
  return row.id;
}

export async function insertPersonRow(db: Db, input: PersonInput, actorUserId: string | null): Promise<string> {
  const row = await db
    .insertInto('people')
    .values({
      name: input.name,
      search_key: searchKey(input.name),
      function: input.function,
      user_id: input.userId ?? null,
      is_resource: input.isResource,
      resource_for: input.resourceFor,
      email: input.contactConsent ? input.email : null,
      phone: input.contactConsent ? input.phone : null,
      contact_consent: input.contactConsent,
      contact_consent_on: input.contactConsent ? input.contactConsentOn : null,
      created_by: actorUserId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const link = async (table: 'person_organisations' | 'person_territories' | 'person_themes', column: string, ids: readonly string[]) => {
    if (ids.length)
      await db
        .insertInto(table)
        .values(ids.map((id) => ({ person_id: row.id, [column]: id }) as never))
        .execute();
  };
  await link('person_organisations', 'organisation_id', input.organisationIds);
  await link('person_territories', 'territory_id', input.territoryIds);
  await link('person_themes', 'theme_id', input.themeIds);
  return row.id;
}
