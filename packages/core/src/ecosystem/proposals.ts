import { z } from 'zod';
import { compareFrench } from '../shared/collation';
import { fail, ok, type Result } from '../shared/result';
import type { OrganisationKind } from './model';
import { organisationBody } from './schemas';

/**
 * Proposed changes to an organisation's record (issue 16): who may only propose sends the edit
 * form's fields; a member of the organisation or a coordinator of its territory accepts or
 * refuses. Pure: what a proposal changes, what the decider reads (before, after), and whether it
 * can still be applied to the record as it is now.
 */

/** The fields of the edit form a proposal may change, in the order the decider reads them. */
export const proposalFields = [
  'name',
  'kind',
  'siren',
  'siret',
  'rna',
  'communeId',
  'territoryIds',
  'themeIds',
  'description',
  'address',
  'website',
  'publicEmail',
  'publicPhone',
] as const;
export type ProposalField = (typeof proposalFields)[number];

/** An organisation's editable record, normalised (lists sorted, empty strings as null) so that two can be compared. */
export interface OrganisationFields {
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly siren: string | null;
  readonly siret: string | null;
  readonly rna: string | null;
  readonly communeId: string | null;
  readonly territoryIds: readonly string[];
  readonly themeIds: readonly string[];
  readonly description: string | null;
  readonly address: string | null;
  readonly website: string | null;
  readonly publicEmail: string | null;
  readonly publicPhone: string | null;
}
export type ProposalChanges = Partial<OrganisationFields>;

export type ProposalStatus = 'proposed' | 'accepted' | 'refused' | 'superseded';

/** POST /api/ecosystem/organisations/:id/proposals: the edit form, the version read, an optional message. */
export const proposalBody = organisationBody.omit({ allowDuplicate: true }).extend({
  /** The record's version the author read (`version` of GET /organisations/:id). */
  baseVersion: z.number().int('version entière').min(1, 'version invalide'),
  message: z
    .string()
    .trim()
    .max(2000, 'au plus 2000 caractères')
    .nullish()
    .transform((v) => (v ? v : null)),
});
export type ProposalBody = z.infer<typeof proposalBody>;

/** POST …/proposals/:proposalId/accept and …/refuse: an optional note for the author. */
export const decisionBody = z.object({
  note: z
    .string()
    .trim()
    .max(2000, 'au plus 2000 caractères')
    .nullish()
    .transform((v) => (v ? v : null)),
});

const sorted = (ids: readonly string[]) => [...new Set(ids)].sort();

/** The fields of a record as the form would send them. */
export function normaliseFields(input: OrganisationFields): OrganisationFields {
  return {
    name: input.name,
    kind: input.kind,
    siren: input.siren,
    siret: input.siret,
    rna: input.rna,
    communeId: input.communeId,
    // The commune is one of its territories, as in an edit.
    territoryIds: sorted([...input.territoryIds, ...(input.communeId ? [input.communeId] : [])]),
    themeIds: sorted(input.themeIds),
    description: input.description,
    address: input.address,
    website: input.website,
    publicEmail: input.publicEmail,
    publicPhone: input.publicPhone,
  };
}

/** The fields of the edit form's body, normalised as an edit writes them. */
export function fieldsOfBody(body: Omit<ProposalBody, 'baseVersion' | 'message'>): OrganisationFields {
  const company = typeof body.companyId === 'object' && body.companyId.ok ? body.companyId : null;
  return normaliseFields({
    name: body.name,
    kind: body.kind as OrganisationKind,
    siren: company?.siren ?? null,
    siret: company?.siret ?? null,
    rna: body.rna || null,
    communeId: body.communeId ?? null,
    territoryIds: body.territoryIds,
    themeIds: body.themeIds,
    description: body.description,
    address: body.address,
    website: body.website || null,
    publicEmail: body.publicEmail || null,
    publicPhone: body.publicPhone,
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** What a proposal changes: only the fields that differ from the record its author read. */
export function proposedChanges(base: OrganisationFields, proposed: OrganisationFields): ProposalChanges {
  const changes: Record<string, unknown> = {};
  for (const f of proposalFields) if (!same(base[f], proposed[f])) changes[f] = proposed[f];
  return changes as ProposalChanges;
}

/** The values of the fields a proposal changes, as the record had them (kept beside the changes). */
export function baseOf(base: OrganisationFields, changes: ProposalChanges): ProposalChanges {
  const out: Record<string, unknown> = {};
  for (const f of proposalFields) if (f in changes) out[f] = base[f];
  return out as ProposalChanges;
}

/** The fields a proposal changes that someone else changed since its author read the record. */
export function conflictingFields(base: ProposalChanges, changes: ProposalChanges, current: OrganisationFields): ProposalField[] {
  return proposalFields.filter((f) => f in changes && !same(base[f], current[f]));
}

/** Display names of the ids a diff shows (territories, themes), and of the kinds. */
export interface DiffNames {
  readonly territories: ReadonlyMap<string, string>;
  readonly themes: ReadonlyMap<string, string>;
  readonly kinds: Readonly<Record<string, string>>;
}

export interface ProposalDiffLine {
  readonly field: ProposalField;
  readonly before: string | null;
  readonly after: string | null;
}

function display(field: ProposalField, value: unknown, names: DiffNames): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (field === 'territoryIds' || field === 'themeIds') {
    const map = field === 'territoryIds' ? names.territories : names.themes;
    const list = (value as string[]).map((id) => map.get(id) ?? id).sort(compareFrench);
    return list.length ? list.join(', ') : null;
  }
  if (field === 'communeId') return names.territories.get(value as string) ?? (value as string);
  if (field === 'kind') return names.kinds[value as string] ?? (value as string);
  return String(value);
}

/** What the decider reads: each field changed, before (as the author read it) and after. */
export function proposalDiff(base: ProposalChanges, changes: ProposalChanges, names: DiffNames): ProposalDiffLine[] {
  return proposalFields
    .filter((f) => f in changes)
    .map((field) => ({ field, before: display(field, base[field], names), after: display(field, changes[field], names) }));
}

export type DecideError = 'proposal_already_decided' | 'organisation_changed_since_proposal';

/**
 * Whether a proposal may be accepted against the record as it is now, and the record once it is:
 * a proposal is decided once; if the record changed since its author read it (another version)
 * and one of the fields it changes was changed meanwhile, it is refused rather than overwriting
 * that change. Fields it does not touch keep their current values.
 */
export function acceptance(
  proposal: { status: ProposalStatus; base: ProposalChanges; changes: ProposalChanges; baseVersion: number },
  current: { fields: OrganisationFields; version: number },
): Result<OrganisationFields, DecideError> {
  if (proposal.status !== 'proposed') return fail('proposal_already_decided');
  if (current.version !== proposal.baseVersion) {
    const fields = conflictingFields(proposal.base, proposal.changes, current.fields);
    if (fields.length) return fail('organisation_changed_since_proposal', { fields });
  }
  return ok({ ...current.fields, ...proposal.changes });
}

/** A refusal: a proposal is decided once. */
export function refusal(proposal: { status: ProposalStatus }): Result<true, 'proposal_already_decided'> {
  return proposal.status === 'proposed' ? ok(true as const) : fail('proposal_already_decided');
}

/** One proposal as the store reads it: who proposed and decided are display names beside their ids. */
export interface ProposalRow {
  readonly id: string;
  readonly organisationId: string;
  readonly organisationName: string;
  readonly territoryId: string | null;
  readonly changes: ProposalChanges;
  readonly base: ProposalChanges;
  readonly baseVersion: number;
  readonly authorUserId: string | null;
  readonly authorName: string | null;
  readonly message: string | null;
  readonly status: ProposalStatus;
  readonly decidedBy: string | null;
  readonly decidedByName: string | null;
  /** ISO timestamps. */
  readonly decidedAt: string | null;
  readonly decisionNote: string | null;
  readonly createdAt: string;
}

export interface ProposalInput {
  readonly organisationId: string;
  readonly territoryId: string | null;
  readonly changes: ProposalChanges;
  readonly base: ProposalChanges;
  readonly baseVersion: number;
  readonly authorUserId: string | null;
  readonly message: string | null;
}

/** What a decision records: who, and her note. */
export interface OrganisationProposalDecision {
  readonly by: string | null;
  readonly note: string | null;
}
