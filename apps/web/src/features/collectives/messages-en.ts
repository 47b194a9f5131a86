import type { collectivesFr } from './messages-fr';

/** Collectives messages, in English. */
export const collectivesEn: Record<keyof typeof collectivesFr, string> = {
  'collectives.nav': 'Collectives',
  'collectives.title': 'Small collectives of actors',
  'collectives.intro':
    'Collectives of 3 to 5 people formed around a shared urgency, often at the end of a cooperation day. Each works on four questions.',
  'collectives.none': 'No collective yet: they are formed in live facilitation, with the “Form small collectives” activity.',
  'collectives.members': '{count, plural, one {# member} other {# members}}',
  'collectives.answered': '{count, plural, one {# question of 4 worked on} other {# questions of 4 worked on}}',
  'collectives.back': '← All collectives',
  'collectives.themes': 'Themes: {themes}',
  'collectives.membersTitle': 'Members',
  'collectives.urgency': 'The shared urgency',
  'collectives.questions': 'The four questions',
  'collectives.updated': 'Answer updated on {date}',
  'collectives.save': 'Save the answer',
  'collectives.saved': 'Answer saved.',
};
