/**
 * « Quel coopérateur je suis ? » (seed 004): a self-diagnosis of twelve questions of maillage's
 * own writing. Nine reveal a cooperative profile among four, described in a few encouraging
 * sentences (never a grade); three rank the four motivations of cooperation of seed 004
 * (nécessité, sécurité, facilité, plaisir). Scoring is deterministic: the same answers always
 * give the same result.
 */
import { MOTIVATIONS, type Motivation } from '../collectives/index';

export const PROFILES = ['passeur', 'batisseur', 'explorateur', 'rassembleur'] as const;
export type Profile = (typeof PROFILES)[number];

export const PROFILE_TEXTS: Readonly<Record<Profile, { fr: { name: string; text: string }; en: { name: string; text: string } }>> = {
  passeur: {
    fr: {
      name: 'Passeur ou passeuse de liens',
      text: 'Vous connaissez du monde et vous aimez présenter les gens les uns aux autres. Grâce à vous, l’information circule et les bonnes personnes se rencontrent au bon moment. Votre carnet d’adresses est une ressource précieuse pour un collectif : partagez-le, et pensez à aller vers ceux qu’on ne voit pas encore.',
    },
    en: {
      name: 'Connector',
      text: 'You know many people and enjoy introducing them to each other. Thanks to you, information flows and the right people meet at the right time. Your network is a precious resource for a collective: share it, and reach out to those not yet at the table.',
    },
  },
  batisseur: {
    fr: {
      name: 'Bâtisseur ou bâtisseuse',
      text: 'Vous aimez que les choses avancent et tiennent dans la durée : qui fait quoi, quand, avec quels moyens. Vous donnez une forme solide aux bonnes idées. Un collectif a besoin de vous pour passer de l’envie à l’action ; laissez aussi de la place à ce qui ne se planifie pas.',
    },
    en: {
      name: 'Builder',
      text: 'You like things to move forward and to last: who does what, when, with which means. You give good ideas a solid shape. A collective needs you to go from wishes to action; leave room, too, for what cannot be planned.',
    },
  },
  explorateur: {
    fr: {
      name: 'Explorateur ou exploratrice',
      text: 'Vous aimez essayer, sortir des sentiers battus et apprendre de ce qui marche ailleurs. Vous apportez au collectif des idées neuves et l’audace de les tester. Votre curiosité ouvre des portes : embarquez les autres dans vos essais et partagez ce que vous en apprenez.',
    },
    en: {
      name: 'Explorer',
      text: 'You like trying, leaving the beaten track and learning from what works elsewhere. You bring the collective new ideas and the daring to test them. Your curiosity opens doors: take the others along in your trials and share what you learn.',
    },
  },
  rassembleur: {
    fr: {
      name: 'Rassembleur ou rassembleuse',
      text: 'Vous veillez à ce que chacun trouve sa place et à ce que le groupe garde le cap d’une vision commune. Vous savez apaiser les tensions et faire émerger l’accord. Un collectif tient grâce à des personnes comme vous ; n’hésitez pas à partager ce rôle pour ne pas tout porter seul.',
    },
    en: {
      name: 'Unifier',
      text: 'You make sure everyone finds their place and that the group keeps a shared vision in sight. You can ease tensions and help agreement emerge. Collectives hold together thanks to people like you; share this role so as not to carry it all alone.',
    },
  },
};

export interface QuizQuestion {
  readonly key: string;
  readonly text: { readonly fr: string; readonly en: string };
  /** Four choices; each counts for one profile or one motivation. */
  readonly choices: readonly {
    readonly fr: string;
    readonly en: string;
    readonly counts: { readonly profile: Profile } | { readonly motivation: Motivation };
  }[];
}

const p = (profile: Profile) => ({ profile });
const m = (motivation: Motivation) => ({ motivation });

export const QUIZ_QUESTIONS: readonly QuizQuestion[] = [
  {
    key: 'reunion',
    text: { fr: 'En arrivant à une réunion entre partenaires, vous…', en: 'Arriving at a partners’ meeting, you…' },
    choices: [
      { fr: 'saluez chacun et présentez les nouveaux venus', en: 'greet everyone and introduce newcomers', counts: p('passeur') },
      {
        fr: 'vérifiez l’ordre du jour et ce qui doit être décidé',
        en: 'check the agenda and what must be decided',
        counts: p('batisseur'),
      },
      { fr: 'arrivez avec une idée que vous avez vue ailleurs', en: 'bring an idea you saw elsewhere', counts: p('explorateur') },
      { fr: 'veillez à ce que chacun puisse s’exprimer', en: 'make sure everyone can speak', counts: p('rassembleur') },
    ],
  },
  {
    key: 'probleme',
    text: {
      fr: 'Un problème se pose sur le quartier. Votre premier réflexe :',
      en: 'A problem arises in the neighbourhood. Your first reflex:',
    },
    choices: [
      { fr: 'appeler la personne qui saura', en: 'call the person who will know', counts: p('passeur') },
      { fr: 'faire un plan d’action', en: 'draw up an action plan', counts: p('batisseur') },
      { fr: 'tester vite une solution, même imparfaite', en: 'quickly test a solution, even an imperfect one', counts: p('explorateur') },
      { fr: 'réunir les acteurs concernés', en: 'bring the actors concerned together', counts: p('rassembleur') },
    ],
  },
  {
    key: 'fierte',
    text: { fr: 'Dans un projet commun, ce qui vous rend le plus fier ou fière :', en: 'In a joint project, what makes you proudest:' },
    choices: [
      { fr: 'les rencontres qu’il a permises', en: 'the encounters it made possible', counts: p('passeur') },
      { fr: 'qu’il ait tenu ses délais et son budget', en: 'that it kept its deadlines and budget', counts: p('batisseur') },
      { fr: 'qu’il ait inventé quelque chose de nouveau', en: 'that it invented something new', counts: p('explorateur') },
      { fr: 'que chacun s’y soit reconnu', en: 'that everyone recognised themselves in it', counts: p('rassembleur') },
    ],
  },
  {
    key: 'desaccord',
    text: { fr: 'Face à un désaccord dans le groupe, vous…', en: 'Faced with disagreement in the group, you…' },
    choices: [
      { fr: 'en parlez en aparté avec chacun', en: 'talk it over with each person separately', counts: p('passeur') },
      { fr: 'proposez une règle de décision claire', en: 'propose a clear decision rule', counts: p('batisseur') },
      { fr: 'cherchez une troisième voie inattendue', en: 'look for an unexpected third way', counts: p('explorateur') },
      { fr: 'reformulez ce qui rassemble avant ce qui divise', en: 'restate what unites before what divides', counts: p('rassembleur') },
    ],
  },
  {
    key: 'role',
    text: { fr: 'Le rôle que l’on vous confie le plus souvent :', en: 'The role you are most often given:' },
    choices: [
      { fr: 'faire le lien avec d’autres réseaux', en: 'linking with other networks', counts: p('passeur') },
      { fr: 'tenir le calendrier et le budget', en: 'keeping the calendar and the budget', counts: p('batisseur') },
      { fr: 'imaginer de nouvelles pistes', en: 'imagining new leads', counts: p('explorateur') },
      { fr: 'animer et faire converger', en: 'facilitating and bringing views together', counts: p('rassembleur') },
    ],
  },
  {
    key: 'journee',
    text: { fr: 'Une journée de coopération réussie, pour vous, c’est…', en: 'For you, a successful cooperation day is…' },
    choices: [
      { fr: 'repartir avec des contacts nouveaux', en: 'leaving with new contacts', counts: p('passeur') },
      { fr: 'repartir avec des engagements datés', en: 'leaving with dated commitments', counts: p('batisseur') },
      { fr: 'repartir avec une idée à essayer', en: 'leaving with an idea to try', counts: p('explorateur') },
      { fr: 'repartir avec le sentiment d’être une équipe', en: 'leaving with a sense of being a team', counts: p('rassembleur') },
    ],
  },
  {
    key: 'nouveau',
    text: { fr: 'Un nouvel acteur arrive sur le territoire. Vous…', en: 'A new actor arrives in the area. You…' },
    choices: [
      { fr: 'lui faites rencontrer les bonnes personnes', en: 'introduce them to the right people', counts: p('passeur') },
      { fr: 'lui expliquez comment les choses fonctionnent', en: 'explain how things work', counts: p('batisseur') },
      { fr: 'lui demandez ce qu’il fait différemment', en: 'ask what they do differently', counts: p('explorateur') },
      { fr: 'l’invitez au prochain temps collectif', en: 'invite them to the next collective meeting', counts: p('rassembleur') },
    ],
  },
  {
    key: 'frustration',
    text: { fr: 'Ce qui vous frustre le plus dans un partenariat :', en: 'What frustrates you most in a partnership:' },
    choices: [
      { fr: 'que l’information ne circule pas', en: 'that information does not flow', counts: p('passeur') },
      { fr: 'que rien ne soit décidé', en: 'that nothing gets decided', counts: p('batisseur') },
      { fr: 'que l’on refasse toujours la même chose', en: 'that the same things are always done', counts: p('explorateur') },
      { fr: 'que certains restent à l’écart', en: 'that some are left out', counts: p('rassembleur') },
    ],
  },
  {
    key: 'outil',
    text: { fr: 'L’outil dont vous ne vous passeriez pas :', en: 'The tool you could not do without:' },
    choices: [
      { fr: 'votre téléphone et votre carnet d’adresses', en: 'your phone and address book', counts: p('passeur') },
      { fr: 'un tableau de suivi partagé', en: 'a shared tracking sheet', counts: p('batisseur') },
      { fr: 'une page blanche et des post-it', en: 'a blank page and sticky notes', counts: p('explorateur') },
      { fr: 'un cercle de parole', en: 'a talking circle', counts: p('rassembleur') },
    ],
  },
  {
    key: 'pourquoi',
    text: { fr: 'Vous coopérez d’abord parce que…', en: 'You cooperate first of all because…' },
    choices: [
      { fr: 'seul, on ne peut pas répondre aux besoins', en: 'alone, needs cannot be met', counts: m('necessite') },
      { fr: 'à plusieurs, on prend moins de risques', en: 'together, risks are lower', counts: m('securite') },
      { fr: 'cela simplifie le travail de chacun', en: 'it makes everyone’s work simpler', counts: m('facilite') },
      { fr: 'c’est agréable de travailler ensemble', en: 'working together is enjoyable', counts: m('plaisir') },
    ],
  },
  {
    key: 'financement',
    text: {
      fr: 'Un appel à projets propose un dépôt collectif. Ce qui vous décide :',
      en: 'A call for projects invites a joint application. What decides you:',
    },
    choices: [
      { fr: 'le projet ne peut pas exister autrement', en: 'the project cannot exist otherwise', counts: m('necessite') },
      { fr: 'un dossier commun est plus solide', en: 'a joint file is stronger', counts: m('securite') },
      { fr: 'on partage la charge administrative', en: 'the paperwork is shared', counts: m('facilite') },
      { fr: 'l’envie de faire avec ces partenaires-là', en: 'wanting to work with these partners', counts: m('plaisir') },
    ],
  },
  {
    key: 'rester',
    text: { fr: 'Vous restez dans un collectif tant que…', en: 'You stay in a collective as long as…' },
    choices: [
      { fr: 'il répond à un besoin réel du territoire', en: 'it meets a real need of the area', counts: m('necessite') },
      { fr: 'il protège ce que nous avons construit', en: 'it protects what we have built', counts: m('securite') },
      { fr: 'il me fait gagner du temps', en: 'it saves me time', counts: m('facilite') },
      { fr: 'j’y prends plaisir', en: 'I enjoy it', counts: m('plaisir') },
    ],
  },
];

/** Answers: the index of the chosen choice per question, in QUIZ_QUESTIONS order. */
export type QuizAnswers = readonly number[];

export function validQuizAnswers(answers: readonly unknown[]): answers is QuizAnswers {
  return (
    answers.length === QUIZ_QUESTIONS.length &&
    answers.every((a, i) => typeof a === 'number' && Number.isInteger(a) && a >= 0 && a < (QUIZ_QUESTIONS[i]?.choices.length ?? 0))
  );
}

export interface QuizResult {
  /** The profile(s) with the highest score, in PROFILES order (two or more when tied). */
  readonly profiles: readonly Profile[];
  readonly scores: Readonly<Record<Profile, number>>;
  /** The four motivations, most chosen first; ties keep seed 004's order (nécessité > sécurité > facilité > plaisir). */
  readonly motivations: readonly Motivation[];
  readonly motivationScores: Readonly<Record<Motivation, number>>;
}

export function scoreQuiz(answers: QuizAnswers): QuizResult {
  const scores = Object.fromEntries(PROFILES.map((x) => [x, 0])) as Record<Profile, number>;
  const motivationScores = Object.fromEntries(MOTIVATIONS.map((x) => [x, 0])) as Record<Motivation, number>;
  QUIZ_QUESTIONS.forEach((q, i) => {
    const choice = q.choices[answers[i] ?? -1];
    if (!choice) return;
    if ('profile' in choice.counts) scores[choice.counts.profile]++;
    else motivationScores[choice.counts.motivation]++;
  });
  const best = Math.max(...PROFILES.map((x) => scores[x]));
  return {
    profiles: PROFILES.filter((x) => scores[x] === best),
    scores,
    motivations: [...MOTIVATIONS].sort(
      (a, b) => motivationScores[b] - motivationScores[a] || MOTIVATIONS.indexOf(a) - MOTIVATIONS.indexOf(b),
    ),
    motivationScores,
  };
}

/** A group's mix (a collective, a room): how many people have each profile as (one of) their profile(s), and each motivation first. */
export function quizMix(results: readonly QuizResult[]): {
  profiles: Record<Profile, number>;
  firstMotivation: Record<Motivation, number>;
} {
  const profiles = Object.fromEntries(PROFILES.map((x) => [x, 0])) as Record<Profile, number>;
  const firstMotivation = Object.fromEntries(MOTIVATIONS.map((x) => [x, 0])) as Record<Motivation, number>;
  for (const r of results) {
    for (const x of r.profiles) profiles[x]++;
    const first = r.motivations[0];
    if (first) firstMotivation[first]++;
  }
  return { profiles, firstMotivation };
}
