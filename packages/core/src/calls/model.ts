/**
 * Calls for projects (appels à projets) of a contrat de ville: the words of the domain, shared by
 * the campaign, the applications, the review and the committee. Pure values, no I/O.
 */

/** The three ways toward a call of seed 000. */
export const TRACKS = ['projet_individuel', 'projet_collectif', 'petit_collectif'] as const;
export type Track = (typeof TRACKS)[number];
export const TRACK_LABELS: Record<Track, string> = {
  projet_individuel: 'Projet individuel',
  projet_collectif: 'Projet collectif',
  petit_collectif: 'Petit collectif d’acteurs',
};

/** Who co-funds a call: the institutions around a contrat de ville. */
export const COFUNDER_KINDS = ['etat', 'epci', 'commune', 'departement', 'region', 'caf', 'bailleur', 'autre'] as const;
export type CofunderKind = (typeof COFUNDER_KINDS)[number];
export const COFUNDER_KIND_LABELS: Record<CofunderKind, string> = {
  etat: 'État',
  epci: 'Intercommunalité (EPCI)',
  commune: 'Commune',
  departement: 'Département',
  region: 'Région',
  caf: 'CAF',
  bailleur: 'Bailleur social',
  autre: 'Autre financeur',
};

/** The dated steps of a call (the typical calendar of a contrat de ville's AAP). */
export const STEP_KINDS = ['cadrage', 'pre_dossier', 'depot', 'instruction', 'comite', 'realisation', 'compte_rendu'] as const;
export type StepKind = (typeof STEP_KINDS)[number];
export const STEP_LABELS: Record<StepKind, string> = {
  cadrage: 'Note de cadrage',
  pre_dossier: 'Pré-dossier à l’équipe locale',
  depot: 'Dépôt des demandes',
  instruction: 'Instruction technique',
  comite: 'Comité de pilotage (programmation)',
  realisation: 'Réalisation des actions',
  compte_rendu: 'Compte rendu financier',
};

/** A step's state on a given day (Europe/Paris): not yet open, open, or closed. */
export const STEP_STATES = ['a_venir', 'ouverte', 'close'] as const;
export type StepState = (typeof STEP_STATES)[number];

/**
 * The statuses of an application, mirroring the funders' portals (Dauphin): a draft, the
 * pre-dossier sent to the local team, the deposit, admissibility, instruction, the committee, the
 * decision, the justification (compte rendu financier) and the closing.
 */
export const APPLICATION_STATUSES = [
  'brouillon',
  'pre_dossier',
  'depose',
  'recevable',
  'non_recevable',
  'en_instruction',
  'propose_comite',
  'accorde',
  'rejete',
  'a_justifier',
  'justifie',
  'cloture',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  brouillon: 'Brouillon',
  pre_dossier: 'Pré-dossier transmis',
  depose: 'Déposé',
  recevable: 'Recevable',
  non_recevable: 'Non recevable',
  en_instruction: 'En instruction',
  propose_comite: 'Proposé au comité',
  accorde: 'Accordé',
  rejete: 'Rejeté',
  a_justifier: 'À justifier',
  justifie: 'Justifié',
  cloture: 'Clôturé',
};

/** Who moves a file from one status to the next: the applicant (its structures' members) or the call's team. */
export type TransitionBy = 'applicant' | 'coordinator';

/**
 * Every allowed move. `accorde` and `rejete` are not moved to by hand: they follow from the
 * committee's decisions, line by line per funder (accordé when at least one funder voted an amount).
 */
export const TRANSITIONS: readonly { from: ApplicationStatus; to: ApplicationStatus; by: TransitionBy }[] = [
  { from: 'brouillon', to: 'pre_dossier', by: 'applicant' },
  { from: 'brouillon', to: 'depose', by: 'applicant' },
  { from: 'pre_dossier', to: 'depose', by: 'applicant' },
  // The local team sends a pre-dossier or a deposited file back for completion (demande de compléments).
  { from: 'pre_dossier', to: 'brouillon', by: 'coordinator' },
  { from: 'depose', to: 'brouillon', by: 'coordinator' },
  { from: 'depose', to: 'recevable', by: 'coordinator' },
  { from: 'depose', to: 'non_recevable', by: 'coordinator' },
  { from: 'recevable', to: 'en_instruction', by: 'coordinator' },
  { from: 'en_instruction', to: 'propose_comite', by: 'coordinator' },
  { from: 'accorde', to: 'a_justifier', by: 'coordinator' },
  { from: 'a_justifier', to: 'justifie', by: 'applicant' },
  { from: 'justifie', to: 'a_justifier', by: 'coordinator' },
  { from: 'justifie', to: 'cloture', by: 'coordinator' },
];

/** The move from `from` to `to`, if there is one. */
export function transition(from: ApplicationStatus, to: ApplicationStatus) {
  return TRANSITIONS.find((t) => t.from === from && t.to === to) ?? null;
}

/** The statuses an applicant may still edit the file in (action, budget, documents). */
export const EDITABLE_STATUSES: readonly ApplicationStatus[] = ['brouillon', 'pre_dossier'];
/** The statuses reviewers work in (a file reaches them once deposited). */
export const REVIEWABLE_STATUSES: readonly ApplicationStatus[] = ['depose', 'recevable', 'en_instruction', 'propose_comite'];
/** From this status on, every funder's reviewers see the other funders' notes (the committee). */
export const COMMITTEE_STATUSES: readonly ApplicationStatus[] = [
  'propose_comite',
  'accorde',
  'rejete',
  'a_justifier',
  'justifie',
  'cloture',
];

/** Supporting documents an application carries (pièces jointes of the CERFA 12156). */
export const DOCUMENT_KINDS = ['rib', 'statuts', 'bilan_n1', 'comptes', 'rapport_activite', 'attestation', 'autre'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  rib: 'RIB',
  statuts: 'Statuts',
  bilan_n1: 'Bilan de l’action N-1',
  comptes: 'Derniers comptes approuvés',
  rapport_activite: 'Rapport d’activité',
  attestation: 'Attestation signée',
  autre: 'Autre pièce',
};
/** The files a document may be (checked on the bytes' signature, not only on the name). */
export const DOCUMENT_TYPES = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;
/** The largest document (bytes). */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/**
 * The review grid (the DS instructor annotations and the Cap Excellence criteria): each criterion
 * marked 1 (insuffisant) to 4 (très satisfaisant).
 */
export const REVIEW_CRITERIA = ['capacite', 'presence_quartiers', 'faisabilite', 'publics', 'axes_contrat'] as const;
export type ReviewCriterion = (typeof REVIEW_CRITERIA)[number];
export const REVIEW_CRITERION_LABELS: Record<ReviewCriterion, string> = {
  capacite: 'Profil et capacité de l’opérateur',
  presence_quartiers: 'Présence dans les quartiers visés',
  faisabilite: 'Faisabilité dans le calendrier',
  publics: 'Publics visés et capacité à les mobiliser',
  axes_contrat: 'Cohérence avec les axes du contrat de ville',
};
export const APPRECIATIONS = ['favorable', 'reserve', 'defavorable'] as const;
export type Appreciation = (typeof APPRECIATIONS)[number];
export const APPRECIATION_LABELS: Record<Appreciation, string> = {
  favorable: 'Avis favorable',
  reserve: 'Avis réservé',
  defavorable: 'Avis défavorable',
};

/** A funder's decision on its line of an application. */
export const DECISIONS = ['accorde', 'rejete'] as const;
export type Decision = (typeof DECISIONS)[number];
