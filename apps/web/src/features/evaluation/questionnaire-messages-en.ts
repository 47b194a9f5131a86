import type { questionnaireFr } from './questionnaire-messages-fr';

/** The questionnaire sent before a training (seed 004): the organiser's questions, the answers, in English. */
export const questionnaireEn: Record<keyof typeof questionnaireFr, string> = {
  'questionnaire.edit.title': 'Pre-training questionnaire',
  'questionnaire.edit.intro':
    'The questions sent beforehand to the registered people: they answer from their registration’s personal link, and the trainers read the answers before the day.',
  'questionnaire.edit.none': 'No question yet.',
  'questionnaire.edit.question': 'Question {n}',
  'questionnaire.edit.text': 'Wording',
  'questionnaire.edit.choices': 'Choices offered (one per line; empty: free answer)',
  'questionnaire.edit.remove': 'Remove question {n}',
  'questionnaire.edit.add': 'Add a question',
  'questionnaire.edit.save': 'Save the questionnaire',
  'questionnaire.edit.saved': 'Questionnaire saved.',
  'questionnaire.answers.title': 'Answers to the pre-training questionnaire',
  'questionnaire.answers.none': 'Nobody has answered yet.',
  'questionnaire.answers.on': 'Answered on {date}',
  'questionnaire.mine.title': 'Questionnaire before the day',
  'questionnaire.mine.intro': 'A few questions from the trainers to prepare the day. You may change your answers until the day.',
  'questionnaire.mine.save': 'Save my answers',
  'questionnaire.mine.saved': 'Answers saved, thank you!',
};
