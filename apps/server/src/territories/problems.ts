import type { ProblemEntry } from '../http/problem-table';

export const territoriesProblems = {
  territory_not_found: {
    status: 404,
    message: 'Ce territoire est introuvable : vérifiez l’adresse ou cherchez-le par son nom.',
    en: 'This territory cannot be found: check the address or search for it by name.',
  },
  territory_not_custom: {
    status: 409,
    message:
      'Les régions, départements, intercommunalités et communes viennent du référentiel officiel : ils ne se modifient ni ne se suppriment ici.',
    en: 'Regions, departments, intermunicipal bodies and municipalities come from the official reference data: they cannot be edited or deleted here.',
  },
  commune_not_found: {
    status: 400,
    message: 'Une des communes choisies est introuvable : retirez-la puis cherchez-la à nouveau.',
    en: 'One of the chosen municipalities cannot be found: remove it and search for it again.',
  },
  not_a_commune: {
    status: 400,
    message: 'Un quartier, un QPV ou une zone de ruralité se rattache à des communes : ne choisissez que des communes.',
    en: 'A neighbourhood, a priority area (QPV) or a rural area is made of municipalities: choose municipalities only.',
  },
  territory_code_taken: {
    status: 409,
    message: 'Un territoire de ce type porte déjà ce code officiel : vérifiez le code ou laissez-le vide.',
    en: 'A territory of this type already has this official code: check the code or leave it empty.',
  },
  territory_in_use: {
    status: 409,
    message: 'Ce territoire est encore utilisé (des rôles ou des données y sont rattachés) : retirez-les avant de le supprimer.',
    en: 'This territory is still in use (roles or data are attached to it): remove them before deleting it.',
  },
} satisfies Record<string, ProblemEntry>;
