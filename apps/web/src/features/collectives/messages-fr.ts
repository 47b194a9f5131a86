/** Collectives messages, in French (the reference). */
export const collectivesFr = {
  'collectives.nav': 'Collectifs',
  'collectives.title': 'Petits collectifs d’acteurs',
  'collectives.intro':
    'Les collectifs de 3 à 5 personnes formés autour d’une urgence partagée, souvent à la fin d’une journée de coopération. Chacun travaille quatre questions.',
  'collectives.none': 'Aucun collectif pour l’instant : ils se forment en animation, avec l’activité « Former des petits collectifs ».',
  'collectives.members': '{count, plural, one {# membre} other {# membres}}',
  'collectives.answered': '{count, plural, one {# question sur 4 travaillée} other {# questions sur 4 travaillées}}',
  'collectives.back': '← Tous les collectifs',
  'collectives.themes': 'Thèmes : {themes}',
  'collectives.membersTitle': 'Membres',
  'collectives.urgency': 'L’urgence partagée',
  'collectives.questions': 'Les quatre questions',
  'collectives.updated': 'Réponse mise à jour le {date}',
  'collectives.save': 'Enregistrer la réponse',
  'collectives.saved': 'Réponse enregistrée.',
} as const;
