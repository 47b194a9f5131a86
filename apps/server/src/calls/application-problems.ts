import type { ProblemEntry } from '../http/problem-table';

/** Error codes of applications: the file, its budget, its documents and its statuses. */
export const applicationProblems = {
  application_not_found: {
    status: 404,
    message: 'Cette demande de subvention n’existe pas ou plus.',
    en: 'This grant application does not exist (or no longer exists).',
  },
  application_conflict: {
    status: 409,
    message:
      'Quelqu’un d’autre a modifié cette demande pendant que vous la lisiez. Rechargez-la (la version actuelle est dans le détail), puis refaites votre modification.',
    en: 'Someone else changed this application while you were reading it. Reload it (the current version is in the details), then make your change again.',
  },
  application_not_editable: {
    status: 409,
    message:
      'Cette demande a été transmise : elle ne se modifie plus (l’équipe de l’appel peut la renvoyer en brouillon pour compléments).',
    en: 'This application has been sent: it can no longer be changed (the call’s team may send it back to draft for completion).',
  },
  application_lead_not_yours: {
    status: 422,
    message: 'Vous ne faites pas partie de la structure porteuse choisie : choisissez une structure dont vous êtes membre.',
    en: 'You are not a member of the chosen lead organisation: choose an organisation you belong to.',
  },
  application_collective_elsewhere: {
    status: 422,
    message: 'Ce collectif n’est pas du territoire de l’appel : sa fiche ne peut pas pré-remplir cette demande.',
    en: 'This collective is not of the call’s territory: its sheet cannot pre-fill this application.',
  },
  application_territory_outside: {
    status: 422,
    message:
      'Ce territoire n’est pas atteint par l’appel : choisissez une commune ou un quartier du territoire de l’appel (ou de ses territoires éligibles).',
    en: 'The call does not reach this territory: choose a commune or quartier of the call’s territory (or of its eligible territories).',
  },
  application_partner_outside: {
    status: 422,
    message: 'Cette structure partenaire n’agit pas sur le territoire de l’appel : choisissez une structure qui y agit.',
    en: 'This partner organisation does not act on the call’s territory: choose one that does.',
  },
  application_change_elsewhere: {
    status: 422,
    message: 'Ce changement n’est pas d’un chemin de changement du territoire de l’appel : choisissez-en un du territoire ou du collectif.',
    en: 'This change is not of a pathway of the call’s territory: choose one of the territory or of the collective.',
  },
  application_track_closed: {
    status: 422,
    message: 'Cette filière n’est pas ouverte dans cet appel.',
    en: 'This track is not open in this call.',
  },
  application_structure_unknown: {
    status: 422,
    message: 'Cette structure ne porte pas la demande : choisissez la structure porteuse ou une structure partenaire.',
    en: 'This organisation is not part of the application: choose the lead or a partner organisation.',
  },
  application_cofunder_unknown: {
    status: 422,
    message: 'Ce financeur n’est pas un financeur de cet appel : choisissez un des financeurs de l’appel (ligne 74).',
    en: 'This funder does not fund this call: choose one of the call’s funders (line 74).',
  },
  application_budget_unbalanced: {
    status: 422,
    message: 'Le budget n’est pas équilibré : le détail dit l’écart en euros.',
    en: 'The budget does not balance: the details give the gap in euros.',
  },
  application_move_unknown: {
    status: 422,
    message: 'Ce changement de statut n’existe pas depuis le statut actuel de la demande.',
    en: 'This status change does not exist from the application’s current status.',
  },
  application_move_forbidden: {
    status: 422,
    message: 'Ce changement de statut revient à l’autre partie (la structure qui demande, ou l’équipe de l’appel).',
    en: 'This status change belongs to the other party (the applying organisation, or the call’s team).',
  },
  application_not_eligible: {
    status: 422,
    message: 'La demande ne remplit pas encore les conditions de l’appel : le détail dit ce qui manque.',
    en: 'The application does not yet meet the call’s conditions: the details say what is missing.',
  },
  application_not_at_committee: {
    status: 409,
    message: 'Les votes du comité s’enregistrent quand la demande est proposée au comité.',
    en: 'The committee’s votes are recorded when the application is proposed to the committee.',
  },
  application_decision_invalid: {
    status: 422,
    message: 'Une ligne de décision est incohérente : le détail dit laquelle.',
    en: 'A decision line is inconsistent: the details say which.',
  },
  application_not_reportable: {
    status: 409,
    message: 'Le compte rendu financier s’écrit une fois la subvention accordée.',
    en: 'The financial report is written once the grant is awarded.',
  },
  document_not_found: {
    status: 404,
    message: 'Cette pièce n’existe pas ou plus dans cette demande.',
    en: 'This document does not exist (or no longer exists) in this application.',
  },
  document_empty: { status: 422, message: 'Le fichier est vide.', en: 'The file is empty.' },
  document_too_large: {
    status: 413,
    message: 'Le fichier est trop volumineux : 10 Mo au plus.',
    en: 'The file is too large: 10 MB at most.',
  },
  document_type_mismatch: {
    status: 422,
    message: 'Le contenu du fichier ne correspond pas à son type : seuls les PDF, JPEG, PNG, ODT et DOCX sont acceptés.',
    en: 'The file’s content does not match its type: only PDF, JPEG, PNG, ODT and DOCX files are accepted.',
  },
} satisfies Record<string, ProblemEntry>;
