/** The questionnaire sent before a training (seed 004): the organiser's questions, the answers, in French. */
export const questionnaireFr = {
  'questionnaire.edit.title': 'Questionnaire préalable',
  'questionnaire.edit.intro':
    'Les questions envoyées en amont aux personnes inscrites : elles y répondent depuis le lien personnel de leur inscription, et les formateurs lisent les réponses avant la journée.',
  'questionnaire.edit.none': 'Aucune question pour l’instant.',
  'questionnaire.edit.question': 'Question {n}',
  'questionnaire.edit.text': 'Intitulé',
  'questionnaire.edit.choices': 'Choix proposés (un par ligne ; vide : réponse libre)',
  'questionnaire.edit.remove': 'Retirer la question {n}',
  'questionnaire.edit.add': 'Ajouter une question',
  'questionnaire.edit.save': 'Enregistrer le questionnaire',
  'questionnaire.edit.saved': 'Questionnaire enregistré.',
  'questionnaire.answers.title': 'Réponses au questionnaire préalable',
  'questionnaire.answers.none': 'Personne n’a encore répondu.',
  'questionnaire.answers.on': 'Répondu le {date}',
  'questionnaire.mine.title': 'Questionnaire avant la journée',
  'questionnaire.mine.intro':
    'Quelques questions des formateurs pour préparer la journée. Vous pouvez modifier vos réponses jusqu’au jour J.',
  'questionnaire.mine.save': 'Enregistrer mes réponses',
  'questionnaire.mine.saved': 'Réponses enregistrées, merci !',
} as const;
