import type { quizFr } from './quiz-messages-fr';

/** « Quel coopérateur je suis ? » in a live room, shared with a collective, and a group's mix, in English. */
export const quizEn: Record<keyof typeof quizFr, string> = {
  'live.console.kind.quiz': 'What kind of cooperator am I? (quiz)',
  'live.quiz.defaultPrompt': 'What kind of cooperator am I?',
  'live.quiz.intro':
    '12 questions, no right or wrong answer. Your answers stay on your phone: the room’s screen only shows the group’s distribution.',
  'live.quiz.send': 'See my profile',
  'live.quiz.sent': 'Answers sent.',
  'live.quiz.again': 'Answer again',
  'live.quiz.keep': 'Keep my result (a link)',
  'live.quiz.kept': 'The link to your result (keep it: it is shown only once):',
  'quiz.mix.people': '{count, plural, one {# person answered} other {# people answered}}',
  'quiz.mix.profiles': 'Profiles',
  'quiz.mix.motivations': 'Motivation named first',
  'quiz.mix.ranking': 'The group’s motivations, in order',
  'quiz.mix.count': '{count, plural, one {# person} other {# people}}',
  'quiz.mix.empty': 'Nobody has answered yet.',
  'quiz.share.title': 'Share with a collective',
  'quiz.share.intro': 'The collective only sees the mix of its members’ profiles and motivations, never your answers.',
  'quiz.share.collective': 'Collective',
  'quiz.share.choose': 'Choose a collective',
  'quiz.share.submit': 'Share',
  'quiz.share.done': 'Result shared with: {names}',
  'quiz.share.none': 'You are not a member of any collective yet.',
  'quiz.share.login': 'Log in to share this result with one of your collectives.',
  'quiz.collective.title': 'The collective’s mix of profiles',
  'quiz.collective.intro': 'The members who took the quiz “What kind of cooperator am I?” and shared their result with the collective.',
  'quiz.collective.take': 'Take the quiz',
  'quiz.collective.tab': 'Evaluation',
  'evaluation.runs.closeRun': 'Close “{title}”',
};
