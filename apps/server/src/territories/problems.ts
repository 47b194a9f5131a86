import type { ProblemEntry } from '../http/problem';

export const territoriesProblems = {
  territory_not_found: { status: 404, message: 'Ce territoire est introuvable : vérifiez l’adresse ou cherchez-le par son nom.' },
  territory_not_custom: {
    status: 409,
    message:
      'Les régions, départements, intercommunalités et communes viennent du référentiel officiel : ils ne se modifient ni ne se suppriment ici.',
  },
  commune_not_found: { status: 400, message: 'Une des communes choisies est introuvable : retirez-la puis cherchez-la à nouveau.' },
  not_a_commune: {
    status: 400,
    message: 'Un quartier, un QPV ou une zone de ruralité se rattache à des communes : ne choisissez que des communes.',
  },
  territory_code_taken: {
    status: 409,
    message: 'Un territoire de ce type porte déjà ce code officiel : vérifiez le code ou laissez-le vide.',
  },
  territory_in_use: {
    status: 409,
    message: 'Ce territoire est encore utilisé (des rôles ou des données y sont rattachés) : retirez-les avant de le supprimer.',
  },
} satisfies Record<string, ProblemEntry>;
