import type { ProblemEntry } from '../http/problem';

/** Error codes of the ecosystem capability, with their status and a French message. */
export const ecosystemProblems = {
  organisation_not_found: {
    status: 404,
    message: 'Cette organisation est introuvable (peut-être fusionnée avec une autre) : rechargez la page.',
  },
  person_not_found: { status: 404, message: 'Cette personne est introuvable : rechargez la page.' },
  theme_not_found: { status: 400, message: 'Un des thèmes choisis n’existe pas : choisissez-les dans la liste proposée.' },
  theme_exists: { status: 409, message: 'Ce thème existe déjà pour ce territoire : choisissez-le dans la liste.' },
  organisation_duplicate: {
    status: 409,
    message:
      'Cette organisation existe probablement déjà (même SIREN, ou même nom dans la même commune) : ouvrez la fiche existante, ou confirmez la création pour la fusionner plus tard.',
  },
  same_organisation: {
    status: 400,
    message: 'Une relation relie deux organisations différentes : choisissez une autre organisation partenaire.',
  },
  assessment_in_future: {
    status: 400,
    message: 'La date de l’évaluation est dans le futur : indiquez la date à laquelle le niveau a été constaté.',
  },
  same_person: { status: 400, message: 'Une interconnaissance relie deux personnes différentes.' },
  import_has_errors: {
    status: 422,
    message: 'Le fichier contient des erreurs : rien n’a été importé. Corrigez les lignes signalées puis réessayez.',
  },
  import_empty: { status: 422, message: 'Le fichier ne contient aucune ligne à importer.' },
} satisfies Record<string, ProblemEntry>;
