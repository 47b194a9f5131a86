import type { ProblemEntry } from '../http/problem-table';

/** Error codes of evaluation. */
export const evaluationProblems = {
  indicator_unknown: {
    status: 404,
    message: 'Cet indicateur n’existe pas ou plus.',
    en: 'This indicator does not exist (or no longer exists).',
  },
  indicator_owner_mismatch: {
    status: 422,
    message:
      'Une organisation qui renseigne l’indicateur doit agir sur son territoire : retirez-la ou choisissez une organisation du territoire.',
    en: 'An organisation reporting the indicator must work on its territory: remove it or choose an organisation of the territory.',
  },
  indicator_collective_mismatch: {
    status: 422,
    message: 'Ce collectif n’appartient pas à ce territoire : indiquez le territoire du collectif.',
    en: 'This collective does not belong to this territory: give the collective’s territory.',
  },
  observed_change_not_found: {
    status: 404,
    message: 'Ce changement observé n’existe pas ou plus.',
    en: 'This observed change does not exist (or no longer exists).',
  },
  observed_change_link_invalid: {
    status: 422,
    message: 'Choisissez un changement du chemin indiqué (ou aucun des deux pour détacher l’observation).',
    en: 'Choose a change of the pathway given (or neither, to detach the observation).',
  },
  barometer_run_not_found: {
    status: 404,
    message: 'Ce baromètre n’existe pas ou plus : vérifiez le lien reçu.',
    en: 'This barometer does not exist (or no longer exists): check the link you received.',
  },
  barometer_run_closed: {
    status: 409,
    message: 'Ce baromètre est clos : il ne reçoit plus de réponses.',
    en: 'This barometer is closed: it no longer takes answers.',
  },
  barometer_already_answered: {
    status: 409,
    message: 'Vous avez déjà répondu à ce baromètre depuis cet appareil : merci !',
    en: 'You already answered this barometer from this device: thank you!',
  },
  barometer_answers_invalid: {
    status: 422,
    message: 'Donnez une note de 1 à 5 à au moins une affirmation (les autres peuvent rester sans réponse).',
    en: 'Rate at least one statement from 1 to 5 (the others may stay unanswered).',
  },
  quiz_answers_invalid: {
    status: 422,
    message: 'Choisissez une réponse à chaque question.',
    en: 'Choose an answer to every question.',
  },
  quiz_result_not_found: {
    status: 404,
    message: 'Ce résultat n’existe pas : vérifiez le lien (il est donné une seule fois, à la fin du quiz).',
    en: 'This result does not exist: check the link (it is given once, at the end of the quiz).',
  },
  questionnaire_answer_invalid: {
    status: 422,
    message: 'Une réponse ne correspond à aucune question, ou n’est pas l’un des choix proposés.',
    en: 'An answer matches no question, or is not one of the choices offered.',
  },
  indicator_in_pathway: {
    status: 409,
    message: 'Cet indicateur appartient à un chemin de changement : modifiez-le dans le chemin (chaque modification y fait une version).',
    en: 'This indicator belongs to a change pathway: edit it in the pathway (every edit there makes a version).',
  },
  indicator_frequency_locked: {
    status: 409,
    message: 'Des valeurs sont déjà saisies à cette fréquence : elle ne peut plus changer. Créez un nouvel indicateur si besoin.',
    en: 'Values are already reported at this frequency: it can no longer change. Create a new indicator if needed.',
  },
  measurement_period_invalid: {
    status: 422,
    message: 'Cette période ne suit pas la fréquence de l’indicateur.',
    en: 'This period does not follow the indicator’s frequency.',
  },
  measurement_not_reporter: {
    status: 422,
    message: 'Cette organisation ne fait pas partie de celles qui renseignent cet indicateur : demandez à la coordination de l’ajouter.',
    en: 'This organisation is not one of those reporting this indicator: ask the coordination to add it.',
  },
  measurements_import_has_errors: {
    status: 422,
    message: 'Le fichier contient des erreurs : rien n’a été importé. Corrigez les lignes signalées puis recommencez.',
    en: 'The file has errors: nothing was imported. Fix the lines reported and try again.',
  },
  measurements_import_empty: {
    status: 422,
    message: 'Le fichier ne contient aucune ligne de mesure.',
    en: 'The file holds no measurement line.',
  },
} satisfies Record<string, ProblemEntry>;
