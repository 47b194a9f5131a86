import { fail, ok, type Result } from '../shared/result';
import type { CompanyIdCheck } from './identifiers';
import { type OrganisationKind, organisationNameKey } from './model';
import type { DuplicateCandidate, EcosystemRepo, PersonInput } from './ports';

export interface CreateOrganisationCommand {
  readonly name: string;
  readonly kind: string;
  readonly companyId?: CompanyIdCheck | '' | undefined;
  readonly rna?: string | undefined;
  readonly communeId?: string | undefined;
  readonly territoryIds: readonly string[];
  readonly themeIds: readonly string[];
  readonly description: string | null;
  readonly address: string | null;
  readonly website?: string | undefined;
  readonly publicEmail?: string | undefined;
  readonly publicPhone: string | null;
  readonly allowDuplicate: boolean;
}

export type CreateOrganisationError = 'organisation_duplicate' | 'territory_not_found' | 'theme_not_found';

/** Creates an organisation unless it is a probable duplicate (then the candidates are returned). */
export async function createOrganisation(
  repo: EcosystemRepo,
  cmd: CreateOrganisationCommand,
  actorUserId: string | null,
): Promise<Result<{ id: string; duplicates: DuplicateCandidate[] }, CreateOrganisationError>> {
  const territoryIds = [...new Set([...cmd.territoryIds, ...(cmd.communeId ? [cmd.communeId] : [])])];
  if ((await repo.existingTerritories(territoryIds)).length !== territoryIds.length) return fail('territory_not_found');
  const themeIds = [...new Set(cmd.themeIds)];
  if ((await repo.usableThemes(themeIds)).length !== themeIds.length) return fail('theme_not_found');
  const company = typeof cmd.companyId === 'object' && cmd.companyId.ok ? cmd.companyId : null;
  const duplicates = await repo.findDuplicates({ name: cmd.name, siren: company?.siren ?? null, communeId: cmd.communeId ?? null });
  if (duplicates.length > 0 && !cmd.allowDuplicate) return fail('organisation_duplicate', { candidates: duplicates });
  const id = await repo.insertOrganisation(
    {
      name: cmd.name,
      kind: cmd.kind as OrganisationKind,
      siren: company?.siren ?? null,
      siret: company?.siret ?? null,
      rna: cmd.rna || null,
      communeId: cmd.communeId ?? null,
      territoryIds,
      themeIds,
      description: cmd.description,
      address: cmd.address,
      website: cmd.website || null,
      publicEmail: cmd.publicEmail || null,
      publicPhone: cmd.publicPhone,
    },
    actorUserId,
  );
  return ok({ id, duplicates });
}

export type UpdateOrganisationError = 'organisation_not_found' | 'organisation_duplicate' | 'territory_not_found' | 'theme_not_found';

/**
 * Edits an organisation: every field, its territories and themes are replaced. A change of
 * SIREN, name or commune that makes it a probable duplicate of another organisation is refused
 * unless `allowDuplicate` (the two can then be merged).
 */
export async function updateOrganisation(
  repo: EcosystemRepo,
  id: string,
  cmd: CreateOrganisationCommand,
  actorUserId: string | null,
): Promise<Result<{ id: string; duplicates: DuplicateCandidate[] }, UpdateOrganisationError>> {
  const before = await repo.organisationProbe(id);
  if (!before) return fail('organisation_not_found');
  const territoryIds = [...new Set([...cmd.territoryIds, ...(cmd.communeId ? [cmd.communeId] : [])])];
  if ((await repo.existingTerritories(territoryIds)).length !== territoryIds.length) return fail('territory_not_found');
  const themeIds = [...new Set(cmd.themeIds)];
  if ((await repo.usableThemes(themeIds)).length !== themeIds.length) return fail('theme_not_found');
  const company = typeof cmd.companyId === 'object' && cmd.companyId.ok ? cmd.companyId : null;
  const probe = { name: cmd.name, siren: company?.siren ?? null, communeId: cmd.communeId ?? null };
  // Only a change of what identifies it (name, SIREN, commune) is checked: an organisation that
  // already had a duplicate can still be edited while it waits to be merged.
  const sameIdentity =
    organisationNameKey(before.name) === organisationNameKey(probe.name) &&
    before.siren === probe.siren &&
    before.communeId === probe.communeId;
  const duplicates = sameIdentity ? [] : (await repo.findDuplicates(probe)).filter((d) => d.id !== id);
  if (duplicates.length > 0 && !cmd.allowDuplicate) return fail('organisation_duplicate', { candidates: duplicates });
  await repo.updateOrganisation(
    id,
    {
      name: cmd.name,
      kind: cmd.kind as OrganisationKind,
      siren: company?.siren ?? null,
      siret: company?.siret ?? null,
      rna: cmd.rna || null,
      communeId: cmd.communeId ?? null,
      territoryIds,
      themeIds,
      description: cmd.description,
      address: cmd.address,
      website: cmd.website || null,
      publicEmail: cmd.publicEmail || null,
      publicPhone: cmd.publicPhone,
    },
    actorUserId,
  );
  return ok({ id, duplicates });
}

export type CreatePersonError = 'organisation_not_found' | 'territory_not_found' | 'theme_not_found';

/** Records a person; contact details only come with the person's consent (the schema enforces it). */
export async function createPerson(
  repo: EcosystemRepo,
  input: PersonInput,
  actorUserId: string | null,
): Promise<Result<{ id: string }, CreatePersonError>> {
  const orgs = [...new Set(input.organisationIds)];
  if ((await repo.existingOrganisations(orgs)).length !== orgs.length) return fail('organisation_not_found');
  const territories = [...new Set(input.territoryIds)];
  if ((await repo.existingTerritories(territories)).length !== territories.length) return fail('territory_not_found');
  const themes = [...new Set(input.themeIds)];
  if ((await repo.usableThemes(themes)).length !== themes.length) return fail('theme_not_found');
  const id = await repo.insertPerson({ ...input, organisationIds: orgs, territoryIds: territories, themeIds: themes }, actorUserId);
  return ok({ id });
}

export type AssessRelationError = 'organisation_not_found' | 'same_organisation' | 'assessment_in_future';

/** Records one side's assessment of a relation at a date; the history keeps every assessment. */
export async function assessRelation(
  repo: EcosystemRepo,
  cmd: { organisationId: string; partnerId: string; level: number; assessedOn: string; note: string | null },
  actorUserId: string | null,
  today: string,
): Promise<Result<{ id: string }, AssessRelationError>> {
  if (cmd.organisationId === cmd.partnerId) return fail('same_organisation');
  if (cmd.assessedOn > today) return fail('assessment_in_future');
  const found = await repo.existingOrganisations([cmd.organisationId, cmd.partnerId]);
  if (found.length !== 2) return fail('organisation_not_found');
  const id = await repo.insertAssessment({ ...cmd, assessedBy: actorUserId });
  return ok({ id });
}

export type MergeError = 'organisation_not_found' | 'same_organisation';

/** Merges a duplicate into the organisation kept, keeping every link (people, themes, relations). */
export async function mergeOrganisations(
  repo: EcosystemRepo,
  keepId: string,
  duplicateId: string,
  actorUserId: string | null,
): Promise<Result<{ id: string }, MergeError>> {
  if (keepId === duplicateId) return fail('same_organisation');
  if ((await repo.existingOrganisations([keepId, duplicateId])).length !== 2) return fail('organisation_not_found');
  await repo.mergeOrganisations(keepId, duplicateId, actorUserId);
  return ok({ id: keepId });
}
