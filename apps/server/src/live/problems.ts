import type { ProblemEntry } from '../http/problem';

/** Error codes of live facilitation: the core's codes, prefixed `live_`. */
export const liveProblems = {
  live_room_not_found: { status: 404, message: 'Aucune salle ne correspond à ce code : vérifiez-le sur l’écran de la salle.' },
  live_room_closed: { status: 410, message: 'Cette salle est fermée : demandez le code de la nouvelle salle à l’animation.' },
  live_rate_limited: { status: 429, message: 'Trop de codes erronés depuis votre appareil : patientez dix minutes avant de réessayer.' },
  live_no_free_code: { status: 503, message: 'Impossible de trouver un code de salle libre : réessayez dans un instant.' },
  live_activity_not_found: { status: 404, message: 'Cette activité n’existe pas dans cette salle : rechargez la console.' },
  live_activity_closed: { status: 409, message: 'Cette activité est déjà close.' },
  live_wrong_kind: { status: 409, message: 'Cette action ne s’applique pas à ce type d’activité.' },
  live_word_not_found: { status: 404, message: 'Ce mot n’est pas (ou plus) dans le nuage : rechargez la console.' },
  live_too_few_participants: { status: 409, message: 'Il faut au moins deux participants pour former des groupes.' },
  live_invalid_options: { status: 400, message: 'Un sondage demande au moins deux réponses possibles.' },
} satisfies Record<string, ProblemEntry>;
