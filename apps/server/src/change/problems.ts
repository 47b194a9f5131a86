import type { ProblemEntry } from '../http/problem-table';

/** Error codes of change pathways. */
export const changeProblems = {
  pathway_not_found: {
    status: 404,
    message: 'Ce chemin de changement n’existe pas ou plus.',
    en: 'This change pathway does not exist (or no longer exists).',
  },
  pathway_version_not_found: {
    status: 404,
    message: 'Cette version du chemin n’existe pas : voyez la liste des versions.',
    en: 'This version of the pathway does not exist: see the list of versions.',
  },
  pathway_owner_mismatch: {
    status: 422,
    message: 'Ce collectif n’appartient pas à ce territoire : indiquez le territoire du collectif.',
    en: 'This collective does not belong to this territory: give the collective’s territory.',
  },
  change_not_found: {
    status: 404,
    message: 'Ce changement n’existe pas dans ce chemin.',
    en: 'This change does not exist in this pathway.',
  },
  link_not_found: { status: 404, message: 'Ce lien n’existe pas dans ce chemin.', en: 'This link does not exist in this pathway.' },
  action_not_found: {
    status: 404,
    message: 'Cette action n’existe pas dans ce chemin.',
    en: 'This action does not exist in this pathway.',
  },
  indicator_not_found: {
    status: 404,
    message: 'Cet indicateur n’existe pas dans ce chemin.',
    en: 'This indicator does not exist in this pathway.',
  },
  link_unknown_change: {
    status: 422,
    message: 'Un lien relie deux changements de ce chemin (ou un changement et la vision) : l’un des deux n’en fait pas partie.',
    en: 'A link joins two changes of this pathway (or a change and the vision): one of them is not part of it.',
  },
  link_self: {
    status: 422,
    message: 'Un changement ne peut pas mener à lui-même : choisissez un autre changement d’arrivée.',
    en: 'A change cannot lead to itself: choose another target change.',
  },
  link_backwards: {
    status: 422,
    message:
      'Ce lien remonte le temps : un changement mène à un changement du même horizon ou d’un horizon plus lointain (court → moyen → long terme → vision), jamais l’inverse.',
    en: 'This link goes back in time: a change leads to a change of the same or a later horizon (short → medium → long term → vision), never the reverse.',
  },
  link_duplicate: { status: 409, message: 'Ce lien existe déjà.', en: 'This link already exists.' },
  link_cycle: {
    status: 422,
    message: 'Ce lien fermerait une boucle : un chemin de changement va toujours vers la vision, sans revenir sur ses pas.',
    en: 'This link would close a loop: a change pathway always moves toward the vision, never back on itself.',
  },
  contribution_unknown: {
    status: 422,
    message: 'Un changement ne contribue qu’à des changements du chemin de son territoire (ou d’un territoire qui le contient).',
    en: 'A change only contributes to changes of its territory’s pathway (or of a territory containing it).',
  },
  review_unknown_change: {
    status: 422,
    message:
      'Une revue donne un feu par changement de ce chemin, une seule fois chacun : un changement nommé n’en fait pas partie ou revient deux fois.',
    en: 'A review gives one light per change of this pathway, once each: a change named is not part of it or appears twice.',
  },
  plan_too_large: {
    status: 422,
    message: 'Le chemin ne tient pas sur une page A4 même en petits caractères : essayez A3 ou regroupez des changements.',
    en: 'The pathway does not fit on one A4 page even in small type: try A3 or group some changes.',
  },
} satisfies Record<string, ProblemEntry>;
