import type { ProblemEntry } from '../http/problem';

/** Error codes of live facilitation: the core's codes, prefixed `live_`. */
export const liveProblems = {
  live_room_not_found: { status: 404, message: 'Aucune salle ne correspond à ce code : vérifiez-le sur l’écran de la salle.' },
  live_room_closed: { status: 410, message: 'Cette salle est fermée : demandez le code de la nouvelle salle à l’animation.' },
  live_rate_limited: {
    status: 429,
    message: 'Trop de codes erronés depuis votre réseau : vérifiez le code affiché dans la salle, puis réessayez dans quelques instants.',
  },
  live_no_free_code: { status: 503, message: 'Impossible de trouver un code de salle libre : réessayez dans un instant.' },
  live_activity_not_found: { status: 404, message: 'Cette activité n’existe pas dans cette salle : rechargez la console.' },
  live_activity_closed: { status: 409, message: 'Cette activité est déjà close.' },
  live_wrong_kind: { status: 409, message: 'Cette action ne s’applique pas à ce type d’activité.' },
  live_word_not_found: { status: 404, message: 'Ce mot n’est pas (ou plus) dans le nuage : rechargez la console.' },
  live_too_few_participants: {
    status: 409,
    message: 'Pas assez de participants présents : deux au moins pour des groupes ou un world café, trois pour proposer des collectifs.',
  },
  live_invalid_options: {
    status: 400,
    message: 'Un sondage demande au moins deux réponses possibles, un world café au moins deux tables.',
  },
  live_unknown_table: { status: 404, message: 'Cette table ne fait pas partie du world café : rechargez la console.' },
  live_unknown_participant: { status: 404, message: 'Ce participant n’est pas dans la salle : rechargez la console.' },
  live_host_twice: { status: 409, message: 'Une même personne ne peut pas tenir deux tables : choisissez un autre hôte.' },
  live_not_planned: { status: 409, message: 'Planifiez d’abord les rotations (ou proposez d’abord les collectifs).' },
  live_invalid_round: { status: 400, message: 'Ce tour n’existe pas dans ce world café.' },
  live_nothing_to_plan: { status: 409, message: 'Tous les tours sont commencés : il ne reste rien à replanifier.' },
  live_plan_failed: { status: 422, message: 'Le calcul des tables n’a pas abouti : vérifiez le nombre de tables et de présents.' },
  live_idea_not_found: { status: 404, message: 'Cette idée (ou ce regroupement) n’existe pas ou plus : rechargez la console.' },
  live_unknown_theme: { status: 400, message: 'Ce thème ne fait pas partie de l’activité.' },
  live_already_created: {
    status: 409,
    message: 'Les collectifs de cette activité sont déjà enregistrés : une nouvelle proposition ne correspondrait plus à leurs membres.',
  },
  live_empty_keyword: { status: 400, message: 'Un des mots est vide une fois les articles et la ponctuation retirés.' },
} satisfies Record<string, ProblemEntry>;
