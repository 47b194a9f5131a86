import { type OrganisationKind, organisationNameKey } from '../ecosystem';
import { searchKey } from '../shared/text';
import type { ParticipantKind } from './model';

/** A registration not yet linked to a person of the ecosystem, as the planner needs it. */
export interface UnlinkedRegistration {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly organisationName: string;
  readonly organisationKind: ParticipantKind | null;
  readonly organisationId: string | null;
  readonly territoryId: string | null;
  /** Date ('YYYY-MM-DD') of the consent to appear in the directory with one's e-mail, or null. */
  readonly directoryConsentOn: string | null;
}

export interface EcosystemRecordRef {
  readonly id: string;
  readonly name: string;
}

/** What the ecosystem already holds that a registration may match. */
export interface EcosystemMatches {
  /** Organisations of the event's territory, by organisation name key. */
  readonly organisationsByKey: ReadonlyMap<string, readonly EcosystemRecordRef[]>;
  /** People of the event's territory, by search key of their name. */
  readonly peopleByName: ReadonlyMap<string, readonly EcosystemRecordRef[]>;
  /** People anywhere, by lower-cased e-mail (an e-mail is a sure match). */
  readonly peopleByEmail: ReadonlyMap<string, EcosystemRecordRef>;
}

export type DuplicatePolicy = 'report' | 'link' | 'create';

export interface ProbableDuplicate {
  readonly registrationId: string;
  readonly registrationName: string;
  readonly kind: 'person' | 'organisation';
  /** What was typed (the person's or the organisation's name). */
  readonly typed: string;
  readonly candidates: readonly EcosystemRecordRef[];
}

/** An organisation to create, once per name key even when several registrations typed it. */
export interface NewOrganisation {
  readonly key: string;
  readonly name: string;
  readonly kind: OrganisationKind;
  readonly territoryId: string;
}

export type OrganisationStep = { readonly existing: string } | { readonly create: string } | null;

export interface PersonStep {
  readonly registrationId: string;
  /** Link to this existing person, or create one (personId null). */
  readonly personId: string | null;
  readonly name: string;
  /** Copied only when the registration consented to the directory (RGPD). */
  readonly email: string | null;
  readonly consentOn: string | null;
  readonly territoryId: string;
  /** The organisation: an existing one, one of `organisations` to create (by key), or none. */
  readonly organisation: OrganisationStep;
}

export interface EcosystemCreationPlan {
  readonly people: readonly PersonStep[];
  readonly organisations: readonly NewOrganisation[];
  /** Probable duplicates met; when the policy is 'report' and this is not empty, nothing is to be written. */
  readonly duplicates: readonly ProbableDuplicate[];
}

const organisationKinds: Record<ParticipantKind, OrganisationKind> = {
  habitant: 'habitant',
  association: 'association',
  centre_social: 'centre_social',
  collectivite: 'collectivite',
  etat: 'etat',
  caf: 'caf',
  bailleur_social: 'bailleur',
  entreprise: 'entreprise',
  collectif_habitants: 'collectif_habitants',
  centre_ressources: 'centre_ressources',
  autre: 'autre',
};

/** The ecosystem's organisation kind for the kind a participant gave on the form. */
export function organisationKindOf(kind: ParticipantKind | null): OrganisationKind {
  return kind ? organisationKinds[kind] : 'autre';
}

/**
 * Decides, for registrations not linked to the ecosystem, which people and organisations to
 * create and which to link. Sure matches are linked silently (same e-mail for a person, a
 * registration already pointing at an organisation, a single organisation with the same
 * normalised name in the territory). Probable duplicates (a person with the same normalised name
 * in the territory, several organisations sharing the typed name) follow `policy`: reported,
 * linked to the first candidate, or ignored (create anyway).
 */
export function planEcosystemCreation(
  registrations: readonly UnlinkedRegistration[],
  matches: EcosystemMatches,
  policy: DuplicatePolicy,
  eventTerritoryId: string,
): EcosystemCreationPlan {
  const people: PersonStep[] = [];
  const organisations = new Map<string, NewOrganisation>();
  const duplicates: ProbableDuplicate[] = [];
  for (const r of registrations) {
    const territoryId = r.territoryId ?? eventTerritoryId;
    let organisation: OrganisationStep = null;
    const typed = r.organisationName.trim();
    if (r.organisationId) organisation = { existing: r.organisationId };
    else if (typed) {
      const key = organisationNameKey(typed);
      const found = key ? (matches.organisationsByKey.get(key) ?? []) : [];
      if (found.length === 1) organisation = { existing: found[0]!.id };
      else if (found.length > 1) {
        duplicates.push({ registrationId: r.id, registrationName: r.name, kind: 'organisation', typed, candidates: found });
        organisation = policy === 'create' ? { create: key } : { existing: found[0]!.id };
      } else if (key) organisation = { create: key };
      if (organisation && 'create' in organisation && !organisations.has(key)) {
        organisations.set(key, { key, name: typed, kind: organisationKindOf(r.organisationKind), territoryId });
      }
    }
    const consentOn = r.directoryConsentOn;
    const email = consentOn && r.email ? r.email : null;
    const byEmail = r.email ? matches.peopleByEmail.get(r.email.toLowerCase()) : undefined;
    let personId: string | null = byEmail?.id ?? null;
    if (!personId) {
      const sameName = matches.peopleByName.get(searchKey(r.name)) ?? [];
      if (sameName.length > 0) {
        duplicates.push({ registrationId: r.id, registrationName: r.name, kind: 'person', typed: r.name, candidates: sameName });
        if (policy !== 'create') personId = sameName[0]!.id;
      }
    }
    people.push({
      registrationId: r.id,
      personId,
      name: r.name.trim(),
      email,
      consentOn: email ? consentOn : null,
      territoryId,
      organisation,
    });
  }
  return { people, organisations: [...organisations.values()], duplicates };
}
