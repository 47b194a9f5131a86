import type { AuditOf } from '../accounts/index';
import type { Result } from '../shared/result';
import type { OrganisationFields, OrganisationProposalDecision, ProposalInput, ProposalRow } from './proposals';
import type { OrganisationDraft, PersonDraft, PersonLookups } from './import-plan';
import type { AssessmentFact, DuplicateReason, OrganisationKind } from './model';

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
export interface EcosystemRepo extends EcosystemReads {
  /** An organisation's editable fields, normalised, its version and the territory its decisions belong to; null if absent or merged. */
  organisationFields(id: string): Promise<{ fields: OrganisationFields; version: number; territoryId: string | null } | null>;
  /** Records a proposal (an earlier pending one of the same author on the same organisation becomes superseded) and its audit entry. */
  insertProposal(input: ProposalInput, audit: AuditOf<string>): Promise<string>;
  /** Every proposal of an organisation, newest first. */
  proposals(organisationId: string): Promise<ProposalRow[]>;
  /** The pending proposals on organisations of a territory or below it, oldest first. */
  pendingProposals(territoryId: string): Promise<ProposalRow[]>;
  getProposal(id: string): Promise<ProposalRow | undefined>;
  /** Names of territories and themes, for a diff. */
  diffNames(
    territoryIds: readonly string[],
    themeIds: readonly string[],
  ): Promise<{ territories: Map<string, string>; themes: Map<string, string> }>;
  /**
   * Accepts a proposal in one transaction: the organisation's row is locked, `decide` judges the
   * proposal against the record as it is, and only if it agrees are the record (its version
   * bumped), the proposal's decision and the audit entry written. Nothing otherwise.
   */
  acceptProposal<E extends string>(
    id: string,
    decide: (proposal: ProposalRow, current: { fields: OrganisationFields; version: number }) => Result<OrganisationFields, E>,
    decision: OrganisationProposalDecision,
    audit: AuditOf<void>,
  ): Promise<Result<OrganisationFields, E | 'proposal_not_found'>>;
  /** Refuses a pending proposal with the decision and its audit entry; false when it was no longer pending. */
  refuseProposal(id: string, decision: OrganisationProposalDecision, audit: AuditOf<void>): Promise<boolean>;
  findDuplicates(probe: { name: string; siren: string | null; communeId: string | null }): Promise<DuplicateCandidate[]>;
  /** Which of these ids are existing territories. */
  existingTerritories(ids: readonly string[]): Promise<string[]>;
  /** Which of these ids are existing, non-merged organisations. */
  existingOrganisations(ids: readonly string[]): Promise<string[]>;
  /** Which of these ids are themes usable on these territories (shared or theirs, or their ancestors'). */
  usableThemes(ids: readonly string[]): Promise<string[]>;
  /** Inserts an organisation with its links and its audit entry (made from its id), in one transaction. */
  insertOrganisation(input: OrganisationInput, actorUserId: string | null, audit: AuditOf<string>): Promise<string>;
  /** Inserts a person with her links and the audit entry (made from her id), in one transaction. */
  insertPerson(input: PersonInput, actorUserId: string | null, audit: AuditOf<string>): Promise<string>;
  /** Inserts an assessment and its audit entry (made from its id), in one transaction. */
  insertAssessment(input: AssessmentInput, audit: AuditOf<string>): Promise<string>;
  /** What duplicate detection reads of an existing, non-merged organisation. */
  organisationProbe(id: string): Promise<{ name: string; siren: string | null; communeId: string | null } | null>;
  /** Replaces an organisation's fields, territories and themes, in one transaction. */
  updateOrganisation(id: string, input: OrganisationInput, audit: AuditOf<void>): Promise<void>;
  /** Moves every link of `duplicateId` to `keepId` and marks the duplicate merged, in one transaction. */
  mergeOrganisations(keepId: string, duplicateId: string, audit: AuditOf<void>): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// What the ecosystem's read use cases and the other writes need of the store.

export interface ThemeRecord {
  readonly id: string;
  readonly label: string;
  readonly territoryId: string | null;
}

export interface DirectoryFilters {
  readonly q: string;
  readonly territoryIds?: readonly string[];
  readonly kind?: string | undefined;
  readonly themeId?: string | undefined;
  readonly resource: boolean;
  readonly limit: number;
}

export interface DirectoryOrganisation {
  id: string;
  name: string;
  kind: string;
  commune: string | null;
  themes: string[];
}

export interface DirectoryPerson {
  id: string;
  name: string;
  function: string | null;
  isResource: boolean;
  resourceFor: string | null;
  organisations: string[];
}

export interface DirectoryResult {
  organisations: DirectoryOrganisation[];
  people: DirectoryPerson[];
}

export interface OrganisationRecord {
  id: string;
  name: string;
  kind: string;
  siren: string | null;
  siret: string | null;
  rna: string | null;
  commune: { id: string; name: string } | null;
  description: string | null;
  address: string | null;
  website: string | null;
  publicEmail: string | null;
  publicPhone: string | null;
  mergedInto: string | null;
  /** Bumped by every change of the record (a proposal names the version its author read). */
  version: number;
  territories: { id: string; name: string; kind: string }[];
  themes: { id: string; label: string }[];
  people: { id: string; name: string; function: string | null; isResource: boolean; resourceFor: string | null; userId: string | null }[];
}

/** One assessment as a page shows it: who assessed it is a display name. */
export interface AssessmentRow {
  id: string;
  orgA: string;
  orgB: string;
  side: string;
  level: number;
  assessedOn: string;
  note: string | null;
  assessedBy: string | null;
  seq: number;
}

export interface OrganisationAssessments {
  assessments: AssessmentRow[];
  partners: Map<string, { name: string; territoryIds: string[] }>;
}

export interface MapFilters {
  readonly territoryId: string;
  readonly themeId?: string | undefined;
  readonly kind?: string | undefined;
  readonly at: string;
  readonly current: boolean;
}

/** The map's data as the store hands it over: nodes in order, edges by node index with each side's latest level. */
export interface MapData {
  /** [id, name, kind, territory ids] */
  nodes: [string, string, string, string[]][];
  /** [index of org_a, index of org_b, org_a's latest level or null, org_b's latest level or null] */
  edges: [number, number, number | null, number | null][];
}

export interface TerritoryAssessments {
  organisations: { id: string; name: string; kind: string }[];
  facts: AssessmentFact[];
}

export interface MobiliseData {
  theme: string | null;
  organisations: { id: string; name: string; kind: string; has_theme: boolean; on_territory: boolean; resource_people: number }[];
  people: {
    id: string;
    name: string;
    function: string | null;
    has_theme: boolean;
    resource_matches: boolean;
    on_territory: boolean;
    organisations: string[] | null;
  }[];
  facts: AssessmentFact[];
}

export interface PersonRecord {
  id: string;
  name: string;
  function: string | null;
  isResource: boolean;
  resourceFor: string | null;
  userId: string | null;
  erased: boolean;
  contact: { email: string | null; phone: string | null; consent: boolean; consentOn: string | null };
  organisations: { id: string; name: string }[];
  territories: { id: string; name: string; kind: string }[];
  themes: { id: string; label: string }[];
}

export interface AcquaintanceRecord {
  id: string;
  name: string;
  source: 'declared' | 'event';
  metOn: string | null;
}

export interface DuplicateSide {
  id: string;
  name: string;
  kind: string;
  siren: string | null;
  commune: string | null;
  people: number;
  relations: number;
  themes: number;
}

export interface DuplicatePair {
  a: DuplicateSide;
  b: DuplicateSide;
  reason: 'same_siren' | 'same_name_and_commune';
}

export interface ExportedOrganisationRow {
  id: string;
  name: string;
  kind: string;
  siren: string | null;
  siret: string | null;
  rna: string | null;
  commune: string | null;
  description: string | null;
  address: string | null;
  website: string | null;
  public_email: string | null;
  public_phone: string | null;
  territories: string[] | null;
  themes: string[] | null;
  territory_ids: string[] | null;
}

export interface ExportedPersonRow {
  id: string;
  name: string;
  function: string | null;
  is_resource: boolean;
  resource_for: string | null;
  email: string | null;
  phone: string | null;
  contact_consent_on: string | null;
  user_id: string | null;
  organisations: string[] | null;
  territory_ids: string[] | null;
}

export interface TerritoryExport {
  organisations: ExportedOrganisationRow[];
  people: ExportedPersonRow[];
}

export interface ImportWriteOptions {
  readonly importDuplicates: boolean;
  readonly actorUserId: string | null;
  readonly territoryId: string;
}

/** The policy context of records of the ecosystem: their territories, members and owner. */
export interface OrganisationsContext {
  territoryIds: string[];
  memberUserIds: string[];
}

export interface PersonContext {
  territoryIds: string[];
  ownerUserId?: string;
  exists: boolean;
}

/** Reads of the ecosystem and its writes other than organisations, people and assessments. Implemented in @maillage/db. */
export interface EcosystemReads {
  listThemes(territoryId?: string): Promise<ThemeRecord[]>;
  /** Adds a theme to a territory unless one with the same label is usable there already. */
  addTheme(
    territoryId: string,
    label: string,
    actorUserId: string | null,
    audit: AuditOf<{ id: string }>,
  ): Promise<{ id: string } | 'exists'>;
  /** A territory, its descendants and its ancestors. */
  territoryFamily(territoryId: string): Promise<string[]>;
  searchDirectory(filters: DirectoryFilters): Promise<DirectoryResult>;
  getOrganisation(id: string): Promise<OrganisationRecord | undefined>;
  assessmentsOf(organisationId: string): Promise<OrganisationAssessments>;
  relationHistory(a: string, b: string): Promise<AssessmentRow[]>;
  /** Organisations a user belongs to (through their person record). */
  organisationsOfUser(userId: string): Promise<Set<string>>;
  organisationsContext(organisationIds: readonly string[]): Promise<OrganisationsContext>;
  personContext(personId: string): Promise<PersonContext>;
  probableDuplicates(territoryId: string): Promise<DuplicatePair[]>;
  getPerson(id: string): Promise<PersonRecord | undefined>;
  acquaintancesOf(personId: string): Promise<AcquaintanceRecord[]>;
  addAcquaintance(
    x: string,
    y: string,
    source: 'declared' | 'event',
    options: { sourceRef?: string; declaredBy?: string | null; metOn?: string | null },
    audit: AuditOf<void>,
  ): Promise<void>;
  ecosystemMap(filters: MapFilters): Promise<MapData>;
  territoryAssessments(territoryId: string): Promise<TerritoryAssessments>;
  mobiliseCandidates(territoryId: string, themeId: string, today: string): Promise<MobiliseData>;
  importLookups(territoryId: string | null): Promise<PersonLookups>;
  existingPeopleIndex(territoryId: string | null): Promise<NonNullable<PersonLookups['existingPerson']>>;
  /** Writes the organisations of a confirmed import, all or none, with its audit entry. */
  writeOrganisationImport(rows: readonly OrganisationDraft[], options: ImportWriteOptions): Promise<{ created: number; skipped: number }>;
  /** Writes the people of a confirmed import, all or none, with its audit entry. */
  writePeopleImport(rows: readonly PersonDraft[], options: ImportWriteOptions): Promise<{ created: number; skipped: number }>;
  territoryExport(territoryId: string): Promise<TerritoryExport>;
  /** Everything held about a person, section by section of each capability (RGPD article 15). */
  exportPersonData(personId: string): Promise<Record<string, unknown> | undefined>;
  /** Erases a person everywhere in one transaction with its audit entry (RGPD article 17). */
  erasePerson(personId: string, actorUserId: string | null): Promise<{ rewrittenRooms: readonly string[] } | undefined>;
}
