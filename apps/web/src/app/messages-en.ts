import { accountsEn } from '../features/accounts/messages-en';
import { shellEn } from '../features/shell/messages-en';
import { homeEn } from '../features/home/messages-en';
import { territoriesEn } from '../features/territories/messages-en';
import { eventsEn } from '../features/events/messages-en';
import { collectivesEn } from '../features/collectives/messages-en';
import { liveEn } from '../features/live/messages-en';
import { liveRoomsEn } from '../features/live/rooms-messages-en';
import { codevEn } from '../features/live/codev-messages-en';
import { livePaperEn } from '../features/live/paper-messages-en';
import { ecosystemEn } from '../features/ecosystem/messages-en';
import { pathwaysEn } from '../features/pathways/messages-en';
import { evaluationEn } from '../features/evaluation/messages-en';
import { quizEn } from '../features/evaluation/quiz-messages-en';
import { questionnaireEn } from '../features/evaluation/questionnaire-messages-en';
import { evaluationPagesEn } from '../features/evaluation/messages-pages-en';
import { callsEn } from '../features/calls/messages-en';

/** The English catalogue: loaded only when someone chooses English (the entry chunk carries French alone). */
export const englishCatalogue: Readonly<Record<string, string>> = {
  ...shellEn,
  ...homeEn,
  ...accountsEn,
  ...territoriesEn,
  ...eventsEn,
  ...liveEn,
  ...liveRoomsEn,
  ...livePaperEn,
  ...codevEn,
  ...ecosystemEn,
  ...collectivesEn,
  ...pathwaysEn,
  ...evaluationEn,
  ...quizEn,
  ...questionnaireEn,
  ...evaluationPagesEn,
  ...callsEn,
};
