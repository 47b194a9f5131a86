import type { DuplicateReason, OrganisationKind } from './model';

export interface OrganisationInput {
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

export interface PersonInput {
  readonly name: string;
  readonly function: string | null;
  readonly organisationIds: readonly string[];
  readonly territoryIds: readonly string[];
  readonly themeIds: readonly string[];
  readonly isResource: boolean;
  readonly resourceFor: string | null;
  readonly email: string | null;
  readonly phone: string | null;
  readonly contactConsent: boolean;
  readonly contactConsentOn: string | null;
  readonly userId?: string | null;
}

export interface DuplicateCandidate {
  readonly id: string;
  readonly name: string;
  readonly reason: DuplicateReason;
}

export interface AssessmentInput {
  readonly organisationId: string;
  readonly partnerId: string;
  readonly level: number;
  readonly assessedOn: string;
  readonly note: string | null;
  readonly assessedBy: string | null;
}

/** Persistence the ecosystem's write use cases need. Implemented in @maillage/db. */
export interface EcosystemRepo {
  findDuplicates(probe: { name: string; siren: string | null; communeId: string | null }): Promise<DuplicateCandidate[]>;
  /** Which of these ids are existing territories. */
  existingTerritories(ids: readonly string[]): Promise<string[]>;
  /** Which of these ids are existing, non-merged organisations. */
  existingOrganisations(ids: readonly string[]): Promise<string[]>;
  /** Which of these ids are themes usable on these territories (shared or theirs, or their ancestors'). */
  usableThemes(ids: readonly string[]): Promise<string[]>;
  insertOrganisation(input: OrganisationInput, actorUserId: string | null): Promise<string>;
  insertPerson(input: PersonInput, actorUserId: string | null): Promise<string>;
  insertAssessment(input: AssessmentInput): Promise<string>;
  /** What duplicate detection reads of an existing, non-merged organisation. */
  organisationProbe(id: string): Promise<{ name: string; siren: string | null; communeId: string | null } | null>;
  /** Replaces an organisation's fields, territories and themes, in one transaction. */
  updateOrganisation(id: string, input: OrganisationInput, actorUserId: string | null): Promise<void>;
  /** Moves every link of `duplicateId` to `keepId` and marks the duplicate merged, in one transaction. */
  mergeOrganisations(keepId: string, duplicateId: string, actorUserId: string | null): Promise<void>;
}
