import type { ProblemEntry } from '../http/problem-table';

/** Error codes of calls for projects: campaigns, funders, review and the committee. */
export const callsProblems = {
  call_not_found: {
    status: 404,
    message: 'Cet appel à projets n’existe pas ou plus.',
    en: 'This call for projects does not exist (or no longer exists).',
  },
  cofunder_not_found: {
    status: 404,
    message: 'Ce financeur n’existe pas ou n’est pas un financeur de cet appel.',
    en: 'This funder does not exist or does not fund this call.',
  },
  call_conflict: {
    status: 409,
    message:
      'Quelqu’un d’autre a enregistré cet appel à projets pendant que vous le modifiiez. Rechargez-le (sa version actuelle est jointe), reportez vos changements, puis enregistrez de nouveau.',
    en: 'Someone else saved this call for projects while you were editing it. Reload it (its current version is attached), carry your changes over, then save again.',
  },
  call_item_unknown: {
    status: 422,
    message:
      'Cet élément (priorité, référent ou étape) n’appartient pas à cet appel à projets : retirez son identifiant pour en créer un nouveau.',
    en: 'This item (priority, referent or step) does not belong to this call for projects: drop its id to create a new one.',
  },
  call_change_foreign: {
    status: 422,
    message:
      'Cette priorité est liée à un changement du chemin de changement d’un autre territoire : choisissez un changement d’un chemin du territoire de l’appel.',
    en: 'This priority is linked to a change of another territory’s pathway: choose a change of a pathway of the call’s territory.',
  },
  call_territory_outside: {
    status: 422,
    message:
      'Ce territoire n’est pas dans le territoire de l’appel à projets (ses communes et quartiers) : choisissez-en un qui en fait partie.',
    en: 'This territory is not inside the call’s territory (its communes and neighbourhoods): choose one that is.',
  },
  call_track_twice: {
    status: 422,
    message: 'Une même filière est décrite deux fois : chaque filière ne figure qu’une fois.',
    en: 'The same track is described twice: each track appears once.',
  },
  reviewer_outside: {
    status: 422,
    message:
      'Cette personne n’a pas de rôle sur le territoire de l’appel à projets : invitez-la d’abord sur le territoire (rôle instructeur), puis nommez-la instructrice.',
    en: 'This person has no role on the call’s territory: invite them to the territory first (reviewer role), then name them a reviewer.',
  },
  cofunder_in_use: {
    status: 409,
    message:
      'Ce financeur a déjà des avis d’instruction ou des votes : il ne peut plus être retiré de l’appel (mettez son enveloppe à zéro si besoin).',
    en: 'This funder already has reviews or votes: it can no longer be removed from the call (set its envelope to zero if needed).',
  },
  call_file_type: {
    status: 415,
    message:
      'Ce fichier n’est pas du type annoncé : son contenu n’est ni un PDF, ni une image JPEG ou PNG, ni un document ODT ou DOCX. Enregistrez-le dans l’un de ces formats, puis déposez-le de nouveau.',
    en: 'This file is not of the type it claims: its content is not a PDF, a JPEG or PNG image, or an ODT or DOCX document. Save it in one of these formats, then upload it again.',
  },
  call_file_base64: {
    status: 400,
    message: 'Le contenu du fichier n’est pas un base64 valide : déposez-le de nouveau.',
    en: 'The file content is not valid base64: upload it again.',
  },
  call_file_not_found: {
    status: 404,
    message: 'Ce fichier n’existe pas ou n’est pas un fichier de cet appel à projets.',
    en: 'This file does not exist or is not a file of this call for projects.',
  },
  review_not_open: {
    status: 409,
    message:
      'Cette demande n’est pas en instruction : un avis s’écrit une fois la demande déposée et jusqu’au comité (déposée, recevable, en instruction ou proposée au comité).',
    en: 'This application is not under review: a review is written once the application is deposited and until the committee.',
  },
} satisfies Record<string, ProblemEntry>;
