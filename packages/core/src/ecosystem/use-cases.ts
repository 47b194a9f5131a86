import { fail, ok, type Result } from '../shared/result';
import type { CompanyIdCheck } from './identifiers';
import { type OrganisationKind, organisationNameKey } from './model';
import { type ImportPlan, type OrganisationDraft, type PersonDraft, planOrganisationImport, planPeopleImport } from './import-plan';
import type { DuplicateCandidate, EcosystemRepo, ImportWriteOptions, PersonInput } from './ports';

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
    (created) => ({
      actorUserId,
      action: 'organisation.create',
      entityType: 'organisation',
      entityId: created,
      territoryId: cmd.communeId ?? territoryIds[0] ?? null,
      details: { duplicates: duplicates.map((d) => d.id) },
    }),
  );
  return ok({ id, duplicates });
}

/**
 * The territories an edit adds an organisation to or takes it from (its commune counts as one
 * of its territories): each must be one the editor works on.
 */
export function territoriesChanged(
  current: readonly string[],
  cmd: Pick<CreateOrganisationCommand, 'territoryIds' | 'communeId'>,
): string[] {
  const before = new Set(current);
  const after = new Set([...cmd.territoryIds, ...(cmd.communeId ? [cmd.communeId] : [])]);
  return [...[...after].filter((t) => !before.has(t)), ...[...before].filter((t) => !after.has(t))];
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
    { actorUserId, action: 'organisation.update', entityType: 'organisation', entityId: id },
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
  // Ids only in the entry: a person's name or contact never goes into the audit log.
  const id = await repo.insertPerson(
    { ...input, organisationIds: orgs, territoryIds: territories, themeIds: themes },
    actorUserId,
    (created) => ({
      actorUserId,
      action: 'person.create',
      entityType: 'person',
      entityId: created,
      territoryId: territories[0] ?? null,
      details: { organisationIds: orgs },
    }),
  );
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
  const id = await repo.insertAssessment({ ...cmd, assessedBy: actorUserId }, (created) => ({
    actorUserId,
    action: 'relation.assess',
    entityType: 'assessment',
    entityId: created,
    details: { organisationId: cmd.organisationId, partnerId: cmd.partnerId, level: cmd.level },
  }));
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
  await repo.mergeOrganisations(keepId, duplicateId, {
    actorUserId,
    action: 'organisation.merge',
    entityType: 'organisation',
    entityId: keepId,
    details: { duplicateId },
  });
  return ok({ id: keepId });
}

/** Adds a theme to a territory, unless a theme with the same label is already usable there. */
export async function addTheme(
  repo: EcosystemRepo,
  territoryId: string,
  label: string,
  actorUserId: string | null,
): Promise<Result<{ id: string }, 'theme_exists'>> {
  const result = await repo.addTheme(territoryId, label, actorUserId, (created) => ({
    actorUserId,
    action: 'theme.create',
    entityType: 'theme',
    entityId: created.id,
    territoryId,
    details: { label },
  }));
  return result === 'exists' ? fail('theme_exists') : ok(result);
}

/** Records that a person knows another one (declared, dated today). */
export async function declareAcquaintance(
  repo: EcosystemRepo,
  cmd: { personId: string; knownPersonId: string },
  actorUserId: string | null,
  today: string,
): Promise<Result<{ ok: true }, 'same_person' | 'person_not_found'>> {
  if (cmd.personId === cmd.knownPersonId) return fail('same_person');
  const [p, q] = await Promise.all([repo.getPerson(cmd.personId), repo.getPerson(cmd.knownPersonId)]);
  if (!p || !q || p.erased || q.erased) return fail('person_not_found');
  await repo.addAcquaintance(
    cmd.personId,
    cmd.knownPersonId,
    'declared',
    { declaredBy: actorUserId, metOn: today },
    {
      actorUserId,
      action: 'acquaintance.declare',
      entityType: 'person',
      entityId: cmd.personId,
      details: { knownPersonId: cmd.knownPersonId },
    },
  );
  return ok({ ok: true as const });
}

export type PlannedImport =
  | { readonly kind: 'organisations'; readonly plan: ImportPlan<OrganisationDraft> }
  | { readonly kind: 'people'; readonly plan: ImportPlan<PersonDraft> };

/** Reads a CSV file of organisations or people against a territory: every issue by line and column, nothing written. */
export async function planImport(
  repo: EcosystemRepo,
  /** Without a territory (a dry run), places are every commune of France and organisations every one. */
  input: { kind: 'organisations' | 'people'; territoryId: string | null; bytes: Uint8Array },
): Promise<PlannedImport> {
  const lookups = await repo.importLookups(input.territoryId);
  return input.kind === 'organisations'
    ? { kind: 'organisations', plan: planOrganisationImport(input.bytes, lookups) }
    : {
        kind: 'people',
        plan: planPeopleImport(input.bytes, { ...lookups, existingPerson: await repo.existingPeopleIndex(input.territoryId) }),
      };
}

/** Writes a planned import, all or nothing; refused when a line has an error or there is no line. */
export async function confirmImport(
  repo: EcosystemRepo,
  planned: PlannedImport,
  options: ImportWriteOptions,
): Promise<Result<{ created: number; skipped: number }, 'import_has_errors' | 'import_empty'>> {
  if (planned.plan.summary.errors > 0) return fail('import_has_errors');
  if (planned.plan.rows.length === 0) return fail('import_empty');
  return ok(
    planned.kind === 'organisations'
      ? await repo.writeOrganisationImport(planned.plan.rows, options)
      : await repo.writePeopleImport(planned.plan.rows, options),
  );
}

/** Erases a person everywhere (RGPD article 17); returns the live rooms whose log was rewritten. */
export async function erasePersonData(
  repo: EcosystemRepo,
  personId: string,
  actorUserId: string | null,
): Promise<Result<{ rewrittenRooms: readonly string[] }, 'person_not_found'>> {
  const erased = await repo.erasePerson(personId, actorUserId);
  return erased ? ok(erased) : fail('person_not_found');
}
