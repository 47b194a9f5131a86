import { z } from 'zod';

/**
 * A collective's workspace (DOMAIN.md, "From a collective of actors to a collective actor"; seeds
 * 000 and 004): its members and their roles, the cooperation it aims for, the project sheet
 * (fiche-projet: seven sections, then the formal frame), its next small steps and its requests
 * for support. Words, choices and body schemas live here; the routes are in api.ts.
 */

// ——— Members and roles (répartition des rôles) ———

/** The roles a member can hold, chosen for their talents as the project needs (seed 000). */
export const MEMBER_ROLES = ['porteur', 'animation', 'finances', 'communication', 'habitants', 'evaluation'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export const MEMBER_ROLE_LABELS: Readonly<Record<MemberRole, { fr: string; en: string }>> = {
  porteur: { fr: 'Porteur · coordination', en: 'Lead · coordination' },
  animation: { fr: 'Animation', en: 'Facilitation' },
  finances: { fr: 'Finances', en: 'Finances' },
  communication: { fr: 'Communication', en: 'Communication' },
  habitants: { fr: 'Lien avec les habitants', en: 'Link with residents' },
  evaluation: { fr: 'Évaluation', en: 'Evaluation' },
};

const text = (max: number, field: string) => z.string().trim().max(max, `${field} : au plus ${max} caractères`);
const optionalEmail = z
  .string()
  .trim()
  .max(254, 'e-mail trop long')
  .refine((v) => v === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), 'adresse e-mail invalide');
const phone = z
  .string()
  .trim()
  .max(30, 'téléphone trop long')
  .refine((v) => v === '' || /^[+0-9 ().-]{6,30}$/.test(v), 'numéro de téléphone invalide');

export const memberRolesBody = z.object({
  roles: z.array(z.enum(MEMBER_ROLES, 'rôle inconnu')).max(MEMBER_ROLES.length).optional(),
  /** Roles the collective names itself ("lien avec les écoles"). */
  customRoles: z.array(text(60, 'rôle').min(1, 'rôle vide')).max(5, 'au plus 5 rôles nommés').optional(),
});

/** A member joins: a person of the ecosystem, or a guest without an account (a name, and how to reach them). */
export const addMemberBody = z.union([
  memberRolesBody.extend({ personId: z.uuid('personne invalide') }),
  memberRolesBody.extend({
    name: text(120, 'nom').min(1, 'le nom est requis'),
    organisationName: text(160, 'organisation').optional(),
    email: optionalEmail.optional(),
    phone: phone.optional(),
  }),
]);

export const updateMemberBody = memberRolesBody.extend({
  organisationName: text(160, 'organisation').optional(),
  email: optionalEmail.optional(),
  phone: phone.optional(),
});

// ——— The cooperation it aims for (seed 004) ———

export const COOPERATION_AIMS = ['faire_ensemble', 'faire_avec', 'faire_corps'] as const;
export type CooperationAim = (typeof COOPERATION_AIMS)[number];
export const COOPERATION_AIM_LABELS: Readonly<Record<CooperationAim, { fr: string; en: string }>> = {
  faire_ensemble: { fr: 'Faire ensemble — coopération économique', en: 'Doing together — economic cooperation' },
  faire_avec: { fr: 'Faire avec — coopération de moyens', en: 'Doing with — sharing means' },
  faire_corps: { fr: 'Faire corps — coopération stratégique', en: 'Acting as one — strategic cooperation' },
};

/** The four motivations of cooperation (seed 004), in decreasing importance. */
export const MOTIVATIONS = ['necessite', 'securite', 'facilite', 'plaisir'] as const;
export type Motivation = (typeof MOTIVATIONS)[number];
export const MOTIVATION_LABELS: Readonly<Record<Motivation, { fr: string; en: string }>> = {
  necessite: { fr: 'Nécessité', en: 'Necessity' },
  securite: { fr: 'Sécurité', en: 'Security' },
  facilite: { fr: 'Facilité', en: 'Ease' },
  plaisir: { fr: 'Plaisir', en: 'Pleasure' },
};

/** Legal forms a collective may take, with what each implies (shown beside the choice). */
export const LEGAL_FORMS = ['aucune', 'convention', 'association', 'gie', 'scic', 'gcsms'] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];
export const LEGAL_FORM_LABELS: Readonly<Record<LegalForm, { fr: string; en: string; implies: string }>> = {
  aucune: {
    fr: 'Pas encore de forme juridique',
    en: 'No legal form yet',
    implies: 'Chaque structure reste porteuse de sa part ; un membre peut déposer une demande pour le collectif.',
  },
  convention: {
    fr: 'Convention de partenariat',
    en: 'Partnership agreement',
    implies:
      'Un contrat écrit entre les structures (objet, rôles, apports, durée) ; pas de personne morale nouvelle, un chef de file porte les demandes.',
  },
  association: {
    fr: 'Association loi 1901',
    en: 'Non-profit association (1901 law)',
    implies: 'Une personne morale à but non lucratif : statuts, assemblée générale, bureau ; peut recevoir des subventions en son nom.',
  },
  gie: {
    fr: 'Groupement d’intérêt économique (GIE)',
    en: 'Economic interest grouping (GIE)',
    implies: 'Met en commun des moyens pour l’activité économique des membres ; responsabilité solidaire des membres sur les dettes.',
  },
  scic: {
    fr: 'Société coopérative d’intérêt collectif (SCIC)',
    en: 'Cooperative society of collective interest (SCIC)',
    implies:
      'Société commerciale coopérative associant salariés, bénéficiaires et partenaires (dont des collectivités) ; une personne, une voix.',
  },
  gcsms: {
    fr: 'Groupement de coopération sociale et médico-sociale (GCSMS)',
    en: 'Social and medico-social cooperation grouping (GCSMS)',
    implies:
      'Réservé aux acteurs sociaux et médico-sociaux : mutualise des moyens ou exerce des missions, avec une convention constitutive approuvée.',
  },
};

// ——— The project sheet (fiche-projet, seed 004) ———

/** The seven sections of the canvas, then the formal frame, in the order of the sheet. */
export const SHEET_SECTIONS = [
  'etat_des_lieux',
  'enjeux',
  'niveau',
  'ecosysteme',
  'animation',
  'financement',
  'calendrier',
  'gouvernance',
  'forme_juridique',
  'evaluation',
  'communication',
] as const;
export type SheetSection = (typeof SHEET_SECTIONS)[number];
/** The seven sections of seed 004's canvas (the others are the formal frame). */
export const CANVAS_SECTIONS: readonly SheetSection[] = SHEET_SECTIONS.slice(0, 7);

export const SHEET_SECTION_TITLES: Readonly<Record<SheetSection, { fr: string; en: string }>> = {
  etat_des_lieux: { fr: 'État des lieux du territoire', en: 'The territory today' },
  enjeux: { fr: 'Enjeux et motivations', en: 'Stakes and motivations' },
  niveau: { fr: 'Niveau de coopération', en: 'Level of cooperation' },
  ecosysteme: { fr: 'Éco-système', en: 'Ecosystem' },
  animation: { fr: 'Animation', en: 'How the collective lives' },
  financement: { fr: 'Pistes de financement', en: 'Funding leads' },
  calendrier: { fr: 'Calendrier prévisionnel', en: 'Provisional calendar' },
  gouvernance: { fr: 'Gouvernance', en: 'Governance' },
  forme_juridique: { fr: 'Forme juridique', en: 'Legal form' },
  evaluation: { fr: 'Évaluation', en: 'Evaluation' },
  communication: { fr: 'Communication', en: 'Communication' },
};

export const SECTION_TEXT_MAX = 8000;
const sectionText = text(SECTION_TEXT_MAX, 'texte');
const isoDate = z.iso.date('date invalide (AAAA-MM-JJ)');

/** The content of each section: a free text, and the structured fields the section needs. */
export const sectionContentSchemas = {
  etat_des_lieux: z.object({ text: sectionText }),
  enjeux: z.object({
    text: sectionText,
    /** The motivations that move the collective, most important first. */
    motivations: z.array(z.enum(MOTIVATIONS, 'motivation inconnue')).max(4),
  }),
  niveau: z.object({ text: sectionText, aim: z.enum(COOPERATION_AIMS, 'niveau inconnu').nullable() }),
  ecosysteme: z.object({
    text: sectionText,
    /** Key actors, picked from the ecosystem's directory. */
    keyOrganisationIds: z.array(z.uuid('organisation invalide')).max(40, 'au plus 40 acteurs clés'),
    /** Resource or influential people to mobilise (of the directory, or named). */
    resourcePeople: z
      .array(
        z.object({
          name: text(120, 'nom').min(1, 'le nom est requis'),
          personId: z.uuid('personne invalide').nullable(),
          why: text(300, 'raison'),
        }),
      )
      .max(30, 'au plus 30 personnes'),
  }),
  animation: z.object({ text: sectionText }),
  financement: z.object({
    text: sectionText,
    leads: z
      .array(
        z.object({
          funder: text(160, 'financeur').min(1, 'le financeur est requis'),
          scheme: text(200, 'dispositif'),
          amount: z.number('montant invalide').nonnegative('montant négatif').max(100_000_000).nullable(),
          status: z.enum(['piste', 'contact', 'depose', 'obtenu', 'refuse'], 'statut inconnu'),
        }),
      )
      .max(30, 'au plus 30 pistes'),
  }),
  calendrier: z.object({
    text: sectionText,
    milestones: z.array(z.object({ date: isoDate, label: text(200, 'jalon').min(1, 'le jalon est requis') })).max(50, 'au plus 50 jalons'),
  }),
  gouvernance: z.object({
    text: sectionText,
    /** How often the collective meets ("une fois par mois"). */
    meetings: text(200, 'rythme des réunions'),
  }),
  forme_juridique: z.object({ text: sectionText, form: z.enum(LEGAL_FORMS, 'forme juridique inconnue').nullable() }),
  evaluation: z.object({ text: sectionText }),
  communication: z.object({ text: sectionText }),
} as const satisfies Record<SheetSection, z.ZodType>;

export type SectionContent<S extends SheetSection = SheetSection> = z.output<(typeof sectionContentSchemas)[S]>;

/** An empty section, as a new sheet holds it. */
export function emptySection<S extends SheetSection>(section: S): SectionContent<S> {
  const empty: { [K in SheetSection]: SectionContent<K> } = {
    etat_des_lieux: { text: '' },
    enjeux: { text: '', motivations: [] },
    niveau: { text: '', aim: null },
    ecosysteme: { text: '', keyOrganisationIds: [], resourcePeople: [] },
    animation: { text: '' },
    financement: { text: '', leads: [] },
    calendrier: { text: '', milestones: [] },
    gouvernance: { text: '', meetings: '' },
    forme_juridique: { text: '', form: null },
    evaluation: { text: '' },
    communication: { text: '' },
  };
  return empty[section];
}

/** A section counts as written when its text or one of its structured fields holds something. */
export function sectionFilled(content: SectionContent): boolean {
  return Object.values(content).some((v) => (Array.isArray(v) ? v.length > 0 : typeof v === 'string' ? v.trim() !== '' : v !== null));
}

/**
 * Saving a section: the content, and the version it was edited from. A save from an older version
 * than the current one is refused with the current version (409 `sheet_conflict`), so the writer
 * sees both side by side and saves again from the current one: no edit is silently lost.
 */
export const saveSectionBody = z.object({
  baseVersion: z.number('version invalide').int().nonnegative(),
  /**
   * Checked per section by `parseSectionContent`. The ids a section may name (the ecosystem's key
   * actors and resource people) are described here too, so that each one is authorised with the
   * request like any other id (the server's refs), whatever the section.
   */
  content: z.looseObject({
    keyOrganisationIds: z.array(z.uuid('organisation invalide')).max(40, 'au plus 40 acteurs clés').optional(),
    resourcePeople: z
      .array(z.looseObject({ personId: z.uuid('personne invalide').nullable().optional() }))
      .max(30, 'au plus 30 personnes')
      .optional(),
  }),
});

/** Reads a section's content with its own schema (the body's `content` is checked per section). */
export function parseSectionContent(section: SheetSection, content: unknown) {
  return sectionContentSchemas[section].safeParse(content);
}

export const sheetSectionParam = z.enum(SHEET_SECTIONS, 'section inconnue');

export const COMMENT_MAX_LENGTH = 2000;
export const commentBody = z.object({ text: text(COMMENT_MAX_LENGTH, 'commentaire').min(1, 'le commentaire est vide') });
export const restoreBody = z.object({ version: z.number('version invalide').int().positive('version invalide') });

// ——— Next small steps ———

export const STEP_STATUSES = ['a_faire', 'en_cours', 'fait', 'abandonne'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];
export const stepBody = z.object({
  title: text(300, 'titre').min(1, 'le titre est requis'),
  ownerMemberId: z.uuid('membre invalide').nullable().optional(),
  dueOn: isoDate.nullable().optional(),
});
export const stepUpdateBody = stepBody.partial().extend({ status: z.enum(STEP_STATUSES, 'statut inconnu').optional() });

/** A step is overdue when its due date has passed and it is neither done nor dropped. */
export function stepOverdue(step: { readonly dueOn: string | null; readonly status: StepStatus }, today: string): boolean {
  return step.dueOn !== null && step.dueOn < today && (step.status === 'a_faire' || step.status === 'en_cours');
}

// ——— Asking for support ———

export const SUPPORT_KINDS = ['financement', 'contact', 'salle', 'animation', 'autre'] as const;
export type SupportKind = (typeof SUPPORT_KINDS)[number];
export const SUPPORT_STATUSES = ['ouverte', 'en_cours', 'traitee', 'refusee'] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];
export const supportRequestBody = z.object({
  kind: z.enum(SUPPORT_KINDS, 'type de demande inconnu'),
  text: text(2000, 'demande').min(1, 'la demande est vide'),
});
/** A coordinator's answer (and the request's new status). */
export const supportAnswerBody = z.object({
  status: z.enum(SUPPORT_STATUSES, 'statut inconnu'),
  answer: text(2000, 'réponse'),
});

// ——— A collective created by hand ———

export const createCollectiveBody = z.object({
  territoryId: z.uuid('territoire invalide'),
  name: text(160, 'nom').min(1, 'le nom est requis'),
  urgency: text(2000, 'urgence partagée').optional(),
  themes: z.array(text(80, 'thème').min(1)).max(10, 'au plus 10 thèmes').optional(),
  /** The first members: people of the ecosystem. */
  personIds: z.array(z.uuid('personne invalide')).max(20, 'au plus 20 membres').optional(),
});
export const updateCollectiveBody = createCollectiveBody.omit({ territoryId: true, personIds: true }).partial();
