import { z } from 'zod';
import { FREQUENCIES } from '../evaluation/index';

/**
 * Change pathways (approche orientée changement, seed 003; DOMAIN.md "Collective impact and the
 * change-oriented approach"): a shared vision, changes on three horizons linked into paths toward
 * it, the actions that feed the short-term changes, indicators with a baseline and a target, and
 * dated reviews. A pathway belongs to a territory or to a collective; a collective's pathway may
 * say which changes of its territory's pathway it contributes to.
 */

/** The three horizons of seed 003, read right to left toward the vision. */
export const HORIZONS = ['court', 'moyen', 'long'] as const;
export type Horizon = (typeof HORIZONS)[number];
export const HORIZON_LABELS: Readonly<Record<Horizon, { fr: string; en: string; what: { fr: string; en: string } }>> = {
  court: {
    fr: 'Court terme',
    en: 'Short term',
    what: { fr: 'Changements dans les savoirs et connaissances', en: 'Changes in knowledge' },
  },
  moyen: {
    fr: 'Moyen terme',
    en: 'Medium term',
    what: { fr: 'Changements dans les comportements et pratiques', en: 'Changes in behaviours and practices' },
  },
  long: {
    fr: 'Long terme',
    en: 'Long term',
    what: { fr: 'Changements dans le mode de vie, la culture', en: 'Changes in way of life, culture' },
  },
};

/** The rank of a horizon (the vision comes after the long term). */
export function horizonRank(h: Horizon | 'vision'): number {
  return h === 'vision' ? 3 : HORIZONS.indexOf(h);
}

/** Progress markers (outcome mapping): graded by how much one hopes to see them. */
export const MARKER_LEVELS = ['attendu', 'souhaite', 'adore'] as const;
export type MarkerLevel = (typeof MARKER_LEVELS)[number];
export const MARKER_LEVEL_LABELS: Readonly<Record<MarkerLevel, { fr: string; en: string }>> = {
  attendu: { fr: 'On s’attend à voir', en: 'Expect to see' },
  souhaite: { fr: 'On aimerait voir', en: 'Like to see' },
  adore: { fr: 'On adorerait voir', en: 'Love to see' },
};

/** The traffic lights of a review. */
export const LIGHTS = ['en_bonne_voie', 'a_risque', 'hors_trajectoire', 'pas_commence'] as const;
export type Light = (typeof LIGHTS)[number];
export const LIGHT_LABELS: Readonly<Record<Light, { fr: string; en: string }>> = {
  en_bonne_voie: { fr: 'En bonne voie', en: 'On track' },
  a_risque: { fr: 'À risque', en: 'At risk' },
  hors_trajectoire: { fr: 'Hors trajectoire', en: 'Off track' },
  pas_commence: { fr: 'Pas commencé', en: 'Not started' },
};

export const CHANGE_TEXT_MAX = 400;
const text = (max: number, field: string) => z.string().trim().max(max, `${field} : au plus ${max} caractères`);
const year = z.number('année invalide').int('année invalide').min(1990, 'année invalide').max(2100, 'année invalide');

export const visionBody = z.object({
  /** A desirable future in one sentence. */
  sentence: text(300, 'vision'),
  /** The newspaper front page (une de journal): a title and a short story of the vision achieved. */
  frontPageTitle: text(160, 'titre de la une'),
  frontPageStory: text(3000, 'récit de la une'),
});

/** The actors expected to change: organisations of the ecosystem or kinds of actors (partenaires limitrophes). */
export const changeActorsSchema = z.object({
  organisationIds: z.array(z.uuid('organisation invalide')).max(30, 'au plus 30 organisations'),
  kinds: z.array(text(80, 'type d’acteur').min(1)).max(15, 'au plus 15 types d’acteurs'),
});

export const changeBody = z.object({
  horizon: z.enum(HORIZONS, 'horizon inconnu (court, moyen ou long)'),
  text: text(CHANGE_TEXT_MAX, 'changement').min(1, 'le changement doit être écrit'),
  actors: changeActorsSchema.optional(),
  markers: z
    .array(z.object({ level: z.enum(MARKER_LEVELS, 'niveau inconnu'), text: text(300, 'marqueur').min(1, 'marqueur vide') }))
    .max(30, 'au plus 30 marqueurs')
    .optional(),
  /** Changes of the territory's pathway this (collective's) change contributes to. */
  contributesTo: z.array(z.uuid('changement invalide')).max(10).optional(),
});
export const changeUpdateBody = changeBody.partial();

export const linkBody = z.object({
  from: z.uuid('changement de départ invalide'),
  /** Another change, or null for the vision. */
  to: z.uuid('changement d’arrivée invalide').nullable(),
  rationale: text(1000, 'justification').optional(),
  assumptions: text(1000, 'hypothèses').optional(),
});

export const actionBody = z.object({
  changeId: z.uuid('changement invalide'),
  text: text(400, 'action').min(1, 'l’action doit être décrite'),
  collectiveId: z.uuid('collectif invalide').nullable().optional(),
  organisationId: z.uuid('organisation invalide').nullable().optional(),
  /** Who does it, when not an organisation or collective of maillage. */
  byName: text(160, 'porteur').optional(),
});

export const indicatorBody = z
  .object({
    changeId: z.uuid('changement invalide').nullable(),
    name: text(200, 'nom').min(1, 'le nom de l’indicateur est requis'),
    unit: text(40, 'unité').min(1, 'l’unité est requise'),
    source: text(200, 'source'),
    method: text(500, 'méthode de collecte'),
    frequency: z.enum(FREQUENCIES, 'fréquence inconnue'),
    reporter: text(200, 'qui renseigne'),
    baselineValue: z.number('valeur de départ invalide').nullable(),
    baselineYear: year.nullable(),
    targetValue: z.number('cible invalide').nullable(),
    targetYear: year.nullable(),
  })
  .superRefine((v, ctx) => {
    if (v.baselineYear !== null && v.targetYear !== null && v.targetYear < v.baselineYear) {
      ctx.addIssue({ code: 'custom', path: ['targetYear'], message: 'l’année de la cible précède celle de la valeur de départ' });
    }
  });

export const reviewBody = z.object({
  /** The day of the review (YYYY-MM-DD). */
  heldOn: z.iso.date('date invalide (AAAA-MM-JJ)'),
  lights: z
    .array(z.object({ changeId: z.uuid('changement invalide'), light: z.enum(LIGHTS, 'feu inconnu'), comment: text(1000, 'commentaire') }))
    .max(500),
  summary: text(3000, 'synthèse').optional(),
});

export const journalBody = z.object({
  on: z.iso.date('date invalide (AAAA-MM-JJ)'),
  text: text(3000, 'note').min(1, 'la note est vide'),
});

/**
 * A pathway belongs to a territory, or to a collective of that territory: `territoryId` is always
 * the territory (the collective's own, for a collective's pathway), so each id the request names is
 * authorised on its own (the territory, and the collective when there is one).
 */
export const createPathwayBody = z.object({
  title: text(160, 'titre').min(1, 'le titre est requis'),
  territoryId: z.uuid('territoire invalide'),
  collectiveId: z.uuid('collectif invalide').nullable().optional(),
  /** Start from a template (seed 003's example). */
  template: z.enum(['seed003']).nullable().optional(),
});

// ——— The whole pathway, as rules read it ———

export interface PathwayChange {
  readonly id: string;
  readonly horizon: Horizon;
  readonly text: string;
}

export interface PathwayLink {
  readonly from: string;
  /** null: the vision. */
  readonly to: string | null;
}

export interface PathwayGraph {
  readonly changes: readonly PathwayChange[];
  readonly links: readonly PathwayLink[];
}
