/**
 * The cooperation barometer's self-assessment: the members of a collective or a partnership rate
 * statements about their collaboration on a 1–5 scale, once or twice a year. The twenty factors
 * and their six groups are those of the Wilder Collaboration Factors Inventory (public facts);
 * the statements are maillage's own, two per factor. Results per factor: the mean, the spread
 * (disagreement is information), a reading by threshold, and the trend since the previous run.
 * Answers are anonymous inside the group, and nothing is shown below three respondents.
 */

export const FACTOR_GROUPS = ['environnement', 'membres', 'fonctionnement', 'communication', 'finalite', 'ressources'] as const;
export type FactorGroup = (typeof FACTOR_GROUPS)[number];
export const FACTOR_GROUP_LABELS: Readonly<Record<FactorGroup, { fr: string; en: string }>> = {
  environnement: { fr: 'Environnement', en: 'Environment' },
  membres: { fr: 'Les membres', en: 'Membership' },
  fonctionnement: { fr: 'Fonctionnement et structure', en: 'Process and structure' },
  communication: { fr: 'Communication', en: 'Communication' },
  finalite: { fr: 'Finalité', en: 'Purpose' },
  ressources: { fr: 'Ressources', en: 'Resources' },
};

export interface Factor {
  readonly key: string;
  readonly group: FactorGroup;
  readonly fr: string;
  readonly en: string;
  /** Two statements of maillage's own writing, rated from 1 (pas du tout d'accord) to 5 (tout à fait d'accord). */
  readonly statements: readonly [string, string];
}

export const FACTORS: readonly Factor[] = [
  {
    key: 'histoire',
    group: 'environnement',
    fr: 'Une histoire de coopération sur le territoire',
    en: 'History of collaboration in the community',
    statements: [
      'Sur notre territoire, les structures ont déjà mené des projets ensemble.',
      'Les expériences passées de travail en commun nous aident aujourd’hui.',
    ],
  },
  {
    key: 'legitimite',
    group: 'environnement',
    fr: 'Un collectif reconnu comme légitime',
    en: 'Group seen as a legitimate leader',
    statements: [
      'Les habitants et les partenaires reconnaissent notre collectif comme un acteur qui compte.',
      'Quand notre collectif prend la parole, il est écouté par les institutions.',
    ],
  },
  {
    key: 'climat',
    group: 'environnement',
    fr: 'Un climat politique et social favorable',
    en: 'Favourable political and social climate',
    statements: [
      'Les élus et les financeurs soutiennent ce que nous cherchons à faire.',
      'Le contexte local actuel rend notre coopération possible.',
    ],
  },
  {
    key: 'confiance',
    group: 'membres',
    fr: 'Respect, compréhension et confiance mutuels',
    en: 'Mutual respect, understanding and trust',
    statements: ['Je fais confiance aux autres membres du collectif.', 'Chacun comprend les contraintes des autres structures.'],
  },
  {
    key: 'representativite',
    group: 'membres',
    fr: 'Les bonnes personnes autour de la table',
    en: 'Appropriate cross-section of members',
    statements: [
      'Toutes les structures utiles à notre projet participent au collectif.',
      'Les personnes concernées, habitants compris, ont leur place dans le collectif.',
    ],
  },
  {
    key: 'interet',
    group: 'membres',
    fr: 'Coopérer sert aussi l’intérêt de chacun',
    en: 'Collaboration seen as in self-interest',
    statements: [
      'Ma structure gagne quelque chose à participer à ce collectif.',
      'Les bénéfices de la coopération valent le temps que nous y consacrons.',
    ],
  },
  {
    key: 'compromis',
    group: 'membres',
    fr: 'La capacité à faire des compromis',
    en: 'Ability to compromise',
    statements: [
      'Nous savons trouver des accords quand nos points de vue divergent.',
      'Chaque membre accepte de céder sur certains points pour avancer ensemble.',
    ],
  },
  {
    key: 'enjeu',
    group: 'fonctionnement',
    fr: 'Un enjeu partagé dans la démarche et le résultat',
    en: 'Stake in both process and outcome',
    statements: [
      'Les membres se sentent responsables de la réussite du projet.',
      'Chacun s’implique dans la façon de travailler, pas seulement dans le résultat.',
    ],
  },
  {
    key: 'niveaux',
    group: 'fonctionnement',
    fr: 'Plusieurs niveaux de participation',
    en: 'Multiple layers of participation',
    statements: [
      'Dans nos structures, la direction comme les équipes de terrain sont associées.',
      'On peut contribuer au collectif de différentes façons, selon ses disponibilités.',
    ],
  },
  {
    key: 'souplesse',
    group: 'fonctionnement',
    fr: 'La souplesse',
    en: 'Flexibility',
    statements: [
      'Nous sommes ouverts à différentes manières de nous organiser.',
      'Nous savons changer de méthode quand une façon de faire ne marche pas.',
    ],
  },
  {
    key: 'roles',
    group: 'fonctionnement',
    fr: 'Des rôles et des règles clairs',
    en: 'Clear roles and policy guidelines',
    statements: ['Chacun sait qui fait quoi dans le collectif.', 'Nos règles de décision sont claires pour tous.'],
  },
  {
    key: 'adaptation',
    group: 'fonctionnement',
    fr: 'La capacité d’adaptation',
    en: 'Adaptability',
    statements: [
      'Le collectif tiendrait si un membre important partait.',
      'Nous avons su faire face aux changements de contexte (financements, équipes, règles).',
    ],
  },
  {
    key: 'rythme',
    group: 'fonctionnement',
    fr: 'Un rythme adapté',
    en: 'Appropriate pace of development',
    statements: [
      'Le collectif avance à un rythme que nos structures peuvent suivre.',
      'Nous ne nous engageons pas sur plus que ce que nous pouvons porter.',
    ],
  },
  {
    key: 'echanges',
    group: 'communication',
    fr: 'Une communication ouverte et fréquente',
    en: 'Open and frequent communication',
    statements: [
      'Les informations importantes circulent entre les membres sans attendre les réunions.',
      'On peut dire ce qu’on pense dans le collectif, y compris un désaccord.',
    ],
  },
  {
    key: 'liens',
    group: 'communication',
    fr: 'Des liens informels établis',
    en: 'Informal relationships and links',
    statements: [
      'Je peux appeler directement les autres membres quand j’en ai besoin.',
      'Nous nous connaissons au-delà des réunions formelles.',
    ],
  },
  {
    key: 'objectifs',
    group: 'finalite',
    fr: 'Des objectifs concrets et atteignables',
    en: 'Concrete, attainable goals and objectives',
    statements: ['Nos objectifs sont clairs pour tous les membres.', 'Nos objectifs sont réalistes avec les moyens dont nous disposons.'],
  },
  {
    key: 'vision',
    group: 'finalite',
    fr: 'Une vision partagée',
    en: 'Shared vision',
    statements: [
      'Les membres partagent la même idée du changement que nous voulons voir.',
      'Nous sommes d’accord sur ce qui compte le plus pour les habitants.',
    ],
  },
  {
    key: 'singularite',
    group: 'finalite',
    fr: 'Une raison d’être propre',
    en: 'Unique purpose',
    statements: [
      'Ce que fait le collectif, aucune de nos structures ne pourrait le faire seule.',
      'Le collectif ne fait pas doublon avec d’autres instances du territoire.',
    ],
  },
  {
    key: 'moyens',
    group: 'ressources',
    fr: 'Des moyens suffisants : argent, personnes, matériel, temps',
    en: 'Sufficient funds, staff, materials and time',
    statements: [
      'Le collectif dispose du temps de travail nécessaire à ses actions.',
      'Nous avons, ou savons trouver, les financements dont nous avons besoin.',
    ],
  },
  {
    key: 'animation',
    group: 'ressources',
    fr: 'Une animation compétente',
    en: 'Skilled leadership',
    statements: [
      'La personne qui anime le collectif sait faire travailler les gens ensemble.',
      'L’animation du collectif est reconnue et soutenue par nos structures.',
    ],
  },
];

/** Every statement of the questionnaire, in order, with its factor. */
export const STATEMENTS: readonly { readonly index: number; readonly factor: string; readonly text: string }[] = FACTORS.flatMap((f, i) =>
  f.statements.map((text, j) => ({ index: i * 2 + j, factor: f.key, text })),
);

/** Below this many respondents, nothing of a run is shown (answers stay anonymous). */
export const BAROMETER_MIN_RESPONDENTS = 3;

export type FactorReading = 'force' | 'a_discuter' | 'vigilance';
export const FACTOR_READING_LABELS: Readonly<Record<FactorReading, { fr: string; en: string }>> = {
  force: { fr: 'Point fort', en: 'Strength' },
  a_discuter: { fr: 'À discuter', en: 'To discuss' },
  vigilance: { fr: 'Point de vigilance', en: 'Concern' },
};

/** The usual reading: a mean of 4 or more is a strength, from 3 to under 4 to discuss, under 3 a concern. */
export function readFactor(mean: number): FactorReading {
  return mean >= 4 ? 'force' : mean >= 3 ? 'a_discuter' : 'vigilance';
}

/** One respondent's answers: a rating 1–5 (or null, skipped) per statement, in STATEMENTS order. */
export type BarometerAnswers = readonly (number | null)[];

export interface FactorResult {
  readonly factor: string;
  readonly group: FactorGroup;
  readonly mean: number;
  /** The standard deviation of the respondents' factor scores: 0 when all agree. */
  readonly spread: number;
  readonly respondents: number;
  readonly reading: FactorReading;
  /** The change of the mean since the previous run, when there was one with enough answers. */
  readonly trend: number | null;
}

export type BarometerResult =
  | { readonly shown: false; readonly respondents: number; readonly needed: number }
  | {
      readonly shown: true;
      readonly respondents: number;
      readonly factors: readonly FactorResult[];
      readonly groups: readonly GroupResult[];
    };

export interface GroupResult {
  readonly group: FactorGroup;
  readonly mean: number;
  readonly reading: FactorReading;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** A respondent's score on a factor: the mean of the statements they rated, or null. */
function factorScore(answers: BarometerAnswers, factorIndex: number): number | null {
  const rated = [answers[factorIndex * 2], answers[factorIndex * 2 + 1]].filter((v): v is number => typeof v === 'number');
  return rated.length ? rated.reduce((a, b) => a + b, 0) / rated.length : null;
}

/** Checks one respondent's answers: one per statement, each null or an integer 1–5. */
export function validAnswers(answers: readonly unknown[]): answers is BarometerAnswers {
  return (
    answers.length === STATEMENTS.length &&
    answers.every((v) => v === null || (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5))
  );
}

/** The results of a run, compared with the previous run's when given. */
export function barometerResult(run: readonly BarometerAnswers[], previous?: readonly BarometerAnswers[]): BarometerResult {
  if (run.length < BAROMETER_MIN_RESPONDENTS) return { shown: false, respondents: run.length, needed: BAROMETER_MIN_RESPONDENTS };
  const before = previous && previous.length >= BAROMETER_MIN_RESPONDENTS ? previous : null;
  const factors = FACTORS.map((f, i): FactorResult => {
    const scores = run.map((a) => factorScore(a, i)).filter((v): v is number => v !== null);
    const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0;
    const spread = scores.length ? Math.sqrt(scores.reduce((s, x) => s + (x - mean) ** 2, 0) / scores.length) : 0;
    const prev = before?.map((a) => factorScore(a, i)).filter((v): v is number => v !== null) ?? [];
    const prevMean = prev.length ? prev.reduce((a, b) => a + b, 0) / prev.length : null;
    return {
      factor: f.key,
      group: f.group,
      mean: round2(mean),
      spread: round2(spread),
      respondents: scores.length,
      reading: readFactor(mean),
      trend: prevMean === null || !scores.length ? null : round2(mean - prevMean),
    };
  });
  const groups = FACTOR_GROUPS.map((group): GroupResult => {
    const means = factors.filter((f) => f.group === group && f.respondents > 0).map((f) => f.mean);
    const mean = means.length ? means.reduce((a, b) => a + b, 0) / means.length : 0;
    return { group, mean: round2(mean), reading: readFactor(mean) };
  });
  return { shown: true, respondents: run.length, factors, groups };
}
