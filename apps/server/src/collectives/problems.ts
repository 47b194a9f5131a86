import type { ProblemEntry } from '../http/problem-table';

/** Error codes of collectives. */
export const collectivesProblems = {
  collective_not_found: {
    status: 404,
    message: 'Ce collectif n’existe pas ou plus.',
    en: 'This collective does not exist (or no longer exists).',
  },
  sheet_conflict: {
    status: 409,
    message:
      'Quelqu’un d’autre a enregistré cette partie de la fiche pendant que vous l’écriviez. Comparez sa version avec la vôtre (rien n’est perdu), puis enregistrez de nouveau.',
    en: 'Someone else saved this part of the sheet while you were writing it. Compare their version with yours (nothing is lost), then save again.',
  },
  revision_not_found: {
    status: 404,
    message: 'Cette version de la partie de la fiche n’existe pas.',
    en: 'This version of the sheet section does not exist.',
  },
  collective_member_not_found: {
    status: 404,
    message: 'Ce membre ne fait pas partie de ce collectif.',
    en: 'This member is not part of this collective.',
  },
  member_already_in: {
    status: 409,
    message: 'Cette personne est déjà membre du collectif.',
    en: 'This person is already a member of the collective.',
  },
  member_already_left: {
    status: 409,
    message: 'Ce membre a déjà quitté le collectif.',
    en: 'This member has already left the collective.',
  },
  member_email_required: {
    status: 400,
    message: 'Pour inviter ce membre à créer son compte, indiquez d’abord son adresse e-mail.',
    en: 'To invite this member to create an account, first give their e-mail address.',
  },
  member_has_account: {
    status: 409,
    message: 'Ce membre a déjà un compte lié au collectif.',
    en: 'This member already has an account linked to the collective.',
  },
  comment_not_found: {
    status: 404,
    message: 'Ce commentaire n’existe pas dans ce collectif.',
    en: 'This comment does not exist in this collective.',
  },
  step_not_found: {
    status: 404,
    message: 'Cette étape n’existe pas dans ce collectif.',
    en: 'This step does not exist in this collective.',
  },
  support_request_not_found: {
    status: 404,
    message: 'Cette demande d’appui n’existe pas dans ce collectif.',
    en: 'This support request does not exist in this collective.',
  },
} satisfies Record<string, ProblemEntry>;
