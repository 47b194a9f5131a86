import { searchKey } from '../shared/text';

/** Actor kinds of DOMAIN.md, with their French labels. */
export const actorKindLabels = {
  association: 'Association',
  centre_social: 'Centre social',
  collectivite: 'Collectivité',
  etat: 'Services de l’État',
  caf: 'CAF',
  bailleur: 'Bailleur social',
  entreprise: 'Entreprise',
  collectif_habitants: 'Collectif d’habitants',
  centre_ressources: 'Centre de ressources',
  habitant: 'Habitant',
  autre: 'Autre',
} as const;
export type OrganisationKind = keyof typeof actorKindLabels;
export const actorKindList = Object.keys(actorKindLabels) as OrganisationKind[];

/** The cooperation continuum: 7 levels, from rivalry to trust (DOMAIN.md). */
export const continuumScale = [
  { level: 1, label: 'Concurrence', description: 'Rivalité pour l’image, les ressources, les publics, les partenaires ou l’attention.' },
  { level: 2, label: 'Coexistence', description: 'Aucun lien systématique entre les organisations.' },
  { level: 3, label: 'Communication', description: 'Échange d’informations, mise en réseau.' },
  { level: 4, label: 'Assistance', description: 'Relation fonctionnelle, souvent informelle, autour de projets et d’actions.' },
  { level: 5, label: 'Coordination', description: 'Les organisations ajustent et harmonisent leurs efforts de façon systématique.' },
  {
    level: 6,
    label: 'Collaboration',
    description: 'Interactions durables fondées sur une mission, une vision, des objectifs et des ressources partagés.',
  },
  { level: 7, label: 'Intégration', description: 'Programmes, vision, planification et financements pleinement intégrés.' },
] as const;
export type ContinuumLevel = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export function continuumLabel(level: number): string {
  return continuumScale[level - 1]?.label ?? String(level);
}

/** The shared list of themes (a coordinator may add more for a territory). */
export const sharedThemes = [
  'parentalité',
  'bien-être',
  'jeunesse',
  'réussite éducative',
  'emploi',
  'santé',
  'habitat',
  'tranquillité publique',
  'accès aux droits',
  'isolement',
  'mobilité',
  'culture',
  'sport',
  'numérique',
  'alimentation',
] as const;

const nameStopWords = new Set(['l', 'le', 'la', 'les', 'de', 'du', 'des', 'd', 'et', 'a', 'au', 'aux', 'en']);
const legalForms: Record<string, string> = { asso: 'association', assoc: 'association', cs: 'centre social', ccas: 'ccas' };

/**
 * The key two organisation names share when they are probably the same organisation:
 * accents, case, punctuation, articles and common abbreviations folded.
 * "L’Association « Les Érables »" and "association les erables" give the same key.
 */
export function organisationNameKey(name: string): string {
  // "&" is "et" ("Dupont & Fils" is "dupont et fils"), a stop word either way.
  return searchKey(name.replace(/[«»"“”]/g, ' ').replace(/&/g, ' et '))
    .split(' ')
    .map((w) => legalForms[w] ?? w)
    .join(' ')
    .split(' ')
    .filter((w) => w && !nameStopWords.has(w))
    .join(' ');
}

/** An organisation as duplicate detection sees it. */
export interface DuplicateProbe {
  readonly id?: string;
  readonly name: string;
  readonly siren: string | null;
  readonly communeId: string | null;
}

export type DuplicateReason = 'same_siren' | 'same_name_and_commune';

/**
 * Why `candidate` is probably the same organisation as `probe`, or null: same SIREN, or same
 * normalised name in the same commune.
 */
export function duplicateReason(probe: DuplicateProbe, candidate: DuplicateProbe): DuplicateReason | null {
  if (probe.id && probe.id === candidate.id) return null;
  if (probe.siren && candidate.siren && probe.siren === candidate.siren) return 'same_siren';
  if (
    probe.communeId &&
    probe.communeId === candidate.communeId &&
    organisationNameKey(probe.name) === organisationNameKey(candidate.name)
  ) {
    return 'same_name_and_commune';
  }
  return null;
}

/** One assessment of a relation, as the history keeps it. */
export interface AssessmentFact {
  readonly orgA: string;
  readonly orgB: string;
  /** The organisation on behalf of which it was made: orgA or orgB. */
  readonly side: string;
  readonly level: number;
  /** ISO date `YYYY-MM-DD`. */
  readonly assessedOn: string;
  /** Tie-breaker between assessments of the same side on the same day (later wins). */
  readonly seq?: number;
}

/** Orders a pair so that a relation has one key whichever side names it first. */
export function relationKey(x: string, y: string): [string, string] {
  return x < y ? [x, y] : [y, x];
}

export interface RelationState {
  readonly orgA: string;
  readonly orgB: string;
  /** Each side's latest level, or null when that side never assessed the relation. */
  readonly levelA: number | null;
  readonly levelB: number | null;
  /**
   * The level the map and the counts use: the lower of the two sides' latest assessments
   * (cooperation is only as strong as the side that feels it least).
   */
  readonly level: number;
  readonly disagreement: boolean;
}

/**
 * The state of every relation at `asOf` (inclusive, ISO date): each side's latest assessment,
 * the level retained and whether the sides disagree.
 */
export function relationStates(facts: readonly AssessmentFact[], asOf?: string): RelationState[] {
  const latest = new Map<string, AssessmentFact>();
  for (const f of facts) {
    if (asOf && f.assessedOn > asOf) continue;
    const key = `${f.orgA}|${f.orgB}|${f.side}`;
    const prev = latest.get(key);
    if (!prev || prev.assessedOn < f.assessedOn || (prev.assessedOn === f.assessedOn && (prev.seq ?? 0) <= (f.seq ?? 0)))
      latest.set(key, f);
  }
  const pairs = new Map<string, { a: string; b: string; la: number | null; lb: number | null }>();
  for (const f of latest.values()) {
    const key = `${f.orgA}|${f.orgB}`;
    const p = pairs.get(key) ?? { a: f.orgA, b: f.orgB, la: null, lb: null };
    if (f.side === f.orgA) p.la = f.level;
    else p.lb = f.level;
    pairs.set(key, p);
  }
  return [...pairs.values()].map((p) => ({ orgA: p.a, orgB: p.b, levelA: p.la, levelB: p.lb, ...retainedLevel(p.la, p.lb) }));
}

/**
 * The level a relation is given from each side's latest level (null: that side never assessed
 * it): the lower of the two, and whether they disagree.
 */
export function retainedLevel(levelA: number | null, levelB: number | null): { level: number; disagreement: boolean } {
  return { level: Math.min(levelA ?? 8, levelB ?? 8), disagreement: levelA !== null && levelB !== null && levelA !== levelB };
}

/** Count of relations per level 1..7 (index 0 is level 1). */
export function levelCounts(states: readonly RelationState[]): number[] {
  const counts = [0, 0, 0, 0, 0, 0, 0];
  for (const s of states) if (s.level >= 1 && s.level <= 7) counts[s.level - 1] = (counts[s.level - 1] ?? 0) + 1;
  return counts;
}

/** The last day of each of the `months` months ending with the month of `today` (ISO dates, oldest first). */
export function monthEnds(today: string, months: number): string[] {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = months - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i + 1, 0));
    const iso = d.toISOString().slice(0, 10);
    out.push(i === 0 && iso > today ? today : iso);
  }
  return out;
}

/** How the distribution of levels changed: one count per level at each date. */
export function levelHistory(facts: readonly AssessmentFact[], dates: readonly string[]): { date: string; counts: number[] }[] {
  return dates.map((date) => ({ date, counts: levelCounts(relationStates(facts, date)) }));
}
