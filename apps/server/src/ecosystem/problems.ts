import type { ProblemEntry } from '../http/problem-table';

/** Error codes of the ecosystem capability, with their status and a French message. */
export const ecosystemProblems = {
  organisation_edit_by_proposal: {
    status: 403,
    message:
      'Proposez une modification : vous ne pouvez modifier directement que les organisations dont vous êtes membre ; un coordinateur du territoire ou un membre de l’organisation l’acceptera ou la refusera.',
    en: 'Propose a change: you may edit directly only the organisations you belong to; a coordinator of the territory or a member of the organisation will accept or refuse it.',
  },
  organisation_changed_since_read: {
    status: 409,
    message:
      'L’organisation a changé depuis que vous avez ouvert sa fiche : rechargez la page, vérifiez ses informations, puis proposez à nouveau votre modification.',
    en: 'The organisation changed since you opened its record: reload the page, check it, then propose your change again.',
  },
  organisation_changed_since_proposal: {
    status: 409,
    message:
      'L’organisation a changé depuis la proposition, sur les mêmes informations : elle n’a pas été appliquée. Refusez-la en expliquant pourquoi, ou modifiez la fiche directement.',
    en: 'The organisation changed since the proposal, on the same fields: it was not applied. Refuse it with a note, or edit the record directly.',
  },
  proposal_empty: {
    status: 400,
    message: 'Cette proposition ne change rien à la fiche : modifiez au moins une information.',
    en: 'This proposal changes nothing on the record: change at least one field.',
  },
  proposal_duplicate: {
    status: 409,
    message:
      'Avec ce nom, ce SIREN ou cette commune, la fiche ressemblerait à une autre organisation de l’annuaire (même SIREN, ou même nom dans la même commune) : signalez plutôt le doublon à la coordination, qui pourra fusionner les deux fiches.',
    en: 'With this name, SIREN or municipality, the record would look like another organisation of the directory: report the duplicate to the coordination instead, who can merge the two records.',
  },
  proposal_not_found: {
    status: 404,
    message: 'Cette proposition est introuvable pour cette organisation : rechargez la page.',
    en: 'This proposal cannot be found for this organisation: reload the page.',
  },
  proposal_already_decided: {
    status: 409,
    message: 'Cette proposition a déjà été acceptée, refusée ou remplacée : rechargez la page.',
    en: 'This proposal has already been accepted, refused or replaced: reload the page.',
  },
  organisation_not_found: {
    status: 404,
    message: 'Cette organisation est introuvable (peut-être fusionnée avec une autre) : rechargez la page.',
    en: 'This organisation cannot be found (perhaps merged into another): reload the page.',
  },
  person_not_found: {
    status: 404,
    message: 'Cette personne est introuvable : rechargez la page.',
    en: 'This person cannot be found: reload the page.',
  },
  theme_not_found: {
    status: 400,
    message: 'Un des thèmes choisis n’existe pas : choisissez-les dans la liste proposée.',
    en: 'One of the chosen themes does not exist: pick them from the list offered.',
  },
  theme_exists: {
    status: 409,
    message: 'Ce thème existe déjà pour ce territoire : choisissez-le dans la liste.',
    en: 'This theme already exists for this territory: pick it from the list.',
  },
  organisation_duplicate: {
    status: 409,
    message:
      'Cette organisation existe probablement déjà (même SIREN, ou même nom dans la même commune) : ouvrez la fiche existante, ou confirmez la création pour la fusionner plus tard.',
    en: 'This organisation probably already exists (same SIREN, or same name in the same municipality): open the existing record, or confirm the creation to merge them later.',
  },
  same_organisation: {
    status: 400,
    message: 'Une relation relie deux organisations différentes : choisissez une autre organisation partenaire.',
    en: 'A relationship links two different organisations: choose another partner organisation.',
  },
  assessment_in_future: {
    status: 400,
    message: 'La date de l’évaluation est dans le futur : indiquez la date à laquelle le niveau a été constaté.',
    en: 'The assessment date is in the future: enter the date on which the level was observed.',
  },
  same_person: {
    status: 400,
    message: 'Une interconnaissance relie deux personnes différentes.',
    en: 'An acquaintance links two different people.',
  },
  import_has_errors: {
    status: 422,
    message: 'Le fichier contient des erreurs : rien n’a été importé. Corrigez les lignes signalées puis réessayez.',
    en: 'The file contains errors: nothing was imported. Fix the flagged rows and try again.',
  },
  import_empty: { status: 422, message: 'Le fichier ne contient aucune ligne à importer.', en: 'The file contains no rows to import.' },
} satisfies Record<string, ProblemEntry>;
