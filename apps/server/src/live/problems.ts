import type { ProblemEntry } from '../http/problem-table';

/** Error codes of live facilitation: the core's codes, prefixed `live_`. */
export const liveProblems = {
  live_room_not_found: {
    status: 404,
    message: 'Aucune salle ne correspond à ce code : vérifiez-le sur l’écran de la salle.',
    en: 'No room matches this code: check it on the room’s screen.',
  },
  live_room_closed: {
    status: 410,
    message: 'Cette salle est fermée : demandez le code de la nouvelle salle à l’animation.',
    en: 'This room is closed: ask the facilitators for the new room’s code.',
  },
  live_rate_limited: {
    status: 429,
    message: 'Trop de codes erronés depuis votre réseau : vérifiez le code affiché dans la salle, puis réessayez dans quelques instants.',
    en: 'Too many wrong codes from your network: check the code shown in the room, then try again in a few moments.',
  },
  live_no_free_code: {
    status: 503,
    message: 'Impossible de trouver un code de salle libre : réessayez dans un instant.',
    en: 'No free room code could be found: try again in a moment.',
  },
  live_activity_not_found: {
    status: 404,
    message: 'Cette activité n’existe pas dans cette salle : rechargez la console.',
    en: 'This activity does not exist in this room: reload the console.',
  },
  live_activity_closed: { status: 409, message: 'Cette activité est déjà close.', en: 'This activity is already closed.' },
  live_wrong_kind: {
    status: 409,
    message: 'Cette action ne s’applique pas à ce type d’activité.',
    en: 'This action does not apply to this type of activity.',
  },
  live_word_not_found: {
    status: 404,
    message: 'Ce mot n’est pas (ou plus) dans le nuage : rechargez la console.',
    en: 'This word is not (or no longer) in the cloud: reload the console.',
  },
  live_too_few_participants: {
    status: 409,
    message: 'Pas assez de participants présents : deux au moins pour des groupes ou un world café, trois pour proposer des collectifs.',
    en: 'Not enough participants present: at least two for groups or a world café, three to propose collectives.',
  },
  live_invalid_options: {
    status: 400,
    message: 'Un sondage demande au moins deux réponses possibles, un world café au moins deux tables.',
    en: 'A poll needs at least two possible answers, a world café at least two tables.',
  },
  live_unknown_table: {
    status: 404,
    message: 'Cette table ne fait pas partie du world café : rechargez la console.',
    en: 'This table is not part of the world café: reload the console.',
  },
  live_unknown_participant: {
    status: 404,
    message: 'Ce participant n’est pas dans la salle : rechargez la console.',
    en: 'This participant is not in the room: reload the console.',
  },
  live_host_twice: {
    status: 409,
    message: 'Une même personne ne peut pas tenir deux tables : choisissez un autre hôte.',
    en: 'The same person cannot host two tables: choose another host.',
  },
  live_not_planned: {
    status: 409,
    message: 'Planifiez d’abord les rotations (ou proposez d’abord les collectifs).',
    en: 'Plan the rotations first (or propose the collectives first).',
  },
  live_invalid_round: {
    status: 400,
    message: 'Ce tour n’existe pas dans ce world café.',
    en: 'This round does not exist in this world café.',
  },
  live_nothing_to_plan: {
    status: 409,
    message: 'Tous les tours sont commencés : il ne reste rien à replanifier.',
    en: 'Every round has started: there is nothing left to replan.',
  },
  live_plan_failed: {
    status: 422,
    message: 'Le calcul des tables n’a pas abouti : vérifiez le nombre de tables et de présents.',
    en: 'The tables could not be worked out: check the number of tables and of people present.',
  },
  live_idea_not_found: {
    status: 404,
    message: 'Cette idée (ou ce regroupement) n’existe pas ou plus : rechargez la console.',
    en: 'This idea (or group) does not exist or no longer exists: reload the console.',
  },
  live_unknown_theme: { status: 400, message: 'Ce thème ne fait pas partie de l’activité.', en: 'This theme is not part of the activity.' },
  live_already_created: {
    status: 409,
    message: 'Les collectifs de cette activité sont déjà enregistrés : une nouvelle proposition ne correspondrait plus à leurs membres.',
    en: 'The collectives of this activity are already saved: a new proposal would no longer match their members.',
  },
  live_no_proposal: {
    status: 409,
    message: 'Proposez d’abord les collectifs.',
    en: 'Propose the collectives first.',
  },
  live_collective_not_found: {
    status: 404,
    message: 'Ce collectif n’existe pas dans cette activité : rechargez la console.',
    en: 'This collective does not exist in this activity: reload the console.',
  },
  live_collective_stored: {
    status: 409,
    message: 'Ce collectif est déjà enregistré dans maillage : renommez-le depuis sa page.',
    en: 'This collective is already saved in maillage: rename it from its page.',
  },
  live_collective_name_taken: {
    status: 409,
    message: 'Un autre collectif de la salle porte déjà ce nom : choisissez-en un autre.',
    en: 'Another collective of the room already has this name: choose another one.',
  },
  live_empty_text: {
    status: 400,
    message: 'Le nom du collectif est vide : écrivez quelques mots.',
    en: 'The collective’s name is empty: write a few words.',
  },
  live_empty_keyword: {
    status: 400,
    message: 'Un des mots est vide une fois les articles et la ponctuation retirés.',
    en: 'One of the words is empty once articles and punctuation are removed.',
  },
} satisfies Record<string, ProblemEntry>;
